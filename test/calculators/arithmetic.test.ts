import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  capOnTotal,
  compoundAnnualRate,
  percentDifference,
  percentFall,
  remainingFall,
  savingAtLevel,
  totalAtLevel,
} from "../../server/calculators/arithmetic.js";

describe("the arithmetic on the plan's figures", () => {
  describe("savingAtLevel: output × (current − level)", () => {
    it("saves 6,400 tce a year when 800,000 t of clinker go from 110 to 102 kgce/t", () => {
      expect(savingAtLevel(800_000, 110, 102)).toBe(6400);
    });

    it("saves nothing below the level, as a negative saving", () => {
      expect(savingAtLevel(500_000, 98, 100)).toBe(-1000);
    });
  });

  describe("totalAtLevel: output × level", () => {
    it("uses 1,280 tce for 8,000 t of light soda ash at 160 kgce/t", () => {
      expect(totalAtLevel(8000, 160)).toBe(1280);
    });
  });

  describe("percentDifference: (figure − reference) ÷ reference", () => {
    it("puts the 2025 target of 102 at 2% above the benchmark of 100", () => {
      expect(percentDifference(102, 100)).toBe(2);
    });

    it("is negative when the figure is below the reference", () => {
      expect(percentDifference(100, 102)).toBeCloseTo(-1.9608, 4);
    });
  });

  describe("percentFall: (from − to) ÷ from", () => {
    it("is 7.27% from 110 to 102 (measured on the figure it falls from, not on the target)", () => {
      expect(percentFall(110, 102)).toBeCloseTo(7.2727, 4);
      expect(percentFall(110, 102)).not.toBeCloseTo(percentDifference(110, 102), 1);
    });
  });

  describe("compoundAnnualRate: 1 − (1 − p)^(1/years)", () => {
    it("is 3.2% a year for 15% over five years, not the simple 3%", () => {
      expect(compoundAnnualRate(15, 5)).toBeCloseTo(3.1981, 4);
    });

    it("compounds back to the whole fall", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.1, max: 90, noNaN: true }),
          fc.integer({ min: 1, max: 30 }),
          (p, n) => {
            const r = compoundAnnualRate(p, n) / 100;
            expect(1 - (1 - r) ** n).toBeCloseTo(p / 100, 9);
          },
        ),
      );
    });
  });

  describe("remainingFall: 1 − (1 − target) ÷ (1 − achieved)", () => {
    it("still needs 6.59% from a 2023 that is 9% below 2020 to reach 15% below it", () => {
      expect(remainingFall(15, 9)).toBeCloseTo(6.5934, 4);
    });

    it("needs nothing, or less than nothing, once the target is reached", () => {
      expect(remainingFall(15, 15)).toBeCloseTo(0, 12);
      expect(remainingFall(15, 20)).toBeLessThan(0);
    });

    it("taken from the re-based year, ends at the target", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 1, max: 90, noNaN: true }),
          fc.double({ min: 0, max: 89, noNaN: true }),
          (target, achieved) => {
            const left = remainingFall(target, achieved) / 100;
            expect((1 - achieved / 100) * (1 - left)).toBeCloseTo(1 - target / 100, 9);
          },
        ),
      );
    });
  });

  describe("capOnTotal: value added × target intensity", () => {
    it("allows 6,120,000 tce for 3,000,000 万元 at 2.04 tce/万元", () => {
      expect(capOnTotal(3_000_000, 2.04)).toBe(6_120_000);
    });
  });
});
