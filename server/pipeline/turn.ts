import type { AnswerContext, Turn } from "./context.js";

/** What a finished answer leaves for the follow-ups of its conversation. */
export function toTurn(ctx: AnswerContext): Turn {
  return {
    messageId: ctx.messageId,
    question: ctx.message,
    resolvedQuestion: ctx.question,
    intent: ctx.intent,
    status: ctx.status!,
    citations: ctx.citations,
    calculatorRequest: ctx.calculatorRequest,
    answer: ctx.answer,
  };
}
