import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeVsdSavings, vsdSavingsSchema } from "../../server/calculators/vsdSavings.js";
import { context, thrown } from "./fixtures.js";

const vsd = (input: Record<string, unknown>) => computeVsdSavings(vsdSavingsSchema.parse(input), context());
const profile = [
  { flowPercent: 100, hours: 2000 },
  { flowPercent: 80, hours: 3000 },
  { flowPercent: 60, hours: 2000 },
];

describe("computeVsdSavings", () => {
  describe("when a 90 kW fan runs at 100/80/60% flow for 2000/3000/2000 h", () => {
    const r = vsd({
      equipment: "fan",
      fullFlowInputKw: 90,
      profile,
      electricityPrice: 0.6,
      upgradeCostWanYuan: 10,
    });

    it("follows the affinity law: 90 × 0.8³ = 46.08 kW, 90 × 0.6³ = 19.44 kW", () => {
      expect(r.steps.map((s) => s.vsdInputKw)).toEqual([90, 46.08, 19.44]);
      expect(r.steps.map((s) => s.savedKwh)).toEqual([0, 131_760, 141_120]);
    });

    it("saves 272,880 kWh of 630,000 (43.3%), 33.54 tce and 144.79 tCO2 a year", () => {
      expect(r.presentAnnualKwh).toBe(630_000);
      expect(r.annualKwh).toBe(272_880);
      expect(r.savingPercent).toBe(43.3);
      expect(r.annualTce).toBe(33.54);
      expect(r.annualCo2T).toBe(144.79);
      expect(r.annualMoneyWanYuan).toBe(16.37);
      expect(r.paybackYears).toBe(0.6);
    });

    it("says what it assumed", () => {
      expect(r.notes.join("")).toContain("会高估节电量");
      expect(r.notes.join("")).toContain("变频器自身损耗");
      expect(r.formula[1]).toBe(
        "流量 80%：变频后功率 = 90 × (80/100)³ ≈ 46.08 kW；节电 = (90 − 90 × (80/100)³) kW × 3,000 h × 1 台 = 131,760 kWh",
      );
    });
  });

  describe("with measured present power and drive losses", () => {
    it("uses the measured power and divides by the drive efficiency", () => {
      const r = vsd({
        equipment: "pump",
        fullFlowInputKw: 100,
        driveEfficiencyPercent: 97,
        profile: [{ flowPercent: 70, hours: 1000, presentInputKw: 85 }],
      });
      // 100 × 0.343 ÷ 0.97 = 35.36 kW; (85 − 35.36) × 1000 = 49,639 kWh
      expect(r.steps[0]!.vsdInputKw).toBe(35.36);
      expect(r.annualKwh).toBe(49_639);
    });

    it("counts no saving where the drive would use more than now", () => {
      const r = vsd({
        equipment: "fan",
        fullFlowInputKw: 90,
        driveEfficiencyPercent: 97,
        profile: [{ flowPercent: 100, hours: 1000 }],
      });
      expect(r.annualKwh).toBe(0);
      expect(r.formula[0]).toContain("不计节电");
    });
  });

  describe("bad input", () => {
    it("refuses more hours than a year has, naming the profile", () => {
      const issues = vsdSavingsSchema.safeParse({
        equipment: "fan",
        fullFlowInputKw: 90,
        profile: [
          { flowPercent: 80, hours: 5000 },
          { flowPercent: 60, hours: 4000 },
        ],
      }).error?.issues;
      expect(issues?.map((i) => i.path.join("."))).toEqual(["profile"]);
      expect(issues?.[0]?.message).toContain("8784");
    });

    it("refuses a flow above 100% and a present power far above the full-flow power", () => {
      expect(
        vsdSavingsSchema.safeParse({
          equipment: "fan",
          fullFlowInputKw: 90,
          profile: [{ flowPercent: 120, hours: 10 }],
        }).success,
      ).toBe(false);
      expect(
        thrown(() =>
          vsd({
            equipment: "fan",
            fullFlowInputKw: 90,
            profile: [{ flowPercent: 80, hours: 10, presentInputKw: 500 }],
          }),
        ),
      ).toMatchObject({
        field: "profile.0.presentInputKw",
      });
    });
  });

  describe("properties", () => {
    it("saves less the closer the flow is to full flow", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 1, max: 100, noNaN: true }),
          fc.double({ min: 1, max: 100, noNaN: true }),
          (a, b) => {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            const at = (flow: number) =>
              vsd({ equipment: "pump", fullFlowInputKw: 55, profile: [{ flowPercent: flow, hours: 4000 }] })
                .annualKwh;
            expect(at(hi)).toBeLessThanOrEqual(at(lo));
          },
        ),
      );
    });
  });
});
