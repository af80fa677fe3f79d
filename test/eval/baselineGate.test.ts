import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "../../eval/lib/baselineGate.js";
import type { RankingSummary } from "../../eval/lib/metrics.js";

const summary = (recallAt1: number, recallAt5: number, mrr: number): RankingSummary => ({
  cases: 253,
  recallAt1,
  recallAt3: 0.9,
  recallAt5,
  mrr,
});

describe("compareWithBaseline", () => {
  describe("when the hybrid is ahead of plain BM25 or level with it", () => {
    it("meets the gate on R@1, R@5 and MRR", () => {
      const rows = compareWithBaseline(summary(0.85, 0.941, 0.9), summary(0.83, 0.941, 0.882));
      expect(rows.map((r) => [r.metric, r.met])).toEqual([
        ["recallAt1", true],
        ["recallAt5", true],
        ["mrr", true],
      ]);
    });
  });

  describe("when the hybrid is behind on one metric", () => {
    it("fails that metric alone, with both figures", () => {
      const rows = compareWithBaseline(summary(0.826, 0.953, 0.883), summary(0.83, 0.941, 0.882));
      expect(rows.filter((r) => !r.met)).toEqual([
        { metric: "recallAt1", hybrid: 0.826, baseline: 0.83, met: false },
      ]);
    });
  });

  it("does not gate R@3", () => {
    expect(
      compareWithBaseline(summary(0.9, 0.95, 0.9), { ...summary(0.8, 0.9, 0.8), recallAt3: 1 }).every(
        (r) => r.met,
      ),
    ).toBe(true);
  });
});
