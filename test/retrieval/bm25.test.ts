import { describe, expect, it } from "vitest";
import { Bm25Index, type WeightedToken } from "../../server/retrieval/bm25.js";

const q = (...tokens: string[]): WeightedToken[] => tokens.map((token) => ({ token, weight: 1 }));

// Already tokenised passages, as the tokenizer would give them.
const passages = [
  ["碳达峰", "钢铁", "产能置换"], // 0
  ["碳达峰", "水泥", "熟料", "标杆"], // 1
  ["碳达峰", "钢铁", "电弧炉", "标杆"], // 2
  ["光伏", "绿色电力"], // 3
];

describe("Bm25Index", () => {
  const index = new Bm25Index(passages);

  it("ranks the passage that matches more of the query first", () => {
    expect(index.search(q("电弧炉", "钢铁"), 10).map((hit) => hit.index)).toEqual([2, 0]);
  });

  it("weighs a rare word above a common one", () => {
    const hits = index.search(q("碳达峰", "光伏"), 10);
    expect(hits[0]!.index).toBe(3);
    expect(hits.map((h) => h.index).sort()).toEqual([0, 1, 2, 3]);
  });

  it("gives a word that every passage but one holds little weight", () => {
    const common = index.search(q("碳达峰"), 10)[0]!.score;
    const rare = index.search(q("光伏"), 10)[0]!.score;
    expect(rare).toBeGreaterThan(3 * common);
  });

  it("scales a word's contribution by its weight", () => {
    const full = index.search([{ token: "水泥", weight: 1 }], 1)[0]!.score;
    const reduced = index.search([{ token: "水泥", weight: 0.6 }], 1)[0]!.score;
    expect(reduced).toBeCloseTo(0.6 * full, 10);
  });

  it("lets the weights decide between two words", () => {
    const steelFirst = index.search(
      [
        { token: "钢铁", weight: 1 },
        { token: "水泥", weight: 0.1 },
      ],
      10,
    );
    const cementFirst = index.search(
      [
        { token: "钢铁", weight: 0.1 },
        { token: "水泥", weight: 1 },
      ],
      10,
    );
    expect(steelFirst[0]!.index).not.toBe(1);
    expect(cementFirst[0]!.index).toBe(1);
  });

  it("counts a word repeated in the query once", () => {
    expect(index.search(q("水泥", "水泥", "水泥"), 1)[0]!.score).toBe(index.search(q("水泥"), 1)[0]!.score);
  });

  it("breaks ties by the passage's order", () => {
    // Passages 1 and 2 hold 标杆 once each and are as long as each other.
    const hits = index.search(q("标杆"), 10);
    expect(hits[0]!.score).toBe(hits[1]!.score);
    expect(hits.map((h) => h.index)).toEqual([1, 2]);
  });

  it("returns at most the limit", () => {
    expect(index.search(q("碳达峰"), 2)).toHaveLength(2);
  });

  describe("when no passage holds a query word", () => {
    it("finds nothing", () => {
      expect(index.search(q("氢能"), 10)).toEqual([]);
      expect(index.search([], 10)).toEqual([]);
    });
  });

  it("rewards repeating a word in a passage, with diminishing returns", () => {
    const repeated = new Bm25Index(
      [["电机", "其他"], ["电机", "电机"], ["电机", "电机", "电机", "电机"], ["无关"]],
      1.2,
      0,
    );
    const [once, twice, four] = [0, 1, 2].map(
      (i) => repeated.search(q("电机"), 10).find((h) => h.index === i)!.score,
    );
    expect(twice).toBeGreaterThan(once!);
    expect(four).toBeGreaterThan(twice!);
    expect(four! - twice!).toBeLessThan(twice! - once!);
  });

  describe("length normalisation (b)", () => {
    const docs = [["水泥"], ["水泥", "熟料", "标杆", "基准", "能耗", "改造"], ["无关"]];

    it("favours the shorter passage for the same match when b > 0", () => {
      expect(new Bm25Index(docs, 1.2, 0.75).search(q("水泥"), 10).map((h) => h.index)).toEqual([0, 1]);
    });

    it("ignores length when b = 0", () => {
      const [a, b] = new Bm25Index(docs, 1.2, 0).search(q("水泥"), 10);
      expect(a!.score).toBe(b!.score);
    });
  });

  it("knows how many passages it holds", () => {
    expect(index.size).toBe(4);
    expect(new Bm25Index([]).search(q("水泥"), 10)).toEqual([]);
  });
});
