import { describe, expect, it } from "vitest";
import {
  computePlanArithmetic,
  planArithmeticSchema,
  type PlanArithmeticResult,
} from "../../server/calculators/computePlanArithmetic.js";
import { describeResult } from "../../server/calculators/port.js";
import { checkFormulaLine } from "./formulaCheck.js";
import { realData, thrown } from "./fixtures.js";

const run = (input: Record<string, unknown>) =>
  computePlanArithmetic(planArithmeticSchema.parse(input), { data: realData() });

/** The lead and every formula line check by hand with the figures they show. */
function expectArithmeticChecks(r: PlanArithmeticResult): string {
  const lead = describeResult("plan_arithmetic", r).lead;
  const checks = [lead, ...r.formula].flatMap(checkFormulaLine);
  expect(checks.length).toBeGreaterThan(0);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  return lead;
}

describe("computePlanArithmetic", () => {
  describe("total_at_level: 8,000 t of light soda ash at the plan's benchmark", () => {
    const r = run({
      operation: "total_at_level",
      product: "联碱法轻质纯碱",
      output: { value: 8000, unit: "吨" },
      at: { level: "benchmark" },
    });

    it("uses 8,000 t × 160 kgce/t = 1,280 tce a year", () => {
      expect(r).toMatchObject({ operation: "total_at_level", outputT: 8000, totalTce: 1280 });
      expect(r.operation === "total_at_level" && r.at).toMatchObject({ value: 160, fromPlan: true });
    });

    it("says so with the arithmetic, citing the plan's benchmark table", () => {
      expect(expectArithmeticChecks(r)).toContain("一年的综合能耗为 1,280 吨标准煤");
      expect(r.planUnits.map((u) => u.id)).toEqual(["hn2023:3.3.benchmark"]);
      expect(r.sources[0]).toMatchObject({ kind: "plan", unitId: "hn2023:3.3.benchmark" });
    });

    it("reads 万吨 like the benchmark gap does", () => {
      const big = run({
        operation: "total_at_level",
        product: "熟料",
        output: { value: 60, unit: "万吨" },
        at: { level: "target" },
      });
      expect(big).toMatchObject({ outputT: 600_000, totalTce: 61_200 });
    });
  });

  describe("percent_difference: clinker's 2025 target against its benchmark", () => {
    const r = run({
      operation: "percent_difference",
      product: "水泥熟料",
      figure: { level: "target", year: 2025 },
      reference: { level: "benchmark" },
    });

    it("is (102 − 100) ÷ 100 = 2% higher", () => {
      expect(r).toMatchObject({ operation: "percent_difference", percent: 2 });
      expect(expectArithmeticChecks(r)).toContain(
        "方案2025年全市目标值 102 千克标准煤/吨比标杆值 100 千克标准煤/吨高 2%",
      );
    });

    it("cites both clauses, and says the target is the city's", () => {
      expect(r.planUnits.map((u) => u.id)).toEqual(["hn2023:3.2.target", "hn2023:3.2.benchmark"]);
      expect(r.notes.join("")).toContain("全市整体水平的目标");
    });

    it("says lower, not a negative higher, the other way round", () => {
      const back = run({
        operation: "percent_difference",
        product: "水泥熟料",
        figure: { level: "benchmark" },
        reference: { level: "target" },
      });
      expect(back).toMatchObject({ percent: -2 });
      expect(expectArithmeticChecks(back)).toContain("低 2%");
    });
  });

  describe("percent_fall: clinker from 110 to the plan's 2025 target", () => {
    const r = run({
      operation: "percent_fall",
      product: "熟料",
      from: { value: 110 },
      to: { level: "target" },
    });

    it("falls (110 − 102) ÷ 110 = 7.3%, 8 kgce/t", () => {
      expect(r).toMatchObject({ operation: "percent_fall", percent: 7.3, gap: 8 });
      expect(expectArithmeticChecks(r)).toContain("降幅为 7.3%");
    });

    it("refuses a rise as a fall, naming the field", () => {
      const e = thrown(() =>
        run({ operation: "percent_fall", product: "熟料", from: { value: 98 }, to: { level: "benchmark" } }),
      );
      expect(e).toMatchObject({ problem: "target_not_better", field: "to" });
    });

    it("falls from the baseline to the benchmark, 117 → 100, citing the notice for the baseline", () => {
      const both = run({
        operation: "percent_fall",
        product: "熟料",
        from: { level: "baseline" },
        to: { level: "benchmark" },
      });
      expect(both).toMatchObject({ percent: 14.5, gap: 17 });
      expect(both.sources.map((s) => s.kind).sort()).toEqual(["notice", "plan"]);
      expectArithmeticChecks(both);
    });
  });

  describe("base_from_target: 0.68 tce/万元 in 2025, back to 2020 at the plan's 15%", () => {
    const r = run({ operation: "base_from_target", targetValue: 0.68 });

    it("is 0.68 ÷ (1 − 15%) = 0.8, shown with its arithmetic", () => {
      expect(r).toMatchObject({ operation: "base_from_target", targetValue: 0.68, baseValue: 0.8 });
      expect(r.formula).toEqual(["基期数值 = 0.68 ÷ (1 − 15%) = 0.8 tce/万元"]);
      expect(expectArithmeticChecks(r)).toContain("2020年基数为 0.8 吨标准煤/万元");
    });

    it("needs the target year's value", () => {
      expect(planArithmeticSchema.safeParse({ operation: "base_from_target" }).success).toBe(false);
    });
  });

  describe("annual_rate: the plan's 15% over 2020–2025", () => {
    const r = run({ operation: "annual_rate" });

    it("is 1 − 0.85^(1/5) = 3.2% a year, with the simple 3% shown to fall short", () => {
      expect(r).toMatchObject({ operation: "annual_rate", years: 5, percent: 3.2, simpleAverage: 3 });
      expect(r.formula.join("\n")).toContain("累计只降 1 − (1 − 3%)^5 = 14.1%，达不到 15%");
      expect(expectArithmeticChecks(r)).toContain("平均每年需下降约 3.2%");
    });

    it("reads the target from the plan's data, citing its clause", () => {
      expect(r.operation === "annual_rate" && r.target).toMatchObject({
        id: "intensity-2025",
        reductionPercent: 15,
        unitId: "hn2023:1.3",
      });
      expect(r.planUnits.map((u) => u.id)).toEqual(["hn2023:1.3"]);
    });

    it("names an unknown target and the ones there are", () => {
      const e = thrown(() => run({ operation: "annual_rate", target: "co2-2025" }));
      expect(e).toMatchObject({ problem: "no_plan_figure", field: "target" });
      expect(e.message).toContain("intensity-2025");
    });
  });

  describe("remaining_fall: 9% down by 2023, 15% wanted by 2025", () => {
    const r = run({ operation: "remaining_fall", achievedPercent: 9, year: 2023 });

    it("still needs 1 − 0.85 ÷ 0.91 = 6.6% on 2023, about 3.4% in each of the two years left", () => {
      expect(r).toMatchObject({
        operation: "remaining_fall",
        percent: 6.6,
        met: false,
        annual: { years: 2, percent: 3.4 },
      });
      expect(expectArithmeticChecks(r)).toContain("以2023年的水平为基数，还需再下降约 6.6%");
      expect(describeResult("plan_arithmetic", r).lead).toContain("余下2年每年平均需下降约 3.4%");
      expect(r.notes.join("")).toContain("不能直接相减");
    });

    it("needs nothing once 15% is reached", () => {
      const done = run({ operation: "remaining_fall", achievedPercent: 16 });
      expect(done).toMatchObject({ percent: 0, met: true, annual: null, formula: [] });
      expect(describeResult("plan_arithmetic", done).lead).toContain("不需要再降");
    });
  });

  describe("when the plan has no such figure", () => {
    it("says the plan's target for electric-arc steel is a level in words, not a number", () => {
      const e = thrown(() =>
        run({ operation: "percent_fall", product: "电炉钢", from: { value: 70 }, to: { level: "target" } }),
      );
      expect(e).toMatchObject({ problem: "no_plan_figure", field: "to.level" });
      expect(e.message).toContain("达到国内先进水平");
    });

    it("has no 2030 target for clinker, only 2025", () => {
      const e = thrown(() =>
        run({
          operation: "total_at_level",
          product: "熟料",
          output: { value: 1, unit: "万吨" },
          at: { level: "target", year: 2030 },
        }),
      );
      expect(e.message).toBe("方案没有给出水泥熟料2030年的目标值（只有2025年的）。");
    });

    it("has no baseline for soda ash", () => {
      const e = thrown(() =>
        run({
          operation: "total_at_level",
          product: "联碱法重质纯碱",
          output: { value: 1, unit: "万吨" },
          at: { level: "baseline" },
        }),
      );
      expect(e).toMatchObject({ problem: "no_plan_figure", field: "at.level" });
    });
  });

  describe("the schema", () => {
    it("asks for what each operation needs", () => {
      const r = planArithmeticSchema.safeParse({ operation: "total_at_level", product: "熟料" });
      expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["output", "at"]);
    });

    it("wants one of the plan's figures in a comparison", () => {
      const r = planArithmeticSchema.safeParse({
        operation: "percent_difference",
        product: "熟料",
        figure: { value: 110 },
        reference: { value: 100 },
      });
      expect(r.success).toBe(false);
    });

    it("takes a level or a value in an operand, not both", () => {
      const r = planArithmeticSchema.safeParse({
        operation: "percent_fall",
        product: "熟料",
        from: { value: 110, level: "baseline" },
        to: { level: "benchmark" },
      });
      expect(r.error?.issues[0]?.path).toEqual(["from", "level"]);
    });
  });
});
