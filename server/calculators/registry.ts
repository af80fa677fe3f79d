import type * as z from "zod";
import { describeZodIssue } from "../http/zodMessages.js";
import { messages } from "../messages.js";
import { benchmarkGapSchema, computeBenchmarkGap } from "./computeBenchmarkGap.js";
import { convertToStandardCoal, energyConvertSchema } from "./convertToStandardCoal.js";
import type { CalculatorData } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { estimateCo2 } from "./estimateCo2.js";
import { computeIntensityTarget, intensityTargetSchema } from "./intensityTarget.js";
import { benchmarkLookupSchema, lookupBenchmark } from "./lookupBenchmark.js";
import { computeMotorUpgrade, motorUpgradeSchema } from "./motorUpgrade.js";
import { computePlanArithmetic, planArithmeticSchema } from "./computePlanArithmetic.js";
import { computeVsdSavings, vsdSavingsSchema } from "./vsdSavings.js";

/** What every calculator needs besides its input: the reviewed data and the configured grid factor. */
export interface CalculatorContext {
  data: CalculatorData;
  /** default grid CO2 factor id (config GRID_EMISSION_FACTOR_ID) */
  gridFactorId: string;
  /** The Beijing calendar day of the answer ("2026-12-01"); deadlines are judged against it. */
  asOf?: string;
}

export interface CalculatorTool<S extends z.ZodType = z.ZodType> {
  /** Stable name, used by the LLM tools and the pipeline. */
  name: string;
  /** One line, in Chinese, for the LLM. */
  description: string;
  schema: S;
  run(input: z.output<S>, ctx: CalculatorContext): unknown;
}

function tool<S extends z.ZodType>(t: CalculatorTool<S>): CalculatorTool<S> {
  return t;
}

export const benchmarkGapTool = tool({
  name: "benchmark_gap",
  description:
    "对照方案的能效标杆水平和基准水平，计算产品单位能耗差距、每年需节能量和对应减碳量，并说明政策要求和期限",
  schema: benchmarkGapSchema,
  run: (input, ctx) => computeBenchmarkGap(input, ctx),
});

export const benchmarkLookupTool = tool({
  name: "benchmark_lookup",
  description:
    "查询产品或工序的能效标杆水平、基准水平（注明出自方案、国家标准或部委文件）、全市目标，以及低于基准水平的改造期限；不需要企业数据",
  schema: benchmarkLookupSchema,
  run: (input, ctx) => lookupBenchmark(input, ctx),
});

export const energyConvertTool = tool({
  name: "energy_convert",
  description: "把各类能源用量折算为标准煤（GB/T 2589 参考系数，电力默认当量值），并估算二氧化碳排放量",
  schema: energyConvertSchema,
  run: (input, ctx) => ({
    standardCoal: convertToStandardCoal(input, ctx.data),
    co2: estimateCo2(input, ctx.data, ctx.gridFactorId),
    saved: input.saved ?? false,
    planUnits: (ctx.data.policy.toolUnits.energy_convert ?? []).map(
      (id) => ctx.data.planUnits.get(id) ?? { id, breadcrumb: "" },
    ),
  }),
});

export const motorUpgradeTool = tool({
  name: "motor_upgrade",
  description: "计算更换高效电机（GB 18613-2020 能效等级）的年节电量、折标准煤、减碳量、节约电费和投资回收期",
  schema: motorUpgradeSchema,
  run: (input, ctx) => computeMotorUpgrade(input, ctx),
});

export const vsdSavingsTool = tool({
  name: "vsd_savings",
  description:
    "按相似定律和用户给出的流量工况，计算风机、水泵变频改造的年节电量、折标准煤、减碳量和投资回收期",
  schema: vsdSavingsSchema,
  run: (input, ctx) => computeVsdSavings(input, ctx),
});

export const intensityTargetTool = tool({
  name: "intensity_target",
  description: "对照方案对规上工业单位增加值能耗的下降目标，计算企业单位增加值能耗的下降进度",
  schema: intensityTargetSchema,
  run: (input, ctx) => computeIntensityTarget(input, ctx),
});

export const planArithmeticTool = tool({
  name: "plan_arithmetic",
  description:
    "用方案自己的数值（产品的标杆值、基准值、全市目标值，单位增加值能耗下降目标）做算术：按某一水平的年综合能耗、两个数值相差百分之几、降到某一水平的降幅、目标期内年均下降率、已下降一部分后还需下降多少",
  schema: planArithmeticSchema,
  run: (input, ctx) => computePlanArithmetic(input, ctx),
});

export const calculatorTools: CalculatorTool[] = [
  benchmarkGapTool,
  benchmarkLookupTool,
  energyConvertTool,
  motorUpgradeTool,
  vsdSavingsTool,
  intensityTargetTool,
  planArithmeticTool,
] as CalculatorTool[];

export type ToolName =
  | "benchmark_gap"
  | "benchmark_lookup"
  | "energy_convert"
  | "motor_upgrade"
  | "vsd_savings"
  | "intensity_target"
  | "plan_arithmetic";

export function findTool(name: string): CalculatorTool | undefined {
  return calculatorTools.find((t) => t.name === name);
}

/** A fixable mistake as data: what the LLM or the pipeline shows instead of a result. */
export interface ToolProblem {
  message: string;
  problem: string;
  fields: Array<{ field: string; message: string }>;
  details?: Record<string, unknown>;
}

export type ToolOutcome =
  { ok: true; output: unknown } | { ok: false; message: string; details: ToolProblem };

/**
 * Validates and runs a tool. Mistakes the user can fix (bad or missing input, unknown product) come
 * back as data; anything else is a bug and is thrown.
 */
export function runCalculatorTool(name: string, input: unknown, ctx: CalculatorContext): ToolOutcome {
  const t = findTool(name);
  if (!t) {
    const message = messages.calculators.errors.unknownTool(
      name,
      calculatorTools.map((c) => c.name),
    );
    return { ok: false, message, details: { message, problem: "unknown_tool", fields: [] } };
  }
  const parsed = t.schema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join(".") : "(input)",
      message: describeZodIssue(issue, input),
    }));
    const message = fields.map((f) => messages.validation.field(f.field, f.message)).join(" ");
    return { ok: false, message, details: { message, problem: "invalid_input", fields } };
  }
  try {
    return { ok: true, output: t.run(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof CalculatorInputError) {
      return {
        ok: false,
        message: err.message,
        details: {
          message: err.message,
          problem: err.problem,
          fields: [{ field: err.field, message: err.message }],
          details: err.details,
        },
      };
    }
    throw err;
  }
}
