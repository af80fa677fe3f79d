import type { AnswerContext } from "../context.js";
import { followUps } from "../suggest/followUps.js";

/**
 * 猜你想问: after an answer that quotes the plan, two or three questions from the plan's structure
 * around what it cites (its 责任单位, the clause beside it, the list it belongs to). Refusals, prompts
 * for input and fallbacks get none.
 */
export async function suggest(ctx: AnswerContext): Promise<void> {
  if (ctx.status !== "answered") return;
  const asked = [...ctx.history.map((turn) => turn.question), ctx.message];
  const cited = ctx.citations.map((citation) => citation.unitId);
  ctx.suggestions = followUps(ctx.deps.knowledge, cited, { answer: ctx.answer, asked }).map(
    (followUp) => followUp.question,
  );
}
