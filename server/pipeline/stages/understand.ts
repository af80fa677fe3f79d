import type { AnswerContext } from "../context.js";
import { resolveFollowUp } from "../understand/followUp.js";
import { classifyIntent } from "../understand/intent.js";

export async function understand(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting") return;
  const resolution = resolveFollowUp(ctx.message, ctx.history, ctx.deps.knowledge);
  ctx.question = resolution.question;
  ctx.pinnedUnitIds = resolution.pinnedUnitIds;

  // Figures given after the assistant asked for them complete the earlier calculation.
  const previous = ctx.history.at(-1);
  const pending = previous?.status === "answered_needs_input" ? previous.calculatorRequest : null;
  ctx.calculatorRequest = ctx.deps.calculators.parseMessage(ctx.message, pending) ??
    (ctx.question !== ctx.message ? ctx.deps.calculators.parseMessage(ctx.question, null) : null);
  ctx.intent = classifyIntent(ctx.question, ctx.calculatorRequest !== null);
}
