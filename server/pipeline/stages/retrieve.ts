import type { AnswerContext } from "../context.js";
import { pinnedFirst, searchOnce } from "../search.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";

/**
 * Below both of these a passage shares too little with the question to be quoted as its answer.
 * Calibrated on the answer eval's out-of-plan questions (npm run eval).
 */
export const MIN_BM25_SCORE = 1.2;
export const MIN_VECTOR_SIMILARITY = 0.15;

export async function retrieve(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting") return;
  const { results } = await searchOnce(ctx, ctx.question);
  const pinned = ctx.pinnedUnitIds.flatMap((unitId) => ctx.deps.knowledge.passagesOfUnit(unitId));
  ctx.passages = pinnedFirst(pinned, results.filter(isRelevant));
}

export function isRelevant(result: SearchResult): boolean {
  return (
    result.signals.bm25Score >= MIN_BM25_SCORE || result.signals.vectorSimilarity >= MIN_VECTOR_SIMILARITY
  );
}
