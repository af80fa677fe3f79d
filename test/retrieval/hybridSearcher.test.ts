import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { offlineEmbeddings } from "../../server/retrieval/embeddings.js";
import {
  HybridSearcher,
  PLAIN_FIELD_WEIGHTS,
  type HybridSearcherParts,
} from "../../server/retrieval/hybridSearcher.js";
import { SynonymTable } from "../../server/retrieval/synonyms.js";
import { ChineseTokenizer } from "../../server/retrieval/tokenizer.js";
import { loadOrBuildVectorIndex } from "../../server/retrieval/vectorIndex.js";
import { UnreachableEmbeddings } from "./fakeEmbeddings.js";

const knowledgeDir = fileURLToPath(new URL("../../knowledge/", import.meta.url));
let tempDir: string;
let knowledge: KnowledgeBase;
let parts: HybridSearcherParts;
let searcher: HybridSearcher;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "hybrid-searcher-test-"));
  knowledge = loadKnowledgeBase(knowledgeDir);
  const named = offlineEmbeddings(knowledge);
  const { store } = await loadOrBuildVectorIndex(knowledge, named, path.join(tempDir, "index"));
  parts = {
    knowledge,
    tokenizer: ChineseTokenizer.fromFile(path.join(knowledgeDir, "retrieval/dictionary.txt")),
    synonyms: SynonymTable.fromFile(path.join(knowledgeDir, "retrieval/synonyms.json")),
    vectors: { store, embeddings: named },
  };
  searcher = new HybridSearcher(parts);
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const topUnits = async (s: HybridSearcher, question: string, k = 3) =>
  (await s.search(question, k)).results.map((r) => r.passage.unitId);

describe("HybridSearcher on the plan", () => {
  describe("when people ask in everyday words", () => {
    it.each([
      ["空压机很老了要换吗", ["hn2023:2.2.3", "hn2023:zl3.2"]],
      ["规上企业能耗要降多少", ["hn2023:1.3"]],
      ["水泥熟料的标杆值是多少", ["hn2023:3.2.benchmark"]],
      ["合同能源管理", ["hn2023:2.2.4", "hn2023:4.3"]],
      ["有没有补贴", ["hn2023:4.2"]],
      ["屋顶装太阳能板", ["hn2023:zl7.2", "hn2023:2.2.1"]],
      ["化工企业入园率要达到多少", ["hn2023:3.3.target"]],
      ["哪个部门管工业固废", ["hn2023:2.4.3"]],
    ])("finds the clause for “%s” in the top 3", async (question, expected) => {
      const units = await topUnits(searcher, question);
      expect(
        units.some((unit) => expected.includes(unit)),
        `top 3: ${units.join(", ")}`,
      ).toBe(true);
    });
  });

  describe("when a question is about a whole part of the plan", () => {
    it.each([
      ["重点任务包括哪些行动", "hn2023:2"],
      ["实施路径里讲了哪些行业", "hn2023:3"],
    ])("finds the part's overview for “%s” in the top 3", async (question, expected) => {
      expect(await topUnits(searcher, question)).toContain(expected);
    });

    it("owes it to the field weights: the passage's own title and the titles of what it introduces", async () => {
      const lexical = new HybridSearcher({ ...parts, vectors: null });
      const plain = new HybridSearcher({ ...parts, vectors: null, fieldWeights: PLAIN_FIELD_WEIGHTS });
      expect((await topUnits(lexical, "重点任务包括哪些行动", 1))[0]).toBe("hn2023:2");
      expect(await topUnits(plain, "重点任务包括哪些行动", 1)).not.toContain("hn2023:2");
    });
  });

  it("reports the plan's terms it added for everyday words", async () => {
    expect((await searcher.search("空压机很老了要换吗")).expandedTerms).toContain("压缩机");
  });

  it("returns k results, best first, with both rankings' signals", async () => {
    const { results, degraded } = await searcher.search("水泥熟料的标杆值是多少", 7);
    expect(degraded).toBe(false);
    expect(results).toHaveLength(7);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
    expect(results[0]!.signals.bm25Rank).toBe(1);
    expect(results.some((r) => r.signals.vectorRank !== null)).toBe(true);
    expect(
      results.every((r) => r.signals.vectorSimilarity >= 0 && r.signals.vectorSimilarity <= 1.0001),
    ).toBe(true);
  });

  it("uses the vector ranking, so a passage the words miss can still be found", async () => {
    const vectorOnly = (await searcher.search("水泥熟料的标杆值是多少", 40)).results.filter(
      (r) => r.signals.bm25Rank === null,
    );
    expect(vectorOnly.length).toBeGreaterThan(0);
    expect(vectorOnly.every((r) => r.signals.vectorRank !== null)).toBe(true);
  });

  describe("when the vector side fails (the embeddings endpoint is down)", () => {
    it("still answers from BM25 and says it is degraded", async () => {
      const broken = new HybridSearcher({
        ...parts,
        vectors: {
          store: parts.vectors!.store,
          embeddings: { id: "down", embeddings: new UnreachableEmbeddings() },
        },
      });
      const response = await broken.search("水泥熟料的标杆值是多少", 5);
      expect(response.degraded).toBe(true);
      expect(response.results).toHaveLength(5);
      expect(response.results[0]!.passage.unitId).toBe("hn2023:3.2.benchmark");
      expect(
        response.results.every((r) => r.signals.vectorRank === null && r.signals.bm25Rank !== null),
      ).toBe(true);
    });
  });

  describe("when there are no vectors at all", () => {
    const bm25Only = () => new HybridSearcher({ ...parts, vectors: null });

    it("ranks by BM25 alone, not degraded", async () => {
      const s = bm25Only();
      expect(s.vectorEnabled).toBe(false);
      const response = await s.search("合同能源管理", 3);
      expect(response.degraded).toBe(false);
      expect(response.results[0]!.passage.unitId).toMatch(/^hn2023:(2\.2\.4|4\.3)$/);
    });

    describe("when no passage matches", () => {
      it("returns no results", async () => {
        expect((await bm25Only().search("的了吗？", 5)).results).toEqual([]);
        expect((await bm25Only().search("qwertyuiop", 5)).results).toEqual([]);
      });
    });
  });

  describe("the fusion weights", () => {
    it("let a heavier vector ranking reorder the results", async () => {
      const question = "电炉炼钢的标杆值";
      const lexicalOnly = new HybridSearcher({ ...parts, weights: { bm25: 1, vector: 0 } });
      const vectorHeavy = new HybridSearcher({ ...parts, weights: { bm25: 0, vector: 1 } });
      const lexical = (await lexicalOnly.search(question, 5)).results;
      const vector = (await vectorHeavy.search(question, 5)).results;
      expect(lexical.map((r) => r.signals.bm25Rank)).toEqual([1, 2, 3, 4, 5]);
      expect(vector.map((r) => r.signals.vectorRank)).toEqual([1, 2, 3, 4, 5]);
      expect(vector.map((r) => r.passage.id)).not.toEqual(lexical.map((r) => r.passage.id));
    });
  });

  it("exposes the knowledge it searches", () => {
    expect(searcher.knowledge).toBe(knowledge);
    expect(searcher.vectorEnabled).toBe(true);
  });
});
