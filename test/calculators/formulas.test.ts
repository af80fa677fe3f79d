import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benchmarkGapSchema, computeBenchmarkGap } from "../../server/calculators/computeBenchmarkGap.js";
import {
  convertToStandardCoal,
  energyConvertSchema,
} from "../../server/calculators/convertToStandardCoal.js";
import { estimateCo2, estimateCo2Schema } from "../../server/calculators/estimateCo2.js";
import { computeIntensityTarget, intensityTargetSchema } from "../../server/calculators/intensityTarget.js";
import { computeMotorUpgrade, motorUpgradeSchema } from "../../server/calculators/motorUpgrade.js";
import { computeVsdSavings, vsdSavingsSchema } from "../../server/calculators/vsdSavings.js";
import { checkFormulaLine } from "./formulaCheck.js";
import { context, realData } from "./fixtures.js";

/** Every arithmetic claim of every line checks by hand with the figures the line shows. */
function expectLinesCheck(formula: string[], { someArithmetic = true } = {}): void {
  const checks = formula.flatMap(checkFormulaLine);
  if (someArithmetic) expect(checks.length).toBeGreaterThan(0);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
}

/** A figure with up to `places` decimals between min and max, as a person would type it. */
const figure = (min: number, max: number, places: number) =>
  fc
    .integer({ min: Math.ceil(min * 10 ** places), max: Math.floor(max * 10 ** places) })
    .map((n) => n / 10 ** places);

const runs = { numRuns: 300 };

describe("the formula checker itself", () => {
  it("reads the calculators' notation", () => {
    const lines = [
      "达到标杆水平每年需节能 = (108 − 100) kgce/t × 1,200,000 t ÷ 1000 = 9,600 tce",
      "与标杆水平的差距 = 98 − 100 = -2 kgce/t（-2 ÷ 100 = -2%）",
      "烟煤每吨标准煤排放 = 29.3076 GJ/tce × 0.0261 tC/GJ × 0.93 × 44/12 = 2.6084 tCO2/tce",
      "流量 80%：变频后功率 = 90 × (80/100)³ ≈ 46.08 kW；节电 = (90 − 90 × (80/100)³) kW × 3000 h × 1 台 = 131,760 kWh",
      "年节电量 = 15 kW × 75% × (100/92.1 − 100/95.1) × 4000 h × 10 台 = 15,413 kWh",
      "今后每年需下降 = 1 − (0.68 ÷ 0.7)^(1/2) = 1.4%",
      "天然气：100 万m3 = 1,000,000 m3 × 1.2143 kgce/m3 ÷ 1000 = 1,214.3 tce",
    ];
    for (const line of lines) {
      const checks = checkFormulaLine(line);
      expect(checks.length, line).toBeGreaterThan(0);
      expect(
        checks.filter((c) => !c.ok),
        line,
      ).toEqual([]);
    }
  });

  it("catches a line whose figures do not give its result", () => {
    // The defect that started this: 108.004 printed as 108, computed from 108.004.
    const [check] = checkFormulaLine(
      "达到标杆水平每年需节能 = (108 − 100) kgce/t × 1,200,000 t ÷ 1000 = 9,604.8 tce",
    );
    expect(check).toMatchObject({ evaluated: 9600, printed: 9604.8, ok: false });
  });
});

describe("every printed formula checks by hand with the figures it shows", () => {
  const products = realData().products;

  it("computeBenchmarkGap, from a unit consumption and an output", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...products),
        fc.double({ min: 0.06, max: 19, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.option(figure(0.01, 5000, 4), { nil: undefined }),
        (product, ratio, places, outputWan) => {
          const uc = Number((product.benchmark.value * ratio).toFixed(places + 1));
          const r = computeBenchmarkGap(
            benchmarkGapSchema.parse({
              product: product.id,
              unitConsumption: uc,
              ...(outputWan === undefined ? {} : { output: { value: outputWan, unit: "万吨" } }),
              ...(product.basis ? { basis: product.basis.planBasis } : {}),
            }),
            context(),
          );
          expectLinesCheck(r.formula);
          if (r.annualSavingTce !== null && r.status !== "at_or_better_than_benchmark") {
            expect(r.formula.join("\n")).toContain(
              `= ${r.annualSavingTce.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} tce`,
            );
          }
        },
      ),
      runs,
    );
  });

  it("computeBenchmarkGap, from energy by carrier and an output", () => {
    const carriers = [
      { carrier: "原煤", unit: "吨", kgcePer: 714.3 },
      { carrier: "无烟煤", unit: "万吨", kgcePer: 9_110_000 },
      { carrier: "电力", unit: "万kWh", kgcePer: 1229 },
      { carrier: "天然气", unit: "万m3", kgcePer: 12_143 },
      { carrier: "蒸汽", unit: "吨", kgcePer: 128.6 },
      { carrier: "柴油", unit: "t", kgcePer: 1457.1 },
      { carrier: "热力", unit: "GJ", kgcePer: 34.12 },
      { carrier: "标准煤", unit: "吨", kgcePer: 1000 },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...products),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        figure(0.5, 500, 3),
        fc.uniqueArray(fc.integer({ min: 0, max: carriers.length - 1 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (product, ratio, outputWan, picks, weights) => {
          // Split a plausible total among the carriers picked, then write each amount as a person would.
          const totalKgce = product.benchmark.value * ratio * outputWan * 1e4;
          const sum = picks.reduce((s, _p, i) => s + weights[i]!, 0);
          const energy = picks.map((p, i) => {
            const c = carriers[p]!;
            const amount = Number(((totalKgce * weights[i]!) / sum / c.kgcePer).toPrecision(5));
            return { carrier: c.carrier, amount: Math.max(amount, 0.001), unit: c.unit };
          });
          // a whole plant on steam alone can exceed the plausible amount of one line: not this test's concern
          fc.pre(energy.every((e) => !(e.carrier === "蒸汽" && e.amount > 1e7)));
          const r = computeBenchmarkGap(
            benchmarkGapSchema.parse({
              product: product.id,
              output: { value: outputWan, unit: "万吨" },
              energy,
              ...(product.basis ? { basis: product.basis.planBasis } : {}),
            }),
            context(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });

  it("convertToStandardCoal and estimateCo2", () => {
    const line = fc.record({
      carrier: fc.constantFrom(
        "原煤",
        "烟煤",
        "电",
        "天然气",
        "蒸汽",
        "焦炭",
        "标准煤",
        "热力",
        "液化石油气",
      ),
      amount: figure(0.001, 5000, 3),
    });
    const unitOf: Record<string, string> = { 电: "万千瓦时", 天然气: "万立方米", 热力: "GJ" };
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const energy = lines.map((l) => ({ ...l, unit: unitOf[l.carrier] ?? "吨" }));
        // "标准煤：12 万吨 = 120,000 tce" alone restates a unit and has no arithmetic to check
        expectLinesCheck(convertToStandardCoal(energyConvertSchema.parse({ energy }), realData()).formula, {
          someArithmetic: false,
        });
        expectLinesCheck(
          estimateCo2(estimateCo2Schema.parse({ energy }), realData(), "grid-national-2023").formula,
        );
      }),
      runs,
    );
  });

  it("convertToStandardCoal into a carrier, at a factor given or the reference", () => {
    fc.assert(
      fc.property(
        figure(0.001, 50_000, 3),
        fc.constantFrom("电力", "天然气", "原煤", "热力", "柴油"),
        fc.option(figure(0.5, 3, 4), { nil: undefined }),
        (tce, into, gasFactor) => {
          const r = convertToStandardCoal(
            energyConvertSchema.parse({
              energy: [{ carrier: "标准煤", amount: tce, unit: "吨标准煤" }],
              into: {
                carrier: into,
                ...(gasFactor !== undefined && into === "天然气"
                  ? { factor: { value: gasFactor, unit: "kgce/m3" } }
                  : {}),
              },
            }),
            realData(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });

  it("computeBenchmarkGap with a planned unit consumption", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...products.filter((p) => !p.basis)),
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        fc.double({ min: 0.3, max: 0.99, noNaN: true }),
        figure(0.01, 5000, 4),
        (product, ratio, fall, outputWan) => {
          const uc = Number((product.benchmark.value * ratio).toFixed(2));
          const r = computeBenchmarkGap(
            benchmarkGapSchema.parse({
              product: product.id,
              unitConsumption: uc,
              plannedUnitConsumption: Number((uc * fall).toFixed(2)),
              output: { value: outputWan, unit: "万吨" },
            }),
            context(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });

  it("computeMotorUpgrade", () => {
    const powers = [7.5, 11, 15, 37, 55, 110];
    fc.assert(
      fc.property(
        fc.constantFrom(...powers),
        fc.constantFrom(2, 4, 6, 8),
        fc.integer({ min: 1, max: 300 }),
        figure(1, 8760, 1),
        figure(10, 110, 1),
        fc.option(figure(0.1, 2, 3), { nil: undefined }),
        fc.option(figure(0.1, 500, 2), { nil: undefined }),
        fc.boolean(),
        (
          ratedPowerKw,
          poles,
          count,
          hoursPerYear,
          loadFactorPercent,
          electricityPrice,
          upgradeCostWanYuan,
          byGrade,
        ) => {
          const r = computeMotorUpgrade(
            motorUpgradeSchema.parse({
              ratedPowerKw,
              poles,
              count,
              hoursPerYear,
              loadFactorPercent,
              ...(byGrade
                ? { presentGrade: 3, targetGrade: 1 }
                : { presentEfficiencyPercent: 88.25, targetEfficiencyPercent: 95.15 }),
              electricityPrice,
              upgradeCostWanYuan,
            }),
            context(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });

  it("computeVsdSavings", () => {
    const step = fc.record({ flowPercent: figure(20, 100, 1), hours: figure(1, 1400, 1) });
    fc.assert(
      fc.property(
        figure(1, 2000, 2),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        fc.option(figure(90, 99, 1), { nil: undefined }),
        fc.option(figure(0.1, 2, 3), { nil: undefined }),
        (fullFlowInputKw, profile, count, driveEfficiencyPercent, electricityPrice) => {
          const r = computeVsdSavings(
            vsdSavingsSchema.parse({
              equipment: "fan",
              fullFlowInputKw,
              profile,
              count,
              driveEfficiencyPercent,
              electricityPrice,
              upgradeCostWanYuan: electricityPrice === undefined ? undefined : 30,
            }),
            context(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });

  it("computeIntensityTarget", () => {
    fc.assert(
      fc.property(
        figure(100, 1e6, 1),
        figure(100, 1e6, 1),
        fc.double({ min: 0.4, max: 1.6, noNaN: true }),
        fc.double({ min: 0.7, max: 1.5, noNaN: true }),
        fc.integer({ min: 2021, max: 2030 }),
        (energy0, va0, energyRatio, vaRatio, year) => {
          const current = {
            year,
            energyTce: Number((energy0 * energyRatio).toFixed(1)),
            valueAddedWanYuan: Number((va0 * vaRatio).toFixed(1)),
          };
          // inside the plausible range (INTENSITY_RANGE), which is tested on its own
          for (const i of [energy0 / va0, current.energyTce / current.valueAddedWanYuan])
            fc.pre(i >= 0.002 && i <= 50);
          const r = computeIntensityTarget(
            intensityTargetSchema.parse({ base: { energyTce: energy0, valueAddedWanYuan: va0 }, current }),
            context(),
          );
          expectLinesCheck(r.formula);
        },
      ),
      runs,
    );
  });
});
