import * as z from "zod";
import { messages } from "../messages.js";
import {
  compoundAnnualRate,
  percentDifference,
  percentFall,
  remainingFall,
  totalAtLevel,
} from "./arithmetic.js";
import { productSummary } from "./benchmark/productFacts.js";
import { resolveProductOrThrow } from "./benchmark/resolveProductOrThrow.js";
import { MAX_OUTPUT_T, tonnes } from "./computeBenchmarkGap.js";
import type { CalculatorData, IntensityTarget, PlanUnitRef, Product } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { fmt, fmtExact } from "./format.js";
import { levelFigure, percentTarget, planLevels, type LevelFigure, type PlanLevel } from "./planFigures.js";
import { round } from "./rounding.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;
const p = m.planArithmetic;

export const planOperations = [
  "total_at_level",
  "percent_difference",
  "percent_fall",
  "base_from_target",
  "annual_rate",
  "remaining_fall",
] as const;
export type PlanOperation = (typeof planOperations)[number];

const LEVEL = "方案的哪个数值：benchmark 标杆值，baseline 基准值，target 全市目标值";
const yearField = z
  .number()
  .int()
  .min(2021)
  .max(2060)
  .optional()
  .describe("目标值的年份（level 为 target 时；不填取方案给出的目标年）");

/** A figure of the product: one of the plan's (a level) or the person's own (a value), not both. */
const operandSchema = z
  .object({
    level: z.enum(planLevels).optional().describe(LEVEL),
    year: yearField,
    value: z
      .number()
      .positive()
      .max(100_000)
      .optional()
      .describe("用户给出的单位产品综合能耗，千克标准煤/吨（代替 level）"),
  })
  .superRefine((v, ctx) => {
    if ((v.level === undefined) === (v.value === undefined))
      ctx.addIssue({ code: "custom", path: ["level"], message: p.errors.operandOneOf });
  });
type Operand = z.infer<typeof operandSchema>;

/** Which fields each operation needs; the others are ignored. */
const NEEDS: Record<
  PlanOperation,
  Array<
    "product" | "output" | "at" | "figure" | "reference" | "from" | "to" | "achievedPercent" | "targetValue"
  >
> = {
  total_at_level: ["product", "output", "at"],
  percent_difference: ["product", "figure", "reference"],
  percent_fall: ["product", "from", "to"],
  annual_rate: [],
  remaining_fall: ["achievedPercent"],
  base_from_target: ["targetValue"],
};

export const planArithmeticSchema = z
  .object({
    operation: z
      .enum(planOperations)
      .describe(
        "运算：total_at_level 按方案某一水平算年综合能耗（产量 × 水平）；percent_difference 一个数值比另一个高或低百分之几；percent_fall 由一个数值降到另一个的降幅；annual_rate 方案下降目标在目标期内的年均（复合）下降率；remaining_fall 已下降一部分后，以当年为基数还需下降的幅度；base_from_target 由目标年的数值按方案下降幅度倒推基期数值",
      ),
    product: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe(
        "产品或工序（total_at_level、percent_difference、percent_fall 用），如 水泥熟料、联碱法轻质纯碱",
      ),
    output: z
      .object({
        value: z.number().positive().describe("年产量数值"),
        unit: z.string().trim().min(1).max(20).describe("年产量单位，如 吨、万吨"),
      })
      .optional()
      .describe('年产量（total_at_level 用），如 {value: 8000, unit: "吨"}'),
    at: z
      .object({ level: z.enum(planLevels).describe(LEVEL), year: yearField })
      .optional()
      .describe('total_at_level 按方案的哪个水平计算，如 {level: "benchmark"}'),
    figure: operandSchema.optional().describe("percent_difference 中要比较的数值（“A比B高百分之几”的 A）"),
    reference: operandSchema
      .optional()
      .describe("percent_difference 中作为基数的数值（“A比B高百分之几”的 B）"),
    from: operandSchema.optional().describe("percent_fall 中下降前的数值"),
    to: operandSchema.optional().describe("percent_fall 中降到的数值"),
    target: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe(
        "方案百分比目标的编号（annual_rate、remaining_fall 用），如 intensity-2025；不填取方案唯一的百分比目标",
      ),
    achievedPercent: z
      .number()
      .min(0)
      .lt(100)
      .optional()
      .describe("remaining_fall：较基期已经下降的百分比，如 9 表示已下降9%"),
    year: z
      .number()
      .int()
      .min(2021)
      .max(2060)
      .optional()
      .describe("remaining_fall：已下降到的那一年（可选；给出时另算出今后每年需下降多少）"),
    targetValue: z
      .number()
      .positive()
      .max(100)
      .optional()
      .describe("base_from_target：目标年的单位增加值能耗，吨标准煤/万元，如 0.68"),
  })
  .superRefine((v, ctx) => {
    for (const field of NEEDS[v.operation])
      if (v[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: p.errors.missingField(field, v.operation) });
    const pairs = { percent_difference: [v.figure, v.reference], percent_fall: [v.from, v.to] } as const;
    const pair = v.operation in pairs ? pairs[v.operation as keyof typeof pairs] : null;
    if (pair?.every((o) => o && o.level === undefined))
      ctx.addIssue({
        code: "custom",
        path: [v.operation === "percent_fall" ? "to" : "reference"],
        message: p.errors.needsPlanFigure,
      });
  });
export type PlanArithmeticInput = z.infer<typeof planArithmeticSchema>;

/** A figure of a product as a result shows it: the plan's (with its level) or the person's (level null). */
export interface ShownFigure {
  level: PlanLevel | null;
  year: number | null;
  value: number;
  /** "标杆值", "2025年全市目标值"; null for the person's own figure */
  name: string | null;
  /** the plan states it, so the lead may say "方案…" */
  fromPlan: boolean;
  unitId: string | null;
}

/** A percentage target of the plan as a result shows it. */
export interface ShownTarget {
  id: string;
  indicator: string;
  baseYear: number;
  targetYear: number;
  reductionPercent: number;
  quote: string;
  unitId: string;
}

interface Common {
  formula: string[];
  notes: string[];
  sources: SourceRef[];
  planUnits: PlanUnitRef[];
  rounding: string;
}

type ProductSummary = ReturnType<typeof productSummary>;

/** What POST /api/tools/plan-arithmetic returns, by operation; every figure rounded as shown. */
export type PlanArithmeticResult = Common &
  (
    | {
        operation: "total_at_level";
        product: ProductSummary;
        at: ShownFigure;
        outputT: number;
        totalTce: number;
      }
    | {
        operation: "percent_difference";
        product: ProductSummary;
        figure: ShownFigure;
        reference: ShownFigure;
        /** signed: negative when the figure is below the reference */
        percent: number;
      }
    | {
        operation: "percent_fall";
        product: ProductSummary;
        from: ShownFigure;
        to: ShownFigure;
        /** kgce/t less per tonne */
        gap: number;
        percent: number;
      }
    | { operation: "annual_rate"; target: ShownTarget; years: number; percent: number; simpleAverage: number }
    | {
        operation: "base_from_target";
        target: ShownTarget;
        /** the target year's value given, tce/万元 */
        targetValue: number;
        /** the base year's value it falls from at the plan's percentage, tce/万元 */
        baseValue: number;
      }
    | {
        operation: "remaining_fall";
        target: ShownTarget;
        achievedPercent: number;
        year: number | null;
        /** the fall still needed on the achieved year, %; 0 once the target is reached */
        percent: number;
        met: boolean;
        /** the even yearly fall over the years left to the target year, when the year was given */
        annual: { years: number; percent: number } | null;
      }
  );

/**
 * Arithmetic on the plan's own figures, with the person's or with each other: a product's benchmark,
 * baseline or 2025 target (products.json), the plan's percentage target (policy.json). Each line of the
 * formula computes from the figures it shows, and every plan figure is cited from its clause.
 */
export function computePlanArithmetic(
  input: PlanArithmeticInput,
  ctx: { data: CalculatorData },
): PlanArithmeticResult {
  const { data } = ctx;
  const sources = new SourceCollector();
  const formula: string[] = [];
  const notes: string[] = [];
  const unitIds: string[] = [];
  const common = () => ({
    formula,
    notes: [...new Set(notes)],
    sources: sources.list(data),
    planUnits: [...new Set(unitIds)].map((id) => data.planUnits.get(id) ?? { id, breadcrumb: "" }),
    rounding: m.rounding,
  });
  /** A product's operand as a figure, citing the plan's (or the standard's) clause when it is one. */
  const figureOf = (product: Product, operand: Operand, field: string): ShownFigure => {
    if (operand.level === undefined) {
      notes.push(p.notes.givenValue(fmtExact(operand.value!), product.indicator));
      return { level: null, year: null, value: operand.value!, name: null, fromPlan: false, unitId: null };
    }
    const f = levelFigure(product, operand.level, operand.year, `${field}.level`);
    cite(f);
    const { level, year, value, name, fromPlan, unitId } = f;
    return { level, year, value, name, fromPlan, unitId };
  };
  const cite = (f: LevelFigure) => {
    sources.add(f.cited, f.usedFor, f.grade);
    if (f.unitId) unitIds.push(f.unitId);
    notes.push(...f.notes);
  };
  const targetOf = (): ShownTarget => {
    const t = percentTarget(data, input.target, "target");
    sources.add(t, p.usedFor.percentTarget);
    unitIds.push(t.unitId);
    notes.push(m.notes.intensityCitywide(t.baseYear, fmtExact(t.reductionPercent)));
    return shownTarget(t);
  };

  switch (input.operation) {
    case "total_at_level": {
      const product = productOf(input.product!, data, notes);
      const at = figureOf(product, input.at!, "at");
      const outputT = outputTonnes(input.output!);
      const totalTce = round(totalAtLevel(outputT, at.value), "tce");
      formula.push(p.formula.totalAtLevel(fmtExact(outputT), fmtExact(at.value), fmt(totalTce, "tce")));
      return {
        operation: input.operation,
        product: productSummary(product),
        at,
        outputT,
        totalTce,
        ...common(),
      };
    }
    case "percent_difference": {
      const product = productOf(input.product!, data, notes);
      const figure = figureOf(product, input.figure!, "figure");
      const reference = figureOf(product, input.reference!, "reference");
      const percent = round(percentDifference(figure.value, reference.value), "percent");
      formula.push(
        p.formula.percentDifference(
          fmtExact(figure.value),
          fmtExact(reference.value),
          fmt(percent, "percent"),
        ),
      );
      return {
        operation: input.operation,
        product: productSummary(product),
        figure,
        reference,
        percent,
        ...common(),
      };
    }
    case "percent_fall": {
      const product = productOf(input.product!, data, notes);
      const from = figureOf(product, input.from!, "from");
      const to = figureOf(product, input.to!, "to");
      if (to.value >= from.value)
        throw new CalculatorInputError(
          "target_not_better",
          "to",
          p.errors.notAFall(fmtExact(from.value), fmtExact(to.value)),
        );
      const gap = round(from.value - to.value, "unitConsumption");
      const percent = round(percentFall(from.value, to.value), "percent");
      formula.push(
        p.formula.fallPerTonne(fmtExact(from.value), fmtExact(to.value), fmt(gap, "unitConsumption")),
      );
      formula.push(p.formula.percentFall(fmtExact(from.value), fmtExact(to.value), fmt(percent, "percent")));
      return {
        operation: input.operation,
        product: productSummary(product),
        from,
        to,
        gap,
        percent,
        ...common(),
      };
    }
    case "annual_rate": {
      const target = targetOf();
      const years = target.targetYear - target.baseYear;
      const shown = fmtExact(target.reductionPercent);
      const percent = round(compoundAnnualRate(target.reductionPercent, years), "percent");
      const simpleAverage = round(target.reductionPercent / years, "percent");
      const cumulative = round(100 - 100 * (1 - simpleAverage / 100) ** years, "percent");
      formula.push(p.formula.annualRate(shown, years, fmt(percent, "percent")));
      formula.push(
        p.formula.simpleAverage(shown, years, fmt(simpleAverage, "percent"), fmt(cumulative, "percent")),
      );
      return { operation: input.operation, target, years, percent, simpleAverage, ...common() };
    }
    case "base_from_target": {
      // "2025年要到0.68，按下降15%倒推2020年": the base the plan's fall would start from.
      const target = targetOf();
      const value = input.targetValue!;
      const baseValue = round(value / (1 - target.reductionPercent / 100), "intensity");
      formula.push(
        p.formula.baseFromTarget(
          fmtExact(value),
          fmtExact(target.reductionPercent),
          fmt(baseValue, "intensity"),
        ),
      );
      return { operation: input.operation, target, targetValue: value, baseValue, ...common() };
    }
    case "remaining_fall": {
      const target = targetOf();
      const achieved = input.achievedPercent!;
      const percent = round(remainingFall(target.reductionPercent, achieved), "percent");
      const met = percent <= 0;
      const year = input.year ?? null;
      let annual: { years: number; percent: number } | null = null;
      if (!met) {
        formula.push(
          p.formula.remainingFall(
            fmtExact(target.reductionPercent),
            fmtExact(achieved),
            fmt(percent, "percent"),
          ),
        );
        notes.push(p.notes.percentagesDoNotSubtract(target.baseYear));
        if (year !== null && year < target.targetYear) {
          const years = target.targetYear - year;
          annual = { years, percent: round(compoundAnnualRate(percent, years), "percent") };
          formula.push(
            p.formula.remainingAnnual(fmt(percent, "percent"), years, fmt(annual.percent, "percent")),
          );
        }
      }
      return {
        operation: input.operation,
        target,
        achievedPercent: achieved,
        year,
        percent: met ? 0 : percent,
        met,
        annual,
        ...common(),
      };
    }
  }
}

function productOf(text: string, data: CalculatorData, notes: string[]): Product {
  const { product } = resolveProductOrThrow(text, null, data);
  if (product.condition) notes.push(m.notes.condition(product.name, product.condition));
  if (product.capacityBand) notes.push(m.notes.capacityBandOnly(product.capacityBand.label));
  if (!product.inPlan) notes.push(m.notes.notInPlan(product.name));
  if (product.basis) notes.push(m.notes.basisOfFigure(product.name, fmtExact(product.benchmark.value)));
  return product;
}

function outputTonnes(output: { value: number; unit: string }): number {
  const t = tonnes(output, "output");
  if (t > MAX_OUTPUT_T)
    throw new CalculatorInputError(
      "implausible_value",
      "output",
      m.errors.implausibleOutput(`${fmtExact(output.value)} ${output.unit}`),
      { max: MAX_OUTPUT_T },
    );
  return t;
}

function shownTarget(t: IntensityTarget): ShownTarget {
  const { id, indicator, baseYear, targetYear, reductionPercent, quote, unitId } = t;
  return { id, indicator, baseYear, targetYear, reductionPercent, quote, unitId };
}
