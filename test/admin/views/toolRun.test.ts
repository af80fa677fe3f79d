import type * as z from "zod";
import { describe, expect, it } from "vitest";
import {
  errorText,
  inputRows,
  outputRows,
  toolRunView,
  type CalculatorNames,
} from "../../../server/admin/views/toolRun.js";
import { calculatorTools, runCalculatorTool } from "../../../server/calculators/registry.js";
import { messages } from "../../../server/messages.js";
import { context, realData, TEN_MOTORS } from "../../calculators/fixtures.js";
import { internalCodes } from "../../support/plainChinese.js";

const c = messages.admin.calculator;

/** Every field name a calculator's input schema has, however deep (objects, lists, optional, defaults). */
function fieldsOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => [
        key,
        ...fieldsOf(inner),
      ]);
    case "array":
      return fieldsOf(def.element as z.ZodType);
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "prefault":
      return fieldsOf(def.innerType as z.ZodType);
    case "pipe":
      return fieldsOf(def.in as z.ZodType);
    case "union":
      return (def.options as z.ZodType[]).flatMap(fieldsOf);
    default:
      return [];
  }
}

const names: CalculatorNames = {
  product: (id) => realData().products.find((p) => p.id === id)?.name,
  gridFactor: (id) => realData().gridFactors.find((g) => g.id === id)?.name,
};

/** A run of each calculator on the real data, as the pipeline or the form stores it. */
const RUNS: Array<[string, Record<string, unknown>]> = [
  [
    "benchmark_gap",
    { product: "cement-clinker", unitConsumption: 110, output: { value: 120, unit: "万吨" } },
  ],
  ["benchmark_lookup", { product: "水泥熟料" }],
  [
    "energy_convert",
    {
      energy: [
        { carrier: "电力", amount: 800, unit: "万千瓦时" },
        { carrier: "原煤", amount: 100, unit: "吨" },
      ],
      electricityBasis: "heat_content",
      gridFactorId: "grid-national-2023",
    },
  ],
  ["motor_upgrade", { ...TEN_MOTORS, electricityPrice: 0.65, upgradeCostWanYuan: 30 }],
  [
    "vsd_savings",
    {
      equipment: "fan",
      fullFlowInputKw: 75,
      profile: [{ flowPercent: 70, hours: 4000, presentInputKw: 70 }],
    },
  ],
  ["intensity_target", { base: { intensity: 1 }, current: { year: 2023, intensity: 0.9 } }],
];

describe("a calculator run as staff read it", () => {
  it("has a Chinese name for every calculator and every input field of every calculator", () => {
    for (const tool of calculatorTools) {
      expect(c.tools[tool.name], tool.name).toBeDefined();
      for (const field of fieldsOf(tool.schema))
        expect(c.fields[field], `${tool.name}.${field}`).toBeDefined();
    }
  });

  it.each(RUNS)(
    "%s: two small tables in Chinese, the figures given and the results, with no code or JSON",
    (name, input) => {
      const outcome = runCalculatorTool(name, input, context());
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      const output = outcome.ok ? outcome.output : null;
      expect(inputRows(input, names).length).toBe(Object.keys(input).length);
      expect(outputRows(name, output).length).toBeGreaterThan(0);
      const view = toolRunView({ name, input, output, error: null }, names).value;
      expect(view).toContain('data-testid="tool-input"');
      expect(view).toContain('data-testid="tool-output"');
      expect(view).toContain(c.tools[name]!);
      expect(internalCodes(view)).toEqual([]);
    },
  );

  it("writes a benchmark gap as the widget's card does: product, figures with units, the gap signed, the status", () => {
    const outcome = runCalculatorTool("benchmark_gap", RUNS[0]![1], context());
    const rows = Object.fromEntries(outputRows("benchmark_gap", outcome.ok ? outcome.output : null));
    expect(rows).toMatchObject({
      [c.results.product]: "水泥熟料",
      [c.results.benchmark]: "100 千克标准煤/吨",
      [c.results.baseline]: "117 千克标准煤/吨",
      [c.results.gapToBenchmark]: "+10 千克标准煤/吨（+10%）",
      [c.results.status]: "介于标杆水平与基准水平之间",
      [c.results.annualSaving]: "12,000 吨标准煤",
    });
  });

  it("names the product by the catalogue and the choices by their meaning", () => {
    expect(Object.fromEntries(inputRows(RUNS[0]![1], names))).toMatchObject({
      [c.fields.product!]: "水泥熟料",
      [c.fields.output!]: "120 万吨",
    });
    expect(Object.fromEntries(inputRows(RUNS[2]![1], names))).toMatchObject({
      [c.fields.energy!]: "电力 800 万千瓦时；原煤 100 吨",
      [c.fields.electricityBasis!]: "当量值",
      [c.fields.gridFactorId!]: "2023年全国电力平均二氧化碳排放因子",
    });
    expect(Object.fromEntries(inputRows(RUNS[4]![1], names))).toMatchObject({
      [c.fields.equipment!]: "风机",
      [c.fields.profile!]: "流量 70%：每年 4,000 小时，实测 70 千瓦",
    });
  });

  it("shows a refusal with the fields named in Chinese", () => {
    expect(errorText("参数“energy”不能为空。 参数“profile.0.hours”应为数字。")).toBe(
      `参数“${c.fields.energy}”不能为空。 参数“${c.fields.hours}”应为数字。`,
    );
    const view = toolRunView({
      name: "energy_convert",
      input: {},
      output: null,
      error: "参数“energy”不能为空。",
    }).value;
    expect(view).toContain('data-testid="tool-error"');
    expect(internalCodes(view)).toEqual([]);
  });
});
