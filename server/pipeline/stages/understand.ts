import { messages } from "../../messages.js";
import { beijingDay } from "../../time.js";
import type { AnswerContext } from "../context.js";
import { isGreetingOrHelp } from "../guard/greeting.js";
import { understandCalculation } from "../understand/calculation/conversation.js";
import { documentNoticeUnits } from "../understand/documentQuestion.js";
import { resolveFollowUp } from "../understand/followUp.js";
import { classifyIntent } from "../understand/intent.js";
import { guessPersona } from "../understand/persona.js";

export async function understand(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting") return;
  const resolution = resolveFollowUp(ctx.message, ctx.history, ctx.deps.knowledge);
  ctx.question = resolution.question;
  ctx.pinnedUnitIds = [
    ...resolution.pinnedUnitIds,
    ...namedColumnEntries(ctx),
    ...documentNoticeUnits(ctx.question, ctx.deps.knowledge),
  ];

  const reading = { ...ctx.deps.reading, year: Number(beijingDay().slice(0, 4)) };
  const calculation = understandCalculation({
    message: ctx.message,
    question: ctx.question,
    history: ctx.history,
    reading,
  });
  ctx.calculatorRequest = calculation.request;
  if (calculation.dropped) {
    // "算了": the calculation is dropped; whatever else the message asks is a new question.
    const rest = calculation.dropped.rest;
    if (!rest || isGreetingOrHelp(rest)) {
      ctx.answer = messages.answer.calculationDropped;
      ctx.status = "answered_help";
      ctx.stopped = true;
      return;
    }
    ctx.question = rest;
    ctx.pinnedUnitIds = [];
    ctx.calculatorRequest = understandCalculation({
      message: rest,
      question: rest,
      history: [],
      reading,
    }).request;
  }
  ctx.intent = classifyIntent(ctx.question, ctx.calculatorRequest?.tool ?? null);
  ctx.persona = guessPersona([...ctx.history.map((turn) => turn.question), ctx.message].join("\n"));
}

/** "专栏3讲了什么": a column named by its number is what the question is about. */
function namedColumnEntries(ctx: AnswerContext): string[] {
  const number = /专栏\s*(\d{1,2})/.exec(ctx.question)?.[1];
  if (!number) return [];
  const column = ctx.deps.knowledge.units.find(
    (unit) => unit.kind === "column" && unit.label === `专栏${number}`,
  );
  return column?.childIds ?? [];
}
