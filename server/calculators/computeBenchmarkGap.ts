import * as z from "zod";
import { messages } from "../messages.js";
import { breadcrumb, policyFor } from "./benchmark/policy.js";
import {
  baselineInfo,
  benchmarkInfo,
  productNotes,
  productSummary,
  referenceGradesOf,
} from "./benchmark/productFacts.js";
import { checkBasis, resolveProductOrThrow } from "./benchmark/resolveProductOrThrow.js";
import { percentDifference, percentFall, savingAtLevel } from "./arithmetic.js";
import { yearlySaving } from "./benchmark/saving.js";
import type { BenchmarkGapResult, GapContext, Trail } from "./benchmark/types.js";
import { measureConsumption } from "./benchmark/unitConsumption.js";
import type { BenchmarkStatus, Product } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { electricityOptions, energyItemSchema, gridFactorOption } from "./energyInput.js";
import { resolveGridFactor } from "./estimateCo2.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { SourceCollector } from "./sources.js";
import { acceptedUnits, unitFactor } from "./units.js";

export type { BenchmarkGapResult, GapContext, PolicyAsk } from "./benchmark/types.js";
export { PLAUSIBILITY_FACTOR } from "./benchmark/unitConsumption.js";
export { resolveProductOrThrow };

const m = messages.calculators;

const quantitySchema = (what: string) =>
  z.object({
    value: z.number().positive().describe(`${what}数值`),
    unit: z.string().trim().min(1).max(20).describe(`${what}单位，如 吨、万吨`),
  });

export const benchmarkGapSchema = z
  .object({
    product: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .describe(
        "产品或工序：名称、别名或目录编号，如 水泥熟料、熟料、电弧炉冶炼、60吨电弧炉、合成氨、联碱法轻质纯碱、cement-clinker",
      ),
    unitConsumption: z
      .number()
      .positive()
      .optional()
      .describe("单位产品综合能耗，千克标准煤/吨（kgce/t）；不填时须给出 output 和 energy"),
    plannedUnitConsumption: z
      .number()
      .positive()
      .optional()
      .describe(
        "计划降到的单位产品综合能耗，千克标准煤/吨（可选；如“单耗由112降到105”的 105），算出两者之间的年节能量",
      ),
    output: quantitySchema("年产量")
      .optional()
      .describe('年产量，如 {value: 120, unit: "万吨"}；用于按能源用量计算单耗和年节能量'),
    energy: z
      .array(energyItemSchema)
      .min(1)
      .max(30)
      .optional()
      .describe("分品种的年能源消耗量，与 output 一起用于计算单位产品综合能耗"),
    capacity: quantitySchema("公称容量")
      .optional()
      .describe('装置公称容量（电弧炉按容量分档），如 {value: 60, unit: "吨"}'),
    basis: z
      .enum(["including_feedstock", "excluding_feedstock"])
      .optional()
      .describe(
        "能耗口径：including_feedstock 含原料用能，excluding_feedstock 不含原料用能；煤制烯烃必须说明",
      ),
    ...electricityOptions,
    ...gridFactorOption,
  })
  .superRefine((v, ctx) => {
    if (v.energy && !v.output)
      ctx.addIssue({ code: "custom", path: ["output"], message: m.errors.outputNeededForEnergy });
    if (v.unitConsumption === undefined && !v.energy) {
      ctx.addIssue({ code: "custom", path: ["unitConsumption"], message: m.errors.consumptionOrEnergy });
    }
    if (v.electricityBasis === "primary_energy" && v.electricityPrimaryFactor === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["electricityPrimaryFactor"],
        message: m.errors.primaryFactorRequired,
      });
    }
  });
export type BenchmarkGapInput = z.infer<typeof benchmarkGapSchema>;

/**
 * Largest annual output (t) taken at face value: 1亿吨, several times the largest single plant of any
 * product in the catalogue. More is taken for a slip of the unit.
 */
export const MAX_OUTPUT_T = 1e8;
/** Largest nominal capacity (t) of one furnace: the biggest electric arc furnaces are a few hundred tonnes. */
export const MAX_CAPACITY_T = 1000;

/** An amount of product in tonnes, from any mass unit the calculators know; an unknown unit names the field. */
export function tonnes(q: { value: number; unit: string }, field: string): number {
  const kg = unitFactor("mass", q.unit);
  if (kg === undefined) {
    const accepted = acceptedUnits("mass");
    throw new CalculatorInputError("unknown_unit", `${field}.unit`, m.errors.unknownUnit(q.unit, accepted), {
      accepted,
    });
  }
  // Read at 15 digits, so 1234.5678万吨 is 12,345,678 t and not 12,345,677.999999998.
  return Number(((q.value * kg) / 1000).toPrecision(15));
}

function statusOf(uc: number, product: Product): BenchmarkStatus {
  if (uc <= product.benchmark.value) return "at_or_better_than_benchmark";
  if (!product.baseline) return "baseline_unknown";
  return uc <= product.baseline.value ? "between_benchmark_and_baseline" : "worse_than_baseline";
}

/**
 * Compares a plant's unit energy consumption with the plan's benchmark, the baseline and the city's
 * target, and says what the policy asks of it. The figures rest only on knowledge/data and the input.
 */
export function computeBenchmarkGap(input: BenchmarkGapInput, ctx: GapContext): BenchmarkGapResult {
  const { data } = ctx;
  const capacityInput = input.capacity ? tonnes(input.capacity, "capacity") : null;
  if (capacityInput !== null && capacityInput > MAX_CAPACITY_T) {
    throw new CalculatorInputError(
      "implausible_value",
      "capacity",
      m.errors.implausibleCapacity(
        `${fmtExact(input.capacity!.value)} ${input.capacity!.unit}`,
        fmtExact(MAX_CAPACITY_T),
      ),
      { max: MAX_CAPACITY_T },
    );
  }
  const { product, capacityT } = resolveProductOrThrow(input.product, capacityInput, data);
  checkBasis(product, input.basis);
  const trail: Trail = { formula: [], notes: [], sources: new SourceCollector() };
  const { formula, notes, sources } = trail;
  if (product.basis) notes.push(m.notes.basisConfirmed(product.name));
  const grid = resolveGridFactor(input.gridFactorId, ctx.gridFactorId, data, input.gridFactorValue);
  const outputT = input.output ? tonnes(input.output, "output") : null;
  if (outputT !== null && outputT > MAX_OUTPUT_T) {
    throw new CalculatorInputError(
      "implausible_value",
      "output",
      m.errors.implausibleOutput(`${fmtExact(input.output!.value)} ${input.output!.unit}`),
      { max: MAX_OUTPUT_T },
    );
  }

  const consumption = measureConsumption(input, product, outputT, grid, data, trail);
  const { uc } = consumption;
  const status = statusOf(uc, product);
  const b = product.benchmark.value;
  const gapToBenchmark = round(uc - b, "unitConsumption");
  const gapToBenchmarkPercent = round(percentDifference(uc, b), "percent");
  const baseline = product.baseline?.value ?? null;
  const gapToBaseline = baseline === null ? null : round(uc - baseline, "unitConsumption");
  const gapToBaselinePercent = baseline === null ? null : round(percentDifference(uc, baseline), "percent");

  sources.add(product.benchmark, m.usedFor.benchmark(product.name));
  formula.push(
    m.formula.gapToBenchmark(
      fmt(uc, "unitConsumption"),
      fmtExact(b),
      fmt(gapToBenchmark, "unitConsumption"),
      fmt(gapToBenchmarkPercent, "percent"),
    ),
  );
  if (product.baseline && gapToBaseline !== null) {
    sources.add(product.baseline, m.usedFor.baseline(product.name), product.baseline.grade);
    formula.push(
      m.formula.gapToBaseline(
        fmt(uc, "unitConsumption"),
        fmtExact(product.baseline.value),
        fmt(gapToBaseline, "unitConsumption"),
      ),
    );
  }
  const saving = yearlySaving(product, status, consumption, outputT, grid, data, trail);
  const plannedSaving =
    input.plannedUnitConsumption === undefined
      ? null
      : plannedFall(input.plannedUnitConsumption, uc, outputT, saving.co2Factor, trail);
  const cityTarget = cityTargetGap(product, uc, outputT, trail);
  notes.push(...productNotes(product, capacityT));
  const policy = policyFor(status, product, data, uc, sources, ctx.asOf);
  // The grid factor matters only to a CO2 figure, which needs the output.
  if (saving.co2SavingT !== null) sources.add(grid, m.usedFor.gridFactor);

  return {
    product: productSummary(product),
    unit: "kgce/t",
    unitConsumption: uc,
    unitConsumptionFrom: input.energy ? "energy_and_output" : "given",
    benchmark: b,
    baseline,
    status,
    statusLabel: m.status[status],
    gapToBenchmark,
    gapToBenchmarkPercent,
    gapToBaseline,
    gapToBaselinePercent,
    annualOutputT: outputT,
    ...saving,
    gridFactor: grid,
    plannedSaving,
    cityTarget,
    breakdown: consumption.breakdown,
    totalEnergyTce: consumption.totalTce,
    benchmarkInfo: benchmarkInfo(product, data),
    baselineInfo: baselineInfo(product, data),
    referenceGrades: referenceGradesOf(product),
    policy,
    planTargets: product.planTargets.map((t) => ({
      text: t.text,
      unitId: t.unitId,
      breadcrumb: breadcrumb(t.unitId, data),
    })),
    planUnits: product.planUnits.map((id) => data.planUnits.get(id) ?? { id, breadcrumb: "" }),
    sources: sources.list(data),
    formula,
    notes: [...new Set(notes)],
    rounding: m.rounding,
  };
}

/**
 * "单耗由112降到105能省多少": the fall per tonne and, with the output, the energy saved a year and its CO2 at
 * the factor of the benchmark saving. Each line computes from the figures it shows.
 */
function plannedFall(
  planned: number,
  uc: number,
  outputT: number | null,
  co2Factor: BenchmarkGapResult["co2Factor"],
  trail: Trail,
): BenchmarkGapResult["plannedSaving"] {
  const shown = round(planned, "unitConsumption");
  if (shown >= uc) {
    throw new CalculatorInputError(
      "target_not_better",
      "plannedUnitConsumption",
      m.errors.plannedNotLower(fmt(shown, "unitConsumption"), fmt(uc, "unitConsumption")),
    );
  }
  const gap = round(uc - shown, "unitConsumption");
  const percent = round(percentFall(uc, shown), "percent");
  if (outputT === null) return { unitConsumption: shown, gap, percent, savingTce: null, co2T: null };
  const savingTce = round(savingAtLevel(outputT, uc, shown), "tce");
  trail.formula.push(
    m.formula.plannedSaving(
      fmt(uc, "unitConsumption"),
      fmt(shown, "unitConsumption"),
      fmtExact(outputT),
      fmt(savingTce, "tce"),
    ),
  );
  const co2T = co2Factor === null ? null : round(savingTce * co2Factor.value, "co2");
  if (co2T !== null)
    trail.formula.push(
      m.formula.plannedCo2(fmt(savingTce, "tce"), fmtExact(co2Factor!.value), fmt(co2T, "co2")),
    );
  return { unitConsumption: shown, gap, percent, savingTce, co2T };
}

/**
 * The city's own target for the product (水泥熟料 102 kgce/t by 2025), a city-wide level: the gap per
 * tonne, as a share of the target and, with the output, as energy a year.
 */
function cityTargetGap(
  product: Product,
  uc: number,
  outputT: number | null,
  trail: Trail,
): BenchmarkGapResult["cityTarget"] {
  const city = product.cityTargets[0];
  if (!city) return null;
  const gap = round(uc - city.value, "unitConsumption");
  const percent = round(percentDifference(uc, city.value), "percent");
  const savingTce =
    outputT === null || gap <= 0 ? null : round(savingAtLevel(outputT, uc, city.value), "tce");
  trail.sources.add(city, m.usedFor.cityTarget);
  trail.formula.push(
    m.formula.gapToCityTarget(
      city.year,
      fmt(uc, "unitConsumption"),
      fmtExact(city.value),
      fmt(gap, "unitConsumption"),
    ),
  );
  if (gap > 0)
    trail.formula.push(
      m.formula.percentOfCityTarget(
        fmt(gap, "unitConsumption"),
        fmtExact(city.value),
        fmt(percent, "percent"),
      ),
    );
  if (savingTce !== null)
    trail.formula.push(
      m.formula.annualSavingToCityTarget(
        city.year,
        fmt(uc, "unitConsumption"),
        fmtExact(city.value),
        fmtExact(outputT!),
        fmt(savingTce, "tce"),
      ),
    );
  trail.notes.push(m.notes.cityTargetIsCitywide(city.year, fmtExact(city.value)));
  return {
    value: city.value,
    unit: city.unit,
    year: city.year,
    gap,
    percent,
    savingTce,
    reached: uc <= city.value,
    unitId: city.unitId,
    quote: city.quote,
  };
}
