import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeIntensityTarget, intensityTargetSchema } from "../../server/calculators/intensityTarget.js";
import { realData, thrown } from "./fixtures.js";

const intensity = (input: Record<string, unknown>) =>
  computeIntensityTarget(intensityTargetSchema.parse(input), { data: realData() });

describe("computeIntensityTarget", () => {
  describe("when a figure is implausible", () => {
    it("refuses 0.8 → 80 (a −9900% “reduction”), naming the current year's figure", () => {
      const e = thrown(() => intensity({ base: { intensity: 0.8 }, current: { year: 2023, intensity: 80 } }));
      expect(e).toMatchObject({ problem: "implausible_value", field: "current.intensity" });
      expect(e.message).toBe(
        "2023年单位增加值能耗 80 与2020年的 0.8 相差10倍以上，多半是两年的单位不一致（如千克与吨标准煤、元与万元），请检查。",
      );
    });

    it("refuses a fall of more than 10 times as well", () => {
      expect(
        thrown(() => intensity({ base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.07 } })),
      ).toMatchObject({
        field: "current.intensity",
      });
      expect(
        intensity({ base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.08 } }).reductionPercent,
      ).toBe(90);
    });

    it("refuses an intensity outside 0.001–100 tce/万元, naming the field or the year's figures", () => {
      expect(
        thrown(() => intensity({ base: { intensity: 250 }, current: { year: 2023, intensity: 200 } })),
      ).toMatchObject({
        problem: "implausible_value",
        field: "base.intensity",
      });
      const e = thrown(() =>
        intensity({
          base: { energyTce: 50_000, valueAddedWanYuan: 1e8 },
          current: { year: 2023, energyTce: 40_000, valueAddedWanYuan: 1e8 },
        }),
      );
      expect(e).toMatchObject({ field: "base" });
      expect(e.message).toContain(
        "2020年单位增加值能耗按能源消费量和增加值算得 0.0005 吨标准煤/万元，超出合理范围（0.001–100）",
      );
    });

    it("refuses more than 1亿 tce or 1亿万元 in the schema", () => {
      const r = intensityTargetSchema.safeParse({
        base: { energyTce: 2e8, valueAddedWanYuan: 1e5 },
        current: { year: 2023, intensity: 0.7 },
      });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["base", "energyTce"]);
    });
  });

  describe("when an enterprise went from 0.8 to 0.7 tce/万元 by 2023", () => {
    const r = intensity({ base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.7 } });

    it("has cut 12.5% against a target of 15% (0.68 tce/万元 by 2025)", () => {
      expect(r.reductionPercent).toBe(12.5);
      expect(r.targetIntensity).toBe(0.68);
      expect(r.targetReductionPercent).toBe(15);
    });

    it("is on track: an even pace would have cut 1 − 0.85^(3/5) = 9.3% by 2023", () => {
      expect(r.expectedReductionPercentByNow).toBe(9.3);
      expect(r.status).toBe("on_track");
    });

    it("still needs 2.9%, about 1.4% a year", () => {
      expect(r.remainingReductionPercent).toBe(2.9);
      expect(r.requiredAnnualReductionPercent).toBe(1.4);
    });

    it("is still 0.7 − 0.68 = 0.02 tce/万元 above the target value", () => {
      expect(r.remainingToTarget).toBe(0.02);
      expect(r.formula).toContain("距目标值还差 = 0.7 − 0.68 = 0.02 tce/万元");
    });

    it("cites the plan's target and says it is a city-wide one", () => {
      expect(r.quote).toBe("到2025年，全市规模以上工业单位增加值能耗较2020年下降15%");
      expect(r.planUnits[0]).toEqual({ id: "hn2023:1.3", breadcrumb: "一、总体要求 › （三）主要目标" });
      expect(r.notes.join("")).toContain("不是对单个企业的考核指标");
      expect(r.sources[0]!.id).toBe("hn2023");
    });
  });

  describe("from energy and value added", () => {
    it("computes the intensities and the energy above target: 52,000 − 0.425 × 120,000 = 1,000 tce", () => {
      const r = intensity({
        base: { energyTce: 50_000, valueAddedWanYuan: 100_000 },
        current: { year: 2025, energyTce: 52_000, valueAddedWanYuan: 120_000 },
      });
      expect(r.baseIntensity).toBe(0.5);
      expect(r.currentIntensity).toBe(0.4333);
      expect(r.reductionPercent).toBe(13.3);
      expect(r.status).toBe("target_not_met");
      expect(r.excessEnergyTce).toBe(1000);
      expect(r.requiredAnnualReductionPercent).toBeNull();
    });
  });

  describe("each status", () => {
    it.each([
      [2024, 0.66, "target_met"],
      [2024, 0.78, "behind_schedule"],
      [2022, 0.75, "on_track"],
      [2026, 0.7, "target_not_met"],
      [2025, 0.68, "target_met"],
    ])("in %s at %s tce/万元 from 0.8: %s", (year, value, status) => {
      expect(intensity({ base: { intensity: 0.8 }, current: { year, intensity: value } }).status).toBe(
        status,
      );
    });
  });

  describe("bad input", () => {
    it("needs an intensity or both energy and value added, and a year from 2021 to 2030", () => {
      const fields = (v: unknown) =>
        intensityTargetSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
      expect(fields({ base: { energyTce: 1 }, current: { year: 2023, intensity: 0.7 } })).toEqual([
        "base.intensity",
      ]);
      expect(fields({ base: { intensity: 0.8 }, current: { year: 2019, intensity: 0.7 } })).toEqual([
        "current.year",
      ]);
      expect(fields({ base: { intensity: 0 }, current: { year: 2023, intensity: 0.7 } })).toEqual([
        "base.intensity",
      ]);
    });
  });

  describe("when only the 2020 figures are given", () => {
    it("computes the 2025 target from the plan's 15%: 0.95 × (1 − 15%) = 0.8075", () => {
      const r = intensity({ base: { intensity: 0.95 } });
      expect(r).toMatchObject({
        baseIntensity: 0.95,
        targetIntensity: 0.8075,
        targetReductionPercent: 15,
        currentYear: null,
        currentIntensity: null,
        status: null,
      });
      expect(r.formula).toEqual(["2025年目标值 = 0.95 × (1 − 15%) = 0.8075 tce/万元"]);
    });

    it("gives the reduction the target asks, as well as the value: 2 − 2 × (1 − 15%) = 0.3 tce/万元", () => {
      expect(intensity({ base: { intensity: 2 } })).toMatchObject({
        targetIntensity: 1.7,
        targetReduction: 0.3,
      });
      expect(intensity({ base: { intensity: 0.95 } }).targetReduction).toBe(0.1425);
    });

    it("gives the even yearly fall that reaches the target: 1 − (1 − 15%)^(1/5) = 3.2%", () => {
      expect(intensity({ base: { intensity: 2 } }).evenAnnualReductionPercent).toBe(3.2);
    });

    it("works from energy and value added: 5万 tce ÷ 10万 万元 = 0.5, target 0.425", () => {
      const r = intensity({ base: { energyTce: 50_000, valueAddedWanYuan: 100_000 } });
      expect(r.targetIntensity).toBe(0.425);
      expect(r.formula[0]).toBe("2020年单位增加值能耗 = 50,000 tce ÷ 100,000 万元 = 0.5 tce/万元");
    });
  });

  describe("when the value added of 2025 is given", () => {
    const r = intensity({
      base: { energyTce: 4_800_000, valueAddedWanYuan: 2_000_000 },
      target: { valueAddedWanYuan: 3_000_000 },
    });

    it("caps the energy of 2025 at the target intensity: 2.04 × 3,000,000 = 6,120,000 tce", () => {
      expect(r.targetIntensity).toBe(2.04);
      expect(r.energyCapTce).toBe(6_120_000);
      expect(r.targetValueAddedWanYuan).toBe(3_000_000);
      expect(r.formula.at(-1)).toBe("2025年能耗总量上限 = 2.04 tce/万元 × 3,000,000 万元 = 6,120,000 tce");
    });

    it("caps nothing without it", () => {
      expect(intensity({ base: { intensity: 0.95 } }).energyCapTce).toBeNull();
    });

    it("caps with the current year's figures too", () => {
      const both = intensity({
        base: { intensity: 0.8 },
        current: { year: 2023, intensity: 0.7 },
        target: { valueAddedWanYuan: 50_000 },
      });
      expect(both.energyCapTce).toBe(34_000);
    });
  });

  describe("properties", () => {
    it("a lower current intensity never gives a smaller reduction", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.1, max: 2, noNaN: true }),
          fc.double({ min: 0.1, max: 2, noNaN: true }),
          (a, b) => {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            const at = (v: number) =>
              intensity({ base: { intensity: 1 }, current: { year: 2024, intensity: v } }).reductionPercent!;
            expect(at(lo)).toBeGreaterThanOrEqual(at(hi));
          },
        ),
      );
    });
  });
});
