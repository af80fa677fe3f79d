import { toTurn } from "../../server/pipeline/turn.js";
import type {
  AnswerContext,
  AnswerDeps,
  AnswerEvent,
  Citation,
  Turn,
} from "../../server/pipeline/context.js";
import type { OffTopicDetector } from "../../server/pipeline/guard/offTopic.js";
import { AnswerPipeline, answerStages } from "../../server/pipeline/index.js";

/**
 * A context exactly as the pipeline starts one (its own defaults, whatever fields it gains), with
 * real deps; `overrides` set what earlier stages would have. Emitted events collect in `events`.
 */
export async function makeContext(
  deps: AnswerDeps,
  overrides: Partial<AnswerContext> = {},
): Promise<AnswerContext & { events: AnswerEvent[] }> {
  const events: AnswerEvent[] = [];
  // A pipeline with no stages returns the context it started with.
  const empty = Object.assign(Object.create(AnswerPipeline.prototype) as object, {
    deps,
    stages: [],
  }) as unknown as AnswerPipeline;
  const message = overrides.message ?? overrides.rawMessage ?? "";
  const ctx = await empty.answer({
    message,
    conversationId: "c_test",
    history: [],
    emit: (event: AnswerEvent) => events.push(event),
  });
  if (ctx.deps !== deps)
    throw new Error("AnswerPipeline no longer keeps its parts in `deps`/`stages`: update makeContext.");
  Object.assign(ctx, { status: null, timings: {}, message, question: message }, overrides);
  return Object.assign(ctx, { events });
}

/** What the chat route stores for a finished answer. */
export const turnOf = toTurn;

/** A stored turn written by hand, for follow-up tests that need exact citations. */
export function turn(resolvedQuestion: string, citations: Citation[] = [], extra: Partial<Turn> = {}): Turn {
  return {
    messageId: `m_${resolvedQuestion.length}`,
    question: resolvedQuestion,
    resolvedQuestion,
    intent: "plan_fact",
    status: "answered",
    citations,
    calculatorRequest: null,
    answer: "",
    ...extra,
  };
}

export function citation(unitId: string, breadcrumb: string, n = 1): Citation {
  return { id: `${unitId}#${n}`, unitId, breadcrumb, quote: "" };
}

/** Asks each message in turn, carrying the history as the chat route does; returns every answer. */
export async function converse(pipeline: AnswerPipeline, ...messages: string[]): Promise<AnswerContext[]> {
  const history: Turn[] = [];
  const answers: AnswerContext[] = [];
  for (const message of messages) {
    const ctx = await pipeline.answer({ message, conversationId: "c_test", history: [...history] });
    answers.push(ctx);
    history.push(turnOf(ctx));
  }
  return answers;
}

/** The last answer of a conversation. */
export async function lastAnswer(pipeline: AnswerPipeline, ...messages: string[]): Promise<AnswerContext> {
  return (await converse(pipeline, ...messages)).at(-1)!;
}

/**
 * Runs the pipeline's own stages on `ctx`, in order, up to and including `through` (skipping the
 * rest once a stage stops the answer), so a stage test starts from what the earlier stages made.
 */
export async function runStagesThrough<C extends AnswerContext>(
  ctx: C,
  offTopic: OffTopicDetector,
  through: string,
): Promise<C> {
  const stages = answerStages(offTopic);
  if (!stages.some(({ name }) => name === through))
    throw new Error(`No stage named ${through}: ${stages.map(({ name }) => name).join(", ")}`);
  for (const { name, run } of stages) {
    if (!ctx.stopped) await run(ctx);
    if (name === through) break;
  }
  return ctx;
}
