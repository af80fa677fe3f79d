import { messages } from "../../messages.js";
import type { AnswerContext, Citation } from "../context.js";
import { citationOf } from "../citation.js";

/** A question bureau staff have answered themselves gets their reviewed answer, marked as such. */
export async function reviewedAnswer(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting" || ctx.calculatorRequest) return;
  const reviewed =
    ctx.deps.curated.match(ctx.question) ??
    (ctx.question !== ctx.message ? ctx.deps.curated.match(ctx.message) : null);
  if (!reviewed) return;
  ctx.citations = reviewed.unitIds.flatMap((unitId): Citation[] => {
    const passage = ctx.deps.knowledge.passagesOfUnit(unitId)[0];
    return passage ? [citationOf(passage, ctx.deps.knowledge.document(passage.docId))] : [];
  });
  ctx.reviewedAnswerId = reviewed.id;
  ctx.finish({
    answer: `${reviewed.answer}\n\n${messages.answer.reviewedLabel}`,
    citations: ctx.citations,
    status: "answered_reviewed",
    mode: "offline",
  });
  ctx.stopped = true;
}
