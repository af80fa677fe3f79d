import { describe, expect, it } from "vitest";
import type { SearchResult } from "../../../server/retrieval/hybridSearcher.js";
import {
  isRelevant,
  MIN_BM25_SCORE,
  MIN_VECTOR_SIMILARITY,
  retrieve,
} from "../../../server/pipeline/stages/retrieve.js";
import { useTestServices } from "../../support/services.js";
import { makeContext } from "../factories.js";

const env = useTestServices();

async function retrieved(question: string, pinnedUnitIds: string[] = []) {
  const ctx = await makeContext(env.deps, { message: question, question, pinnedUnitIds });
  await retrieve(ctx);
  return ctx;
}

const ids = (results: SearchResult[]) => results.map((r) => r.passage.id);

describe("retrieve", () => {
  it("finds the clause that answers a plan question first", async () => {
    const ctx = await retrieved("规上工业单位增加值能耗到2025年要降多少");
    expect(ctx.passages[0]?.passage.unitId).toBe("hn2023:1.3");
    expect(ctx.passages.length).toBeLessThanOrEqual(8);
  });

  it("searches the resolved question, not the message", async () => {
    const ctx = await makeContext(env.deps, { message: "那水泥呢？", question: "水泥熟料的标杆值是多少" });
    await retrieve(ctx);
    expect(ctx.passages[0]?.passage.unitId).toBe("hn2023:3.2.benchmark");
  });

  describe("pinned units (a follow-up such as “第二条由谁负责？”)", () => {
    it("puts every passage of the pinned unit first, in order", async () => {
      const ctx = await retrieved("开展节能降碳升级改造 第二条由谁负责？", ["hn2023:2.2.3"]);
      expect(ids(ctx.passages).slice(0, 2)).toEqual(["hn2023:2.2.3#1", "hn2023:2.2.3#2"]);
    });

    it("puts them first even when the search ranks them low or not at all", async () => {
      const ctx = await retrieved("水泥熟料的标杆值是多少", ["hn2023:2.4.3"]);
      expect(ctx.passages[0]?.passage.unitId).toBe("hn2023:2.4.3");
      expect(ctx.passages.some((r) => r.passage.unitId === "hn2023:3.2.benchmark")).toBe(true);
    });

    it("lists a pinned passage once", async () => {
      const ctx = await retrieved("节能降碳升级改造由谁牵头", ["hn2023:2.2.3"]);
      expect(new Set(ids(ctx.passages)).size).toBe(ctx.passages.length);
    });
  });

  describe("irrelevant passages", () => {
    it.each(["量子纠缠的贝尔不等式", "红烧肉怎么做"])(
      "are dropped: nothing is kept for “%s”",
      async (question) => {
        const { results } = await env.deps.searcher.search(question, 8);
        expect(results.length).toBeGreaterThan(0); // the search always returns its nearest passages…
        expect((await retrieved(question)).passages).toEqual([]); // …but none shares enough with the question
      },
    );

    it("keeps exactly the search results that pass the relevance bar", async () => {
      const question = "工业固废综合利用率";
      const { results } = await env.deps.searcher.search(question, 8);
      const ctx = await retrieved(question);
      expect(ids(ctx.passages)).toEqual(ids(results.filter(isRelevant)));
      expect(ctx.passages.every(isRelevant)).toBe(true);
    });
  });

  it("does not search for a greeting", async () => {
    const ctx = await makeContext(env.deps, { message: "你好", intent: "greeting" });
    await retrieve(ctx);
    expect(ctx.passages).toEqual([]);
  });
});

describe("isRelevant", () => {
  const result = (bm25Score: number, vectorSimilarity: number) =>
    ({
      signals: { bm25Score, vectorSimilarity, bm25Rank: null, vectorRank: null },
    }) as unknown as SearchResult;

  it("needs enough shared words or a close enough vector", () => {
    expect(isRelevant(result(MIN_BM25_SCORE, 0))).toBe(true);
    expect(isRelevant(result(0, MIN_VECTOR_SIMILARITY))).toBe(true);
    expect(isRelevant(result(MIN_BM25_SCORE - 0.01, MIN_VECTOR_SIMILARITY - 0.01))).toBe(false);
  });
});
