import { describe, expect, it } from "vitest";
import { compareWithRatchet, raiseRatchet, type Ratchet, type RatchetRun } from "../../eval/lib/ratchet.js";

const reached: Ratchet = {
  setsDigest: "d1",
  scores: { "answers.overall": 0.9, "answers.unsupported_figures": 0 },
  passing: ["a1", "a2"],
  leading: ["a1"],
};
const run = (over: Partial<RatchetRun>): RatchetRun => ({
  setsDigest: "d1",
  scores: { "answers.overall": 0.9, "answers.unsupported_figures": 0 },
  passing: ["a1", "a2"],
  leading: ["a1"],
  ...over,
});

describe("the eval ratchet", () => {
  describe("on the same question sets", () => {
    it("fails a score below what was reached, and a count of unsupported figures above it", () => {
      const failures = compareWithRatchet(
        reached,
        run({ scores: { "answers.overall": 0.85, "answers.unsupported_figures": 1 } }),
      );
      expect(failures.map((f) => f.metric)).toEqual(["answers.overall", "answers.unsupported_figures"]);
    });

    it("passes scores at or above it, and raising keeps the better of each", () => {
      const better = run({ scores: { "answers.overall": 0.95, "answers.unsupported_figures": 0 } });
      expect(compareWithRatchet(reached, better)).toEqual([]);
      expect(raiseRatchet(reached, better).scores["answers.overall"]).toBe(0.95);
    });
  });

  describe("when cases were added", () => {
    const harder = run({
      setsDigest: "d2",
      scores: { "answers.overall": 0.8, "answers.unsupported_figures": 0 },
      passing: ["a1", "a2", "a3"],
    });

    it("does not call a lower share over harder cases a regression", () => {
      expect(compareWithRatchet(reached, harder)).toEqual([]);
    });

    it("measures the scores afresh when raised, keeping every case that passed", () => {
      const next = raiseRatchet(reached, harder);
      expect(next).toMatchObject({
        setsDigest: "d2",
        scores: { "answers.overall": 0.8 },
        passing: ["a1", "a2", "a3"],
      });
    });
  });

  it("fails a case that passed before and fails now, whatever the sets", () => {
    const failures = compareWithRatchet(reached, run({ setsDigest: "d2", passing: ["a1"], leading: [] }));
    expect(failures.map((f) => f.metric)).toEqual(["case a2 (passing)", "case a1 (leading)"]);
  });
});
