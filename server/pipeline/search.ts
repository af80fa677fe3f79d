import type { Passage } from "../knowledge/types.js";
import type { SearchResponse, SearchResult } from "../retrieval/hybridSearcher.js";
import type { AnswerContext } from "./context.js";

export const SEARCH_DEPTH = 8;

/** One search per distinct query and answer, shared by the stages that need it (guard, retrieve). */
export async function searchOnce(ctx: AnswerContext, query: string): Promise<SearchResponse> {
  let response = ctx.searches.get(query);
  if (!response) {
    response = await ctx.deps.searcher.search(query, SEARCH_DEPTH);
    ctx.searches.set(query, response);
  }
  return response;
}

/** A passage chosen by the pipeline itself (pinned by a follow-up, cited by a calculator), ranked above any search hit. */
export function pinnedResult(passage: Passage): SearchResult {
  return {
    passage,
    score: Infinity,
    signals: { bm25Rank: null, bm25Score: Infinity, vectorRank: null, vectorSimilarity: 1 },
  };
}

/** The chosen passages first, then the search results that are not among them. */
export function pinnedFirst(passages: Passage[], results: SearchResult[]): SearchResult[] {
  const ids = new Set(passages.map((passage) => passage.id));
  return [...passages.map(pinnedResult), ...results.filter((r) => !ids.has(r.passage.id))];
}
