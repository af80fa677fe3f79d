import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  benchmarkGapSchema,
  computeBenchmarkGap,
  type BenchmarkGapInput,
} from "../../server/calculators/computeBenchmarkGap.js";
import { CalculatorInputError } from "../../server/calculators/errors.js";
import { round } from "../../server/calculators/rounding.js";
import { context, thrown } from "./fixtures.js";

const gap = (input: Partial<BenchmarkGapInput> & { product: string }) =>
  computeBenchmarkGap(benchmarkGapSchema.parse(input), context());

describe("computeBenchmarkGap", () => {
  describe("when a cement clinker plant is between benchmark and baseline", () => {
    const r = gap({ product: "熟料", unitConsumption: 110 });

    it("compares with the plan's benchmark 100 and the baseline 117", () => {
      expect(r.product).toMatchObject({ id: "cement-clinker", name: "水泥熟料" });
      expect(r.unit).toBe("kgce/t");
      expect(r.benchmark).toBe(100);
      expect(r.baseline).toBe(117);
      expect(r.status).toBe("between_benchmark_and_baseline");
      expect(r.gapToBenchmark).toBe(10);
      expect(r.gapToBenchmarkPercent).toBe(10);
      expect(r.gapToBaseline).toBe(-7);
    });

    it("compares with the city's own 2025 target of 102", () => {
      expect(r.cityTarget).toMatchObject({
        value: 102,
        year: 2025,
        gap: 8,
        reached: false,
        unitId: "hn2023:3.2.target",
      });
    });

    it("says how far above that target it is in per cent: (110 − 102) ÷ 102 = 7.8%", () => {
      expect(r.cityTarget?.percent).toBe(7.8);
      expect(r.cityTarget?.savingTce).toBeNull();
    });

    it("with the output, the energy a year to reach the target: (106 − 102) × 90万吨 ÷ 1000 = 3,600 tce", () => {
      const withOutput = gap({ product: "熟料", unitConsumption: 106, output: { value: 90, unit: "万吨" } });
      expect(withOutput.cityTarget).toMatchObject({ gap: 4, savingTce: 3600 });
      expect(withOutput.formula).toContain(
        "达到2025年全市目标每年需节能 = (106 − 102) kgce/t × 900,000 t ÷ 1000 = 3,600 tce",
      );
    });

    it("cannot give a yearly saving without the output, and says so", () => {
      expect(r.annualSavingTce).toBeNull();
      expect(r.co2SavingT).toBeNull();
      expect(r.notes.join("")).toContain("未提供年产量");
    });

    it("says what the plan asks of such a plant, with the plan's own words and where they are", () => {
      expect(r.policy.asks[0]).toMatchObject({
        unitId: "hn2023:zl3.3",
        breadcrumb: "二、重点任务 › （二）节能提效助力减碳行动 › 专栏3 工业能效提升 › 重点行业能效领跑",
      });
      expect(r.policy.asks[0]!.quote).toContain("提升至标杆水平之上");
      expect(r.policy.deadline).toBeNull();
      expect(r.policy.summary).toContain("介于标杆水平");
    });

    it("lists the plan's units for the building-materials sector with breadcrumbs", () => {
      const ids = r.planUnits.map((u) => u.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          "hn2023:3.2",
          "hn2023:3.2.r1",
          "hn2023:3.2.r4",
          "hn2023:3.2.benchmark",
          "hn2023:3.2.target",
          "hn2023:2.2.3",
          "hn2023:zl3",
          "hn2023:zl3.3",
        ]),
      );
      expect(r.planUnits.find((u) => u.id === "hn2023:3.2.r1")!.breadcrumb).toBe(
        "三、重点行业实施路径 › （二）建材行业 › 产能控制",
      );
    });

    it("shows the arithmetic and every source", () => {
      expect(r.formula).toContain("与标杆水平的差距 = 110 − 100 = 10 kgce/t（10 ÷ 100 = 10%）");
      expect(r.sources.map((s) => s.id)).toEqual(
        expect.arrayContaining(["hn2023", "ndrc-2021-1464", "ndrc-2023-benchmark-levels"]),
      );
      expect(r.benchmarkInfo).toMatchObject({
        value: 100,
        verification: "plan",
        unitId: "hn2023:3.2.benchmark",
      });
      expect(r.baselineInfo).toMatchObject({ value: 117, verification: "two_sources" });
      expect(r.rounding).toContain("四舍五入");
    });
  });

  describe("when the annual output is known", () => {
    it("gives the energy to save to reach the benchmark: 120万吨 at 108 → 9,600 tce a year", () => {
      const r = gap({ product: "水泥熟料", unitConsumption: 108, output: { value: 120, unit: "万吨" } });
      expect(r.annualOutputT).toBe(1_200_000);
      expect(r.annualSavingTce).toBe(9600);
      expect(r.formula).toContain(
        "达到标杆水平每年需节能 = (108 − 100) kgce/t × 1,200,000 t ÷ 1000 = 9,600 tce",
      );
    });

    it("gives the CO2 that saving avoids with the factor used (coal for clinker: 29.3076 × 0.0261 × 0.93 × 44/12 = 2.6084)", () => {
      const r = gap({ product: "水泥熟料", unitConsumption: 108, output: { value: 120, unit: "万吨" } });
      expect(r.co2Factor).toMatchObject({ value: 2.6084, unit: "tCO2/tce", method: "assumed_carrier" });
      expect(r.co2SavingT).toBe(25040.64);
      expect(r.sources.map((s) => s.id)).toContain("gbt-32151-34-2024");
    });

    it("uses the grid factor for a saving of electricity (EAF): 0.5306 ÷ 0.1229 = 4.3173 tCO2/tce", () => {
      const r = gap({ product: "电弧炉", unitConsumption: 65, output: { value: 50, unit: "万吨" } });
      expect(r.annualSavingTce).toBe(2000);
      expect(r.co2Factor?.value).toBe(4.3173);
      expect(r.co2SavingT).toBe(8634.6);
      expect(r.gridFactor).toMatchObject({ id: "grid-national-2023", value: 0.5306, isDefault: true });
    });

    it("uses another grid factor when asked, and shows which", () => {
      const r = computeBenchmarkGap(
        benchmarkGapSchema.parse({
          product: "电弧炉",
          unitConsumption: 65,
          output: { value: 50, unit: "万吨" },
          gridFactorId: "grid-carbon-market-2022",
        }),
        context(),
      );
      expect(r.gridFactor).toMatchObject({ id: "grid-carbon-market-2022", value: 0.5703, isDefault: false });
      expect(r.co2Factor?.value).toBe(4.6404);
    });

    it("saves nothing when already at the benchmark, and prints no arithmetic that would say otherwise", () => {
      const r = gap({ product: "水泥熟料", unitConsumption: 95, output: { value: 120, unit: "万吨" } });
      expect(r.status).toBe("at_or_better_than_benchmark");
      expect(r.annualSavingTce).toBe(0);
      expect(r.co2SavingT).toBe(0);
      expect(r.formula).toContain(
        "单位产品能耗 95 kgce/t 不高于标杆水平 100 kgce/t，达到标杆不需要再节能（0 tce）",
      );
    });

    it("computes the saving from the unit consumption it shows: 108.004 is shown as 108, so (108 − 100) × 1,200,000 ÷ 1000 = 9,600", () => {
      const r = gap({ product: "水泥熟料", unitConsumption: 108.004, output: { value: 120, unit: "万吨" } });
      expect(r.unitConsumption).toBe(108);
      expect(r.annualSavingTce).toBe(9600);
      expect(r.formula).toContain(
        "达到标杆水平每年需节能 = (108 − 100) kgce/t × 1,200,000 t ÷ 1000 = 9,600 tce",
      );
      expect(r.co2SavingT).toBe(25040.64);
    });
  });

  describe("when a planned unit consumption is given (单耗由112降到105)", () => {
    it("gives the saving between the two: (112 − 105) × 600,000 t = 4,200 tce, its CO2 at the same factor", () => {
      const r = gap({
        product: "水泥熟料",
        unitConsumption: 112,
        plannedUnitConsumption: 105,
        output: { value: 60, unit: "万吨" },
      });
      expect(r.plannedSaving).toEqual({
        unitConsumption: 105,
        gap: 7,
        percent: 6.3,
        savingTce: 4200,
        co2T: 10955.28,
      });
      expect(r.formula).toContain(
        "单耗由 112 降到 105 每年节能 = (112 − 105) kgce/t × 600,000 t ÷ 1000 = 4,200 tce",
      );
      expect(r.annualSavingTce).toBe(7200);
    });

    it("without the output gives the fall per tonne only", () => {
      const r = gap({ product: "水泥熟料", unitConsumption: 112, plannedUnitConsumption: 105 });
      expect(r.plannedSaving).toEqual({
        unitConsumption: 105,
        gap: 7,
        percent: 6.3,
        savingTce: null,
        co2T: null,
      });
    });

    it("refuses a planned figure that is not lower, naming it", () => {
      expect(
        thrown(() => gap({ product: "水泥熟料", unitConsumption: 105, plannedUnitConsumption: 112 })),
      ).toMatchObject({ problem: "target_not_better", field: "plannedUnitConsumption" });
    });
  });

  describe("when the figures are energy by carrier and output", () => {
    const r = gap({
      product: "水泥熟料",
      output: { value: 120, unit: "万吨" },
      energy: [
        { carrier: "原煤", amount: 15, unit: "万吨" },
        { carrier: "电", amount: 1.2, unit: "亿度" },
      ],
    });

    it("computes the unit consumption with the breakdown: (107,145 + 14,748) tce ÷ 1,200,000 t = 101.58 kgce/t", () => {
      expect(r.unitConsumptionFrom).toBe("energy_and_output");
      expect(r.totalEnergyTce).toBe(121_893);
      expect(r.unitConsumption).toBe(101.58);
      expect(r.breakdown).toEqual([
        expect.objectContaining({ carrier: "原煤", tce: 107_145, sharePercent: 87.9 }),
        expect.objectContaining({ carrier: "电力", tce: 14_748, sharePercent: 12.1 }),
      ]);
      expect(r.formula[0]).toBe("原煤：15 万吨 = 150,000,000 kg × 0.7143 kgce/kg ÷ 1000 = 107,145 tce");
      expect(r.formula[1]).toBe(
        "电力（当量值）：1.2 亿度 = 120,000,000 kWh × 0.1229 kgce/kWh ÷ 1000 = 14,748 tce",
      );
    });

    it("saves 121,893 − 120,000 = 1,893 tce, and the CO2 at the plant's own mix", () => {
      expect(r.status).toBe("between_benchmark_and_baseline");
      expect(r.annualSavingTce).toBe(1893);
      // (261,262.44 t from coal + 63,672 t from electricity) ÷ 121,893 tce = 2.6657 tCO2/tce
      expect(r.co2Factor).toMatchObject({ value: 2.6657, method: "plant_energy_mix" });
      expect(r.co2SavingT).toBe(5046.17);
      expect(r.cityTarget?.reached).toBe(true);
    });

    it("counts anthracite at its own heating value: an ammonia plant burning 25万t of it is between the levels, not at the benchmark", () => {
      // 250,000,000 kg × 0.911 = 227,750 tce; 1亿 kWh × 0.1229 = 12,290 tce; 240,040 tce × 1000 ÷ 200,000 t = 1,200.2
      const ammonia = gap({
        product: "合成氨",
        output: { value: 20, unit: "万吨" },
        energy: [
          { carrier: "优质无烟块煤", amount: 25, unit: "万吨" },
          { carrier: "电力", amount: 1, unit: "亿kWh" },
        ],
      });
      expect(ammonia.unitConsumption).toBe(1200.2);
      expect(ammonia.status).toBe("between_benchmark_and_baseline");
      expect(ammonia.breakdown?.[0]).toMatchObject({ carrier: "无烟煤", tce: 227_750 });
      expect(ammonia.notes.join("")).toContain("GB/T 2589 参考系数表没有单列无烟煤");
      expect(ammonia.sources.map((s) => s.id)).toContain("gbt-32151-34-2024");
    });

    it("notes a stated unit consumption that disagrees with the energy figures", () => {
      const r2 = gap({
        product: "水泥熟料",
        unitConsumption: 90,
        output: { value: 120, unit: "万吨" },
        energy: [{ carrier: "标准煤", amount: 12.1893, unit: "万吨" }],
      });
      expect(r2.unitConsumption).toBe(101.58);
      expect(r2.notes.join("")).toContain("不一致");
    });
  });

  describe("when the plant is worse than the baseline", () => {
    const r = gap({ product: "水泥熟料", unitConsumption: 125, output: { value: 50, unit: "万吨" } });

    it("gives both savings and the deadline to upgrade or exit", () => {
      expect(r.status).toBe("worse_than_baseline");
      expect(r.gapToBaseline).toBe(8);
      expect(r.annualSavingTce).toBe(12_500);
      expect(r.annualSavingToBaselineTce).toBe(4000);
      expect(r.policy.deadline).toMatchObject({
        date: "2025-12-31",
        conditional: false,
        verification: "one_source",
      });
      expect(r.policy.summary).toContain("2025年底前");
      expect(r.policy.asks.map((a) => a.unitId)).toEqual(["hn2023:zl3.3", "hn2023:2.1.2"]);
    });

    it("says the deadline has passed when the answer is given after it, and not before", () => {
      const on = (asOf: string) =>
        computeBenchmarkGap(benchmarkGapSchema.parse({ product: "水泥熟料", unitConsumption: 125 }), {
          ...context(),
          asOf,
        }).policy;
      expect(on("2026-12-01").deadline).toMatchObject({ date: "2025-12-31", passed: true });
      expect(on("2026-12-01").summary).toContain("这一期限已过");
      expect(on("2025-11-30").deadline).toMatchObject({ passed: false });
      expect(on("2025-11-30").summary).not.toContain("这一期限已过");
      expect(r.policy.deadline!.passed).toBeNull();
    });
  });

  describe("at the edges of a status, the rounded figure decides", () => {
    it.each([
      [99.999, "at_or_better_than_benchmark"],
      [100.004, "at_or_better_than_benchmark"],
      [100.005, "between_benchmark_and_baseline"],
      [117, "between_benchmark_and_baseline"],
      [117.004, "between_benchmark_and_baseline"],
      [117.005, "worse_than_baseline"],
    ])("%s kgce/t of clinker is %s", (uc, status) => {
      expect(gap({ product: "水泥熟料", unitConsumption: uc }).status).toBe(status);
    });
  });

  describe("for each product the plan names", () => {
    it("电弧炉冶炼 ≥50 t: benchmark 61, baseline 72 known only as the GB 21256-2025 limit grade", () => {
      const r = gap({ product: "60吨电弧炉", unitConsumption: 65 });
      expect(r.product.id).toBe("eaf-steelmaking-ge50t");
      expect(r).toMatchObject({
        benchmark: 61,
        baseline: 72,
        status: "between_benchmark_and_baseline",
        gapToBenchmark: 4,
        gapToBenchmarkPercent: 6.6,
      });
      expect(r.baselineInfo).toMatchObject({
        verification: "standard_limit_grade",
        standard: "GB 21256-2025",
        grade: 3,
      });
      expect(r.baselineInfo!.label).toContain("GB 21256-2025");
      expect(r.notes.join("")).toContain("GB 21256-2025");
      expect(r.notes.join("")).toContain("60 吨");
      expect(r.planUnits.map((u) => u.id)).toContain("hn2023:3.1.r1");
    });

    it("电弧炉 with the capacity as a field", () => {
      const r = gap({ product: "电炉钢", unitConsumption: 75, capacity: { value: 70, unit: "t" } });
      expect(r.status).toBe("worse_than_baseline");
      expect(r.gapToBaseline).toBe(3);
    });

    it("水泥熟料: benchmark 100, baseline 117, city target 102", () => {
      const r = gap({ product: "吨熟料", unitConsumption: 101 });
      expect(r).toMatchObject({ benchmark: 100, baseline: 117, gapToBenchmark: 1, gapToBenchmarkPercent: 1 });
      expect(r.cityTarget).toMatchObject({ value: 102, gap: -1, reached: true });
    });

    it("煤制烯烃 on the feedstock-inclusive basis: 2900 vs 2800 → 100 kgce/t, 3.6%", () => {
      const r = gap({ product: "煤制烯烃", unitConsumption: 2900, basis: "including_feedstock" });
      expect(r).toMatchObject({
        benchmark: 2800,
        baseline: 3300,
        status: "between_benchmark_and_baseline",
        gapToBenchmark: 100,
        gapToBenchmarkPercent: 3.6,
      });
      expect(r.baselineInfo).toMatchObject({
        standard: "GB 30180-2024",
        verification: "standard_limit_grade",
      });
      expect(r.notes.join("")).toContain("含原料用能");
    });

    it("合成氨 (优质无烟块煤): 1200 vs 1100 → 100 kgce/t, 9.1%, baseline 1350 from GB 21344-2023", () => {
      const r = gap({ product: "合成氨", unitConsumption: 1200, output: { value: 30, unit: "万吨" } });
      expect(r.product).toMatchObject({ id: "ammonia-anthracite-lump", condition: "以优质无烟块煤为原料" });
      expect(r).toMatchObject({
        benchmark: 1100,
        baseline: 1350,
        gapToBenchmark: 100,
        gapToBenchmarkPercent: 9.1,
        annualSavingTce: 30_000,
      });
      expect(r.baselineInfo?.standard).toBe("GB 21344-2023");
      // anthracite: 29.3076 × 0.0274 × 0.94 × 44/12 = 2.7678 tCO2/tce
      expect(r.co2Factor?.value).toBe(2.7678);
      expect(r.co2SavingT).toBe(83_034);
      expect(r.notes.join("")).toContain("原料中的碳");
    });

    it("纯碱 联碱法 轻质: benchmark 160 and no baseline invented: 170 → baseline_unknown, 6.3%", () => {
      const r = gap({ product: "联碱法轻质纯碱", unitConsumption: 170 });
      expect(r).toMatchObject({
        benchmark: 160,
        baseline: null,
        gapToBaseline: null,
        status: "baseline_unknown",
        gapToBenchmark: 10,
        gapToBenchmarkPercent: 6.3,
      });
      expect(r.baselineInfo).toBeNull();
      expect(r.policy.deadline).toMatchObject({ conditional: true, date: "2025-12-31" });
      expect(r.referenceGrades[0]).toMatchObject({ standard: "GB 29140-2024", grade3: 200 });
    });

    it("纯碱 联碱法 重质: benchmark 210; 200 is better than it", () => {
      const r = gap({ product: "重质纯碱", unitConsumption: 200 });
      expect(r).toMatchObject({
        benchmark: 210,
        baseline: null,
        status: "at_or_better_than_benchmark",
        gapToBenchmark: -10,
        gapToBenchmarkPercent: -4.8,
      });
    });
  });

  describe("for a product the plan does not name", () => {
    it("uses the nationally published figure and says it is not the plan's", () => {
      const r = gap({ product: "硅铁", unitConsumption: 1800 });
      expect(r).toMatchObject({ benchmark: 1770, baseline: 1850, status: "between_benchmark_and_baseline" });
      expect(r.product.inPlan).toBe(false);
      expect(r.benchmarkInfo.verification).toBe("one_source");
      expect(r.notes.join("")).toContain("方案没有列出硅铁");
    });
  });

  describe("when the input cannot be compared", () => {
    it("an unknown product lists the closest catalogue entries", () => {
      const e = thrown(() => gap({ product: "水泥", unitConsumption: 90 }));
      expect(e).toBeInstanceOf(CalculatorInputError);
      expect(e).toMatchObject({ problem: "unknown_product", field: "product" });
      expect((e.details!.closest as Array<{ id: string }>)[0]!.id).toBe("cement-clinker");
    });

    it("纯碱 without 轻质/重质 lists the variants", () => {
      const e = thrown(() => gap({ product: "纯碱", unitConsumption: 170 }));
      expect(e).toMatchObject({ problem: "ambiguous_product", field: "product" });
      expect((e.details!.variants as Array<{ id: string }>).map((v) => v.id)).toEqual([
        "soda-ash-dual-light",
        "soda-ash-dual-dense",
      ]);
      expect(e.message).toContain("轻质还是重质");
    });

    it("a process the plan's figure does not cover is named as such", () => {
      expect(thrown(() => gap({ product: "氨碱法纯碱", unitConsumption: 300 }))).toMatchObject({
        problem: "product_not_covered",
      });
      expect(thrown(() => gap({ product: "天然气制合成氨", unitConsumption: 1000 }))).toMatchObject({
        problem: "product_not_covered",
      });
    });

    it("an output no single plant makes is refused naming the field: 1e15 万吨 is over 1亿吨", () => {
      const e = thrown(() =>
        gap({ product: "熟料", unitConsumption: 110, output: { value: 1e15, unit: "万吨" } }),
      );
      expect(e).toMatchObject({ problem: "implausible_value", field: "output" });
      expect(e.message).toBe(
        "年产量 1,000,000,000,000,000 万吨 超出单个企业的合理范围（不超过1亿吨），请检查数值和单位（如“万吨”）。",
      );
      expect(
        gap({ product: "熟料", unitConsumption: 110, output: { value: 1, unit: "亿吨" } }).annualSavingTce,
      ).toBe(1_000_000);
    });

    it("an energy line no single plant uses is refused naming the line", () => {
      const e = thrown(() =>
        gap({
          product: "熟料",
          output: { value: 120, unit: "万吨" },
          energy: [
            { carrier: "电", amount: 1.2, unit: "亿度" },
            { carrier: "原煤", amount: 2e4, unit: "万吨" },
          ],
        }),
      );
      expect(e).toMatchObject({ problem: "implausible_value", field: "energy.1.amount" });
      expect(e.message).toContain("原煤用量 20,000 万吨 超出单个企业一年用量的合理范围（不超过1亿吨）");
    });

    it("a furnace capacity over 1000 t is refused naming the field", () => {
      const e = thrown(() =>
        gap({ product: "电弧炉", unitConsumption: 65, capacity: { value: 6, unit: "万吨" } }),
      );
      expect(e).toMatchObject({ problem: "implausible_value", field: "capacity" });
      expect(e.message).toContain("不超过 1,000 吨");
    });

    it("an EAF below 50 t is outside the plan's capacity band", () => {
      const e = thrown(() => gap({ product: "30吨电弧炉", unitConsumption: 65 }));
      expect(e).toMatchObject({ problem: "capacity_out_of_band", field: "capacity" });
      expect(e.message).toContain("公称容量≥50吨");
    });

    it("煤制烯烃 without a basis asks for it; the other basis is refused", () => {
      expect(thrown(() => gap({ product: "煤制烯烃", unitConsumption: 2900 }))).toMatchObject({
        problem: "basis_required",
        field: "basis",
      });
      const e = thrown(() =>
        gap({ product: "煤制烯烃", unitConsumption: 1300, basis: "excluding_feedstock" }),
      );
      expect(e).toMatchObject({ problem: "basis_not_comparable", field: "basis" });
    });

    it("a figure 20 times the benchmark is refused, naming the field", () => {
      expect(thrown(() => gap({ product: "水泥熟料", unitConsumption: 2001 }))).toMatchObject({
        problem: "implausible_value",
        field: "unitConsumption",
      });
      expect(thrown(() => gap({ product: "水泥熟料", unitConsumption: 4.9 }))).toMatchObject({
        problem: "implausible_value",
        field: "unitConsumption",
      });
      expect(gap({ product: "水泥熟料", unitConsumption: 2000 }).status).toBe("worse_than_baseline");
    });

    it("an output given in the wrong magnitude makes the computed figure absurd, and the energy is named", () => {
      const e = thrown(() =>
        gap({
          product: "水泥熟料",
          output: { value: 120, unit: "吨" },
          energy: [{ carrier: "原煤", amount: 15, unit: "万吨" }],
        }),
      );
      expect(e).toMatchObject({ problem: "implausible_value", field: "energy" });
      expect(e.message).toContain("万吨");
    });

    it("an unknown carrier or unit names the line", () => {
      expect(
        thrown(() =>
          gap({
            product: "水泥熟料",
            output: { value: 1, unit: "万吨" },
            energy: [{ carrier: "核能", amount: 1, unit: "吨" }],
          }),
        ),
      ).toMatchObject({ problem: "unknown_carrier", field: "energy.0.carrier" });
      expect(
        thrown(() =>
          gap({
            product: "水泥熟料",
            output: { value: 1, unit: "万吨" },
            energy: [{ carrier: "电", amount: 1, unit: "吨" }],
          }),
        ),
      ).toMatchObject({ problem: "unknown_unit", field: "energy.0.unit" });
      expect(
        thrown(() => gap({ product: "水泥熟料", unitConsumption: 110, output: { value: 1, unit: "桶" } })),
      ).toMatchObject({
        field: "output.unit",
      });
    });

    it("the schema requires a unit consumption or energy with output, and positive finite numbers", () => {
      const issues = (v: unknown) =>
        benchmarkGapSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
      expect(issues({ product: "熟料" })).toEqual(["unitConsumption"]);
      expect(issues({ product: "熟料", energy: [{ carrier: "电", amount: 1, unit: "度" }] })).toEqual([
        "output",
      ]);
      expect(issues({ product: "熟料", unitConsumption: 0 })).toEqual(["unitConsumption"]);
      expect(issues({ product: "熟料", unitConsumption: -3 })).toEqual(["unitConsumption"]);
      expect(issues({ product: "熟料", unitConsumption: Number.POSITIVE_INFINITY })).toEqual([
        "unitConsumption",
      ]);
      expect(issues({ product: "熟料", unitConsumption: Number.NaN })).toEqual(["unitConsumption"]);
      expect(issues({ product: "", unitConsumption: 100 })).toEqual(["product"]);
    });
  });

  describe("properties", () => {
    const clinker = fc.double({ min: 5, max: 2000, noNaN: true });

    it("a higher unit consumption never gives a better status, a smaller gap or a smaller saving", () => {
      const rank = {
        at_or_better_than_benchmark: 0,
        between_benchmark_and_baseline: 1,
        worse_than_baseline: 2,
        baseline_unknown: 2,
      };
      fc.assert(
        fc.property(clinker, clinker, (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const rl = gap({ product: "水泥熟料", unitConsumption: lo, output: { value: 100, unit: "万吨" } });
          const rh = gap({ product: "水泥熟料", unitConsumption: hi, output: { value: 100, unit: "万吨" } });
          expect(rank[rl.status]).toBeLessThanOrEqual(rank[rh.status]);
          expect(rl.gapToBenchmark).toBeLessThanOrEqual(rh.gapToBenchmark);
          expect(rl.annualSavingTce!).toBeLessThanOrEqual(rh.annualSavingTce!);
          expect(rl.co2SavingT!).toBeLessThanOrEqual(rh.co2SavingT!);
        }),
        { numRuns: 60 },
      );
    });

    it("the saving scales with output", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 100.01, max: 500, noNaN: true }),
          fc.integer({ min: 1, max: 500 }),
          (uc, wan) => {
            const one = gap({ product: "水泥熟料", unitConsumption: uc, output: { value: 1, unit: "万吨" } });
            const many = gap({
              product: "水泥熟料",
              unitConsumption: uc,
              output: { value: wan, unit: "万吨" },
            });
            // from the unit consumption as shown (2 places), so the printed line checks by hand
            expect(many.annualSavingTce!).toBeCloseTo(
              ((round(uc, "unitConsumption") - 100) * wan * 1e4) / 1000,
              2,
            );
            expect(many.annualSavingTce!).toBeGreaterThanOrEqual(one.annualSavingTce!);
          },
        ),
        { numRuns: 60 },
      );
    });

    it("stating the output in 吨 or 万吨 gives the same result", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 90, max: 150, noNaN: true }),
          fc.integer({ min: 1, max: 300 }),
          (uc, wan) => {
            const a = gap({ product: "水泥熟料", unitConsumption: uc, output: { value: wan, unit: "万吨" } });
            const b = gap({
              product: "水泥熟料",
              unitConsumption: uc,
              output: { value: wan * 10_000, unit: "吨" },
            });
            expect(a.annualSavingTce).toBe(b.annualSavingTce);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
