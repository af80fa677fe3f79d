import { randomUUID } from "node:crypto";
import { messages } from "../messages.js";
import type { AnswerContext, AnswerDeps, AnswerEvent, Turn } from "./context.js";
import type { OffTopicDetector } from "./guard/offTopic.js";
import { checkAnswer } from "./stages/checkAnswer.js";
import { checkInput } from "./stages/checkInput.js";
import { compose } from "./stages/compose.js";
import { makeGuard } from "./stages/guard.js";
import { label } from "./stages/label.js";
import { retrieve } from "./stages/retrieve.js";
import { rankUnits } from "./stages/rankUnits.js";
import { runTools } from "./stages/runTools.js";
import { reviewedAnswer } from "./stages/reviewedAnswer.js";
import { understand } from "./stages/understand.js";

export type Stage = (ctx: AnswerContext) => Promise<void>;

/** How an answer is made, in order. Any stage may finish the answer early by setting ctx.stopped. */
export function answerStages(offTopic: OffTopicDetector): Array<[string, Stage]> {
  return [
    ["checkInput", checkInput],
    ["guard", makeGuard(offTopic)],
    ["understand", understand],
    ["reviewedAnswer", reviewedAnswer],
    ["retrieve", retrieve],
    ["rankUnits", rankUnits],
    ["runTools", runTools],
    ["compose", compose],
    ["checkAnswer", checkAnswer],
    ["label", label],
  ];
}

export interface AnswerRequest {
  message: string;
  conversationId: string;
  history: Turn[];
  emit?: (event: AnswerEvent) => void;
  /** Called with the message id before any stage runs, so a stream can announce it first. */
  onStart?: (messageId: string) => void;
  /** Called once the message is checked and redacted, before it is answered: the moment to store it. */
  onAccepted?: (ctx: AnswerContext) => Promise<void>;
  signal?: AbortSignal;
}

export class AnswerPipeline {
  private readonly stages: Array<[string, Stage]>;

  constructor(
    private readonly deps: AnswerDeps,
    offTopic: OffTopicDetector,
  ) {
    this.stages = answerStages(offTopic);
  }

  async answer(request: AnswerRequest): Promise<AnswerContext> {
    const ctx = newContext(this.deps, request);
    request.onStart?.(ctx.messageId);
    for (const [name, stage] of this.stages) {
      const started = performance.now();
      try {
        // Stopped answers still get labelled; nothing else runs after a stop.
        if (!ctx.stopped || name === "label") await stage(ctx);
        if (name === "checkInput") await request.onAccepted?.(ctx);
      } catch (error) {
        ctx.notes.push(`stage_failed:${name}:${(error as Error).message}`);
        ctx.answer = messages.answer.internalError;
        ctx.status = "error_internal";
        ctx.citations = [];
        ctx.stopped = true;
      }
      ctx.timings[name] = Math.round((performance.now() - started) * 100) / 100;
    }
    ctx.status ??= "error_internal";
    return ctx;
  }
}

function newContext(deps: AnswerDeps, request: AnswerRequest): AnswerContext {
  return {
    deps,
    conversationId: request.conversationId,
    messageId: randomUUID(),
    history: request.history,
    rawMessage: request.message,
    message: "",
    redactions: [],
    question: "",
    intent: "plan_fact",
    asks: { yesNo: null, when: false, howMuch: false, who: false, list: false, how: false, applies: false },
    persona: "public",
    reviewedAnswerId: null,
    pinnedUnitIds: [],
    passages: [],
    leadCandidates: [],
    industry: null,
    providedPassages: [],
    calculatorRequest: null,
    toolRuns: [],
    answer: "",
    citations: [],
    mode: "offline",
    status: null,
    notes: [],
    timings: {},
    stopped: false,
    emit: request.emit ?? (() => {}),
    signal: request.signal ?? new AbortController().signal,
    searches: new Map(),
  };
}
