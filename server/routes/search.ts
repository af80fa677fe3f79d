import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { parseOrThrow } from "../http/errors.js";
import type { SearchResult } from "../retrieval/hybridSearcher.js";

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(500).describe("问题或关键词，1–500 个字符"),
  k: z.coerce.number().int().min(1).max(20).default(5).describe("返回条数，1–20，默认 5"),
});

export function searchRouter({ searcher }: Pick<AppServices, "searcher">): Router {
  const router = Router();
  router.get("/search", async (req, res) => {
    const { q, k } = parseOrThrow("search", searchQuerySchema, req.query);
    const response = await searcher.search(q, k);
    res.json({
      query: q,
      expandedTerms: response.expandedTerms,
      results: response.results.map(toSearchResultJson),
    });
  });
  return router;
}

export function toSearchResultJson(result: SearchResult) {
  const { passage } = result;
  return {
    id: passage.id,
    unitId: passage.unitId,
    breadcrumb: passage.breadcrumb.join(" › "),
    text: passage.text,
    score: Number(result.score.toFixed(6)),
    responsibleUnits: passage.responsibleUnits,
  };
}
