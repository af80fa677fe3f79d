import { describe, expect, it } from "vitest";
import {
  HASHED_NGRAM_DIMENSIONS,
  HashedNgramEmbeddings,
} from "../../server/retrieval/hashedNgramEmbeddings.js";

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

describe("HashedNgramEmbeddings", () => {
  const embeddings = new HashedNgramEmbeddings();

  it("gives the same vector for the same text, across instances", async () => {
    const text = "淘汰高耗能落后设备，提高电机、风机、压缩机等系统能效。";
    expect(await new HashedNgramEmbeddings().embedQuery(text)).toEqual(await embeddings.embedQuery(text));
  });

  it("returns unit vectors of the documented size", async () => {
    const [a, b] = await embeddings.embedDocuments(["水泥熟料综合能耗", "CCUS and 5G"]);
    expect(a).toHaveLength(HASHED_NGRAM_DIMENSIONS);
    expect(norm(a!)).toBeCloseTo(1, 10);
    expect(norm(b!)).toBeCloseTo(1, 10);
  });

  it("places similar Chinese texts closer than unrelated ones", () => {
    const query = embeddings.embed("水泥熟料的能耗标杆");
    const related = embeddings.embed("水泥熟料：100千克标准煤/吨，能效标杆值");
    const unrelated = embeddings.embed("培育新能源汽车动力电池回收利用区域中心企业");
    expect(dot(query, related)).toBeGreaterThan(dot(query, unrelated) + 0.2);
  });

  it("does not depend on punctuation or letter case", () => {
    expect(embeddings.embed("水泥，熟料。CCUS")).toEqual(embeddings.embed("水泥 熟料 ccus"));
  });

  it("gives an empty text a zero vector rather than NaN", () => {
    expect(embeddings.embed("").every((v) => v === 0)).toBe(true);
  });

  describe("when fitted on a corpus", () => {
    const corpus = [
      "推动碳达峰，钢铁行业节能",
      "推动碳达峰，水泥行业节能",
      "推动碳达峰，化工行业节能",
      "光伏产品供给",
    ];

    it("weighs n-grams common to the corpus less, so texts differing only there come apart", () => {
      const fitted = new HashedNgramEmbeddings().fit(corpus);
      const [steel, cement] = [fitted.embed(corpus[0]!), fitted.embed(corpus[1]!)];
      const [rawSteel, rawCement] = [embeddings.embed(corpus[0]!), embeddings.embed(corpus[1]!)];
      expect(dot(steel, cement)).toBeLessThan(dot(rawSteel, rawCement));
    });

    it("changes the vectors, and the same corpus gives the same vectors", () => {
      const a = new HashedNgramEmbeddings().fit(corpus).embed("钢铁行业碳达峰");
      const b = new HashedNgramEmbeddings().fit(corpus).embed("钢铁行业碳达峰");
      expect(a).toEqual(b);
      expect(a).not.toEqual(embeddings.embed("钢铁行业碳达峰"));
      expect(norm(a)).toBeCloseTo(1, 10);
    });
  });

  it("carries an id that names the model, for the index's metadata", () => {
    expect(embeddings.id).toMatch(/^hashed-ngram-/);
    expect(embeddings.id).toContain(String(HASHED_NGRAM_DIMENSIONS));
  });
});
