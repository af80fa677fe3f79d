import type { SearchResponse } from "../retrieval/hybridSearcher.js";
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
