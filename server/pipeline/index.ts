import { randomUUID } from "node:crypto";
import { messages } from "../messages.js";
import type { AnswerContext, AnswerDeps, AnswerEvent, Turn } from "./context.js";
import type { OffTopicDetector } from "./guard/offTopic.js";
import { checkAnswer } from "./stages/checkAnswer.js";
import { checkInput } from "./stages/checkInput.js";
import { spell } from "./stages/spell.js";
import { compose } from "./stages/compose.js";
import { makeGuard } from "./stages/guard.js";
import { label } from "./stages/label.js";
import { retrieve } from "./stages/retrieve.js";
import { rankUnits } from "./stages/rankUnits.js";
import { runTools } from "./stages/runTools.js";
import { suggest } from "./stages/suggest.js";
import { reviewedAnswer } from "./stages/reviewedAnswer.js";
import { understand } from "./stages/understand.js";

export type Stage = (ctx: AnswerContext) => Promise<void>;

/** One stage of the answer, with what the runner must know of it. */
export interface StageSpec {
  name: string;
  run: Stage;
  /** Runs on a stopped answer too: every generated answer carries the AI label. */
  evenWhenStopped?: boolean;
  /** After this stage the message is checked and redacted: the moment to store it (onAccepted). */
  accepts?: boolean;
}

/** How an answer is made, in order. Any stage may finish the answer early with ctx.stop(…). */
export function answerStages(offTopic: OffTopicDetector): StageSpec[] {
  return [
    { name: "checkInput", run: checkInput, accepts: true },
    { name: "spell", run: spell },
    { name: "guard", run: makeGuard(offTopic) },
    { name: "understand", run: understand },
    { name: "reviewedAnswer", run: reviewedAnswer },
    { name: "retrieve", run: retrieve },
    { name: "rankUnits", run: rankUnits },
    { name: "runTools", run: runTools },
    { name: "compose", run: compose },
    { name: "checkAnswer", run: checkAnswer },
    { name: "suggest", run: suggest },
    { name: "label", run: label, evenWhenStopped: true },
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
  private readonly stages: StageSpec[];

  constructor(
    private readonly deps: AnswerDeps,
    offTopic: OffTopicDetector,
  ) {
    this.stages = answerStages(offTopic);
  }

  async answer(request: AnswerRequest): Promise<AnswerContext> {
    const ctx = newContext(this.deps, request);
    request.onStart?.(ctx.messageId);
    for (const stage of this.stages) {
      const started = performance.now();
      try {
        if (!ctx.stopped || stage.evenWhenStopped) await stage.run(ctx);
        if (stage.accepts) await request.onAccepted?.(ctx);
      } catch (error) {
        ctx.notes.push(`stage_failed:${stage.name}:${(error as Error).message}`);
        ctx.citations = [];
        ctx.stop("error_internal", messages.answer.internalError);
      }
      ctx.timings[stage.name] = Math.round((performance.now() - started) * 100) / 100;
    }
    ctx.status ??= "error_internal";
    return ctx;
  }
}

function newContext(deps: AnswerDeps, request: AnswerRequest): AnswerContext {
  const ctx: AnswerContext = {
    deps,
    conversationId: request.conversationId,
    messageId: randomUUID(),
    history: request.history,
    rawMessage: request.message,
    message: "",
    redactions: [],
    question: "",
    intent: "plan_fact",
    asks: {
      yesNo: null,
      when: false,
      time: false,
      howMuch: false,
      who: false,
      list: false,
      how: false,
      applies: false,
      alternative: false,
      content: false,
    },
    persona: "public",
    reviewedAnswerId: null,
    pinnedUnitIds: [],
    subjectUnitId: null,
    passages: [],
    leadCandidates: [],
    industry: null,
    providedPassages: [],
    calculatorRequest: null,
    toolRuns: [],
    answer: "",
    citations: [],
    suggestions: [],
    mode: "offline",
    status: null,
    notes: [],
    english: false,
    levelStatus: null,
    timings: {},
    stopped: false,
    emit: request.emit ?? (() => {}),
    signal: request.signal ?? new AbortController().signal,
    searches: new Map(),
    stop(status, reply) {
      ctx.answer = reply;
      ctx.status = status;
      ctx.stopped = true;
    },
    finish({ answer, citations, status, mode }) {
      Object.assign(ctx, { answer, citations, status, mode });
      ctx.emit({ type: "delta", text: answer });
    },
  };
  return ctx;
}
