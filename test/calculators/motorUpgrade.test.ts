import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeMotorUpgrade, motorUpgradeSchema } from "../../server/calculators/motorUpgrade.js";
import { context, thrown } from "./fixtures.js";

const motor = (input: Record<string, unknown>) =>
  computeMotorUpgrade(motorUpgradeSchema.parse(input), context());
const base = { ratedPowerKw: 55, poles: 4, count: 10, hoursPerYear: 6000, loadFactorPercent: 75 };

describe("computeMotorUpgrade", () => {
  describe("when ten 55 kW 4-pole motors go from grade 3 to grade 1 (94.6% → 96.5%)", () => {
    const r = motor({
      ...base,
      presentGrade: 3,
      targetGrade: 1,
      electricityPrice: 0.65,
      upgradeCostWanYuan: 20,
    });

    it("reads the efficiencies from GB 18613-2020", () => {
      expect(r.presentEfficiencyPercent).toBe(94.6);
      expect(r.targetEfficiencyPercent).toBe(96.5);
      expect(r.sources.map((s) => s.id)).toContain("gb-18613-2020");
    });

    it("saves 41.25 kW × (100/94.6 − 100/96.5) × 6000 h × 10 = 51,512 kWh a year", () => {
      expect(r.shaftPowerKw).toBe(41.25);
      expect(r.savedPowerKwPerMotor).toBe(0.86);
      expect(r.annualKwh).toBe(51_512);
      expect(r.formula).toContain(
        "年节电量 = 55 kW × 75% × (100/94.6 − 100/96.5) × 6,000 h × 10 台 = 51,512 kWh",
      );
    });

    it("gives standard coal, CO2, money and payback", () => {
      expect(r.annualTce).toBe(6.33);
      expect(r.annualCo2T).toBe(27.33);
      expect(r.annualMoneyYuan).toBe(33_483);
      expect(r.annualMoneyWanYuan).toBe(3.35);
      expect(r.paybackYears).toBe(6);
      expect(r.gridFactor.id).toBe("grid-national-2023");
    });

    it("points to 专栏3 通用设备能效提升", () => {
      expect(r.planUnits[0]).toEqual({
        id: "hn2023:zl3.2",
        breadcrumb: "二、重点任务 › （二）节能提效助力减碳行动 › 专栏3 工业能效提升 › 通用设备能效提升",
      });
    });
  });

  describe("when efficiencies are given directly", () => {
    it("uses them, and flags a present motor below grade 3", () => {
      const r = motor({ ...base, count: 1, presentEfficiencyPercent: 92, targetGrade: 2 });
      expect(r.targetEfficiencyPercent).toBe(95.7);
      // 41.25 × (100/92 − 100/95.7) × 6000 = 10,401 kWh
      expect(r.annualKwh).toBe(10_401);
      expect(r.notes.join("")).toContain("低于 GB 18613-2020 3级");
    });

    it("works for a rated power the grade table does not hold", () => {
      const r = motor({
        ...base,
        ratedPowerKw: 22,
        presentEfficiencyPercent: 91,
        targetEfficiencyPercent: 94,
      });
      expect(r.annualKwh).toBeGreaterThan(0);
      expect(r.paybackYears).toBeNull();
      expect(r.annualMoneyYuan).toBeNull();
    });
  });

  describe("bad input", () => {
    it("asks for efficiencies when the grade table has no row for the power", () => {
      const e = thrown(() => motor({ ...base, ratedPowerKw: 22, presentGrade: 3, targetGrade: 1 }));
      expect(e).toMatchObject({ problem: "no_reference_efficiency", field: "presentGrade" });
      expect(e.details!.availableRatedPowersKw).toEqual([7.5, 11, 15, 37, 55, 110]);
    });

    it("refuses a target that is not better", () => {
      expect(thrown(() => motor({ ...base, presentGrade: 1, targetGrade: 3 }))).toMatchObject({
        problem: "target_not_better",
        field: "targetGrade",
      });
    });

    it("checks the schema: poles, hours within a year, grades, one of efficiency or grade", () => {
      const fields = (v: unknown) =>
        motorUpgradeSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
      expect(fields({ ...base, poles: 3, presentGrade: 3, targetGrade: 1 })).toEqual(["poles"]);
      expect(fields({ ...base, hoursPerYear: 9000, presentGrade: 3, targetGrade: 1 })).toEqual([
        "hoursPerYear",
      ]);
      expect(fields({ ...base, presentGrade: 4, targetGrade: 1 })).toEqual(["presentGrade"]);
      expect(fields({ ...base })).toEqual(["presentGrade", "targetGrade"]);
      expect(fields({ ...base, count: 1.5, presentGrade: 3, targetGrade: 1 })).toEqual(["count"]);
    });

    it("needs the poles only to look up a grade's efficiency", () => {
      const { poles: _poles, ...unknownPoles } = base;
      const fields = (v: unknown) =>
        motorUpgradeSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
      expect(fields({ ...unknownPoles, presentGrade: 3, targetGrade: 1 })).toEqual(["poles"]);
      expect(fields({ ...unknownPoles, presentEfficiencyPercent: 93.6, targetGrade: 1 })).toEqual(["poles"]);
      const given = { ...unknownPoles, presentEfficiencyPercent: 95.4, targetEfficiencyPercent: 97 };
      expect(fields(given)).toBeUndefined();
      // 55 kW × 75% × (1/0.954 − 1/0.97) × 6000 h × 10 motors
      expect(motor(given).annualKwh).toBeCloseTo(55 * 0.75 * (1 / 0.954 - 1 / 0.97) * 6000 * 10, 0);
    });
  });

  describe("properties", () => {
    it("saves more with more hours, more motors, a higher load and a better target", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 8784 }),
          fc.integer({ min: 1, max: 8784 }),
          fc.double({ min: 90, max: 95, noNaN: true }),
          fc.double({ min: 95.1, max: 99, noNaN: true }),
          (h1, h2, present, target) => {
            const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
            const at = (hours: number, t = target) =>
              motor({
                ...base,
                hoursPerYear: hours,
                presentEfficiencyPercent: present,
                targetEfficiencyPercent: t,
              }).annualKwh;
            expect(at(lo)).toBeLessThanOrEqual(at(hi));
            expect(at(hi, 95.05)).toBeLessThanOrEqual(at(hi));
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
