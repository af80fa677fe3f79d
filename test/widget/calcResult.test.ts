import { describe, expect, it } from "vitest";
import { gapText } from "../../widget/src/calcResult.js";
import type { GapView } from "../../widget/src/types.js";

const GAP: GapView = {
  product: { id: "cement-clinker", name: "水泥熟料" },
  unit: "kgce/t",
  unitConsumption: 110,
  benchmark: 100,
  baseline: 117,
  status: "between_benchmark_and_baseline",
  statusLabel: "介于标杆水平与基准水平之间",
  gapToBenchmark: 10,
  gapToBenchmarkPercent: 10,
  annualSavingTce: 12000,
  co2SavingT: null,
  cityTarget: { value: 102, year: 2025 },
  formula: ["与标杆水平的差距 = 110 − 100 = 10 kgce/t", "年节能量 = 10 × 120万吨 ÷ 1000 = 12,000 吨标准煤"],
  policy: { summary: "低于基准水平的产能限期改造升级。" },
  sources: [
    { title: "《淮南市工业领域碳达峰实施方案》" },
    { title: "GB 16780-2021《水泥单位产品能源消耗限额》" },
  ],
};

describe("gapText, what 复制 puts on the clipboard for a calculation", () => {
  it("holds the table, the policy, every step of the arithmetic and the sources, as plain lines", () => {
    expect(gapText(GAP).split("\n")).toEqual([
      "水泥熟料能效对标（kgce/t）",
      "本企业：110",
      "标杆水平：100",
      "基准水平：117",
      "全市2025年目标：102",
      "与标杆差距：+10（+10%）",
      "能效状况：介于标杆水平与基准水平之间",
      "达到标杆每年需节能：12,000 吨标准煤",
      "政策要求：低于基准水平的产能限期改造升级。",
      "计算公式：",
      "1. 与标杆水平的差距 = 110 − 100 = 10 kgce/t",
      "2. 年节能量 = 10 × 120万吨 ÷ 1000 = 12,000 吨标准煤",
      "数据来源：",
      "1. 《淮南市工业领域碳达峰实施方案》",
      "2. GB 16780-2021《水泥单位产品能源消耗限额》",
    ]);
  });

  it("leaves out what the result does not have: an unknown baseline is said, absent lines are not", () => {
    const lines = gapText({
      ...GAP,
      baseline: null,
      cityTarget: null,
      annualSavingTce: null,
      policy: null,
      sources: [],
      formula: [],
    }).split("\n");
    expect(lines).toContain("基准水平：未核实");
    expect(lines.some((line) => /全市|节能|政策|计算公式|数据来源/.test(line))).toBe(false);
  });
});
