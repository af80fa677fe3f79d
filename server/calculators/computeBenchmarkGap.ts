import * as z from "zod";
import { messages } from "../messages.js";
import type {
  BenchmarkStatus,
  CalculatorData,
  Deadline,
  PlanUnitRef,
  Product,
  ReferenceGrades,
} from "./data.js";
import { convertExact } from "./convertToStandardCoal.js";
import { CalculatorInputError } from "./errors.js";
import { electricityOptions, energyItemSchema, gridFactorOption, measureItems } from "./energyInput.js";
import { co2Exact, co2PerTceOfCarrier, resolveGridFactor, type GridFactorRef } from "./estimateCo2.js";
import { fmt, fmtExact } from "./format.js";
import { resolveProduct } from "./resolveProduct.js";
import { round } from "./rounding.js";
import { SourceCollector, type FigureRef, type SourceRef } from "./sources.js";
import { acceptedUnits, unitFactor } from "./units.js";

const m = messages.calculators;

/** A figure more than this many times the benchmark (or less than its reciprocal) is taken for a typo. */
export const PLAUSIBILITY_FACTOR = 20;

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

export interface PolicyAsk {
  quote: string;
  unitId: string;
  breadcrumb: string;
}

export interface BenchmarkGapResult {
  product: { id: string; name: string; industry: string; inPlan: boolean; condition: string | null };
  unit: "kgce/t";
  unitConsumption: number;
  /** how the unit consumption was obtained */
  unitConsumptionFrom: "given" | "energy_and_output";
  benchmark: number;
  baseline: number | null;
  status: BenchmarkStatus;
  statusLabel: string;
  gapToBenchmark: number;
  gapToBenchmarkPercent: number;
  gapToBaseline: number | null;
  annualOutputT: number | null;
  annualSavingTce: number | null;
  annualSavingToBaselineTce: number | null;
  co2SavingT: number | null;
  co2Factor: {
    value: number;
    unit: "tCO2/tce";
    method: "plant_energy_mix" | "assumed_carrier";
    label: string;
  } | null;
  gridFactor: GridFactorRef;
  cityTarget: {
    value: number;
    unit: string;
    year: number;
    gap: number;
    reached: boolean;
    unitId: string;
    quote: string;
  } | null;
  breakdown: Array<{
    carrier: string;
    amount: number;
    unit: string;
    tce: number;
    sharePercent: number;
    formula: string;
  }> | null;
  totalEnergyTce: number | null;
  benchmarkInfo: FigureRef & { unitId: string | null };
  baselineInfo: (FigureRef & { standard: string | null; grade: number | null; label: string }) | null;
  referenceGrades: ReferenceGrades[];
  policy: {
    summary: string;
    asks: PolicyAsk[];
    deadline: {
      date: string | null;
      text: string;
      appliesTo: string;
      verification: string;
      source: string[];
      conditional: boolean;
    } | null;
    newProjects: { text: string; verification: string; source: string[] } | null;
  };
  planTargets: Array<{ text: string; unitId: string; breadcrumb: string }>;
  planUnits: PlanUnitRef[];
  sources: SourceRef[];
  formula: string[];
  notes: string[];
  rounding: string;
}

export interface GapContext {
  data: CalculatorData;
  gridFactorId: string;
}

/** Resolves the product or throws a fixable error that lists what the user can choose from. */
export function resolveProductOrThrow(
  text: string,
  capacityT: number | null,
  data: CalculatorData,
): { product: Product; capacityT: number | null } {
  const r = resolveProduct(text, data, capacityT);
  const entry = (p: Product) => ({ id: p.id, name: p.name });
  switch (r.kind) {
    case "resolved":
      return { product: r.product, capacityT: r.capacityT };
    case "ambiguous":
      throw new CalculatorInputError(
        "ambiguous_product",
        "product",
        m.errors.ambiguousProduct(
          text,
          r.question,
          r.variants.map((p) => p.name),
        ),
        { variants: r.variants.map(entry) },
      );
    case "not_covered":
      throw new CalculatorInputError(
        "product_not_covered",
        "product",
        m.errors.productNotCovered(
          text,
          r.term,
          r.candidates.map((p) => p.name),
        ),
        { closest: r.candidates.map(entry) },
      );
    case "out_of_band":
      throw new CalculatorInputError(
        "capacity_out_of_band",
        "capacity",
        m.errors.capacityOutOfBand(fmtExact(r.capacityT), r.product.name, r.product.capacityBand!.label),
        { closest: [entry(r.product)] },
      );
    case "unknown":
      throw new CalculatorInputError(
        "unknown_product",
        "product",
        m.errors.unknownProduct(
          text,
          r.closest.map((p) => p.name),
        ),
        { closest: r.closest.map(entry) },
      );
  }
}

function tonnes(q: { value: number; unit: string }, field: string): number {
  const kg = unitFactor("mass", q.unit);
  if (kg === undefined) {
    const accepted = acceptedUnits("mass");
    throw new CalculatorInputError("unknown_unit", `${field}.unit`, m.errors.unknownUnit(q.unit, accepted), {
      accepted,
    });
  }
  return (q.value * kg) / 1000;
}

function checkPlausible(value: number, product: Product, field: string, computed: boolean): void {
  const b = product.benchmark.value;
  if (value > b * PLAUSIBILITY_FACTOR || value < b / PLAUSIBILITY_FACTOR) {
    const shown = fmt(value, "unitConsumption");
    throw new CalculatorInputError(
      "implausible_value",
      field,
      computed
        ? m.errors.implausibleComputed(shown, product.name, fmtExact(b))
        : m.errors.implausibleGiven(shown, product.name, fmtExact(b)),
      { benchmark: b, value: round(value, "unitConsumption") },
    );
  }
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
  const { product, capacityT } = resolveProductOrThrow(input.product, capacityInput, data);
  const notes: string[] = [];
  const formula: string[] = [];
  const sources = new SourceCollector();

  if (product.basis) {
    if (!input.basis) {
      throw new CalculatorInputError("basis_required", "basis", m.errors.basisRequired(product.name), {
        options: ["including_feedstock", "excluding_feedstock"],
        planBasis: product.basis.planBasis,
      });
    }
    if (input.basis !== product.basis.planBasis) {
      throw new CalculatorInputError(
        "basis_not_comparable",
        "basis",
        m.errors.basisNotComparable(product.name, fmtExact(product.benchmark.value)),
        { planBasis: product.basis.planBasis, referenceGrades: product.referenceGrades },
      );
    }
    notes.push(m.notes.basisConfirmed(product.name));
  }
  const grid = resolveGridFactor(input.gridFactorId, ctx.gridFactorId, data);
  const outputT = input.output ? tonnes(input.output, "output") : null;

  // Unit consumption: given, or total energy ÷ output.
  let ucRaw: number;
  let breakdown: BenchmarkGapResult["breakdown"] = null;
  let totalTceRaw: number | null = null;
  let plantCo2PerTce: number | null = null;
  if (input.energy && outputT !== null) {
    const measured = measureItems(input.energy, data);
    const conversion = convertExact(measured, input, data);
    totalTceRaw = conversion.totalKgce / 1000;
    ucRaw = conversion.totalKgce / outputT;
    checkPlausible(ucRaw, product, "energy", true);
    notes.push(...conversion.notes);
    breakdown = conversion.lines.map((l) => {
      sources.add(l.source, m.usedFor.conversionFactor(l.measured.name));
      return {
        carrier: l.measured.name,
        amount: l.measured.item.amount,
        unit: l.measured.item.unit,
        tce: round(l.kgce / 1000, "tce"),
        sharePercent: round((l.kgce / conversion.totalKgce) * 100, "percent"),
        formula: l.formula,
      };
    });
    formula.push(...breakdown.map((b) => b.formula));
    formula.push(
      m.formula.unitConsumptionFromEnergy(
        fmt(totalTceRaw, "tce"),
        fmtExact(outputT),
        fmt(ucRaw, "unitConsumption"),
      ),
    );
    const co2 = co2Exact(measured, grid, data);
    if (co2.every((c) => c.co2T !== null)) {
      plantCo2PerTce = co2.reduce((s, c) => s + c.co2T!, 0) / totalTceRaw;
      for (const c of co2) sources.add(c.source, m.usedFor.co2Factor(c.measured.name));
    }
    if (input.unitConsumption !== undefined) {
      const given = input.unitConsumption;
      if (Math.abs(given - ucRaw) / ucRaw > 0.005) {
        notes.push(m.notes.givenDiffersFromComputed(fmtExact(given), fmt(ucRaw, "unitConsumption")));
      }
    }
  } else {
    ucRaw = input.unitConsumption!;
    checkPlausible(ucRaw, product, "unitConsumption", false);
  }

  const uc = round(ucRaw, "unitConsumption");
  const status = statusOf(uc, product);
  const b = product.benchmark.value;
  const gapToBenchmark = round(uc - b, "unitConsumption");
  const gapToBenchmarkPercent = round(((uc - b) / b) * 100, "percent");
  const baseline = product.baseline?.value ?? null;
  const gapToBaseline = baseline === null ? null : round(uc - baseline, "unitConsumption");

  sources.add(product.benchmark.source, m.usedFor.benchmark(product.name));
  formula.push(
    m.formula.gapToBenchmark(
      fmt(uc, "unitConsumption"),
      fmtExact(b),
      fmt(gapToBenchmark, "unitConsumption"),
      fmt(gapToBenchmarkPercent, "percent"),
    ),
  );
  if (product.baseline && gapToBaseline !== null) {
    sources.add(product.baseline.source, m.usedFor.baseline(product.name));
    formula.push(
      m.formula.gapToBaseline(
        fmt(uc, "unitConsumption"),
        fmtExact(product.baseline.value),
        fmt(gapToBaseline, "unitConsumption"),
      ),
    );
  }

  // Energy to save per year to reach the benchmark (and the baseline), from full-precision figures.
  let annualSavingTce: number | null = null;
  let annualSavingToBaselineTce: number | null = null;
  if (outputT !== null) {
    const savingRaw = status === "at_or_better_than_benchmark" ? 0 : ((ucRaw - b) * outputT) / 1000;
    annualSavingTce = round(savingRaw, "tce");
    formula.push(
      totalTceRaw !== null
        ? m.formula.annualSavingFromTotal(
            fmt(totalTceRaw, "tce"),
            fmtExact(b),
            fmtExact(outputT),
            fmt(savingRaw, "tce"),
          )
        : m.formula.annualSaving(
            fmt(ucRaw, "unitConsumption"),
            fmtExact(b),
            fmtExact(outputT),
            fmt(savingRaw, "tce"),
          ),
    );
    if (status === "worse_than_baseline" && baseline !== null) {
      const toBaseline = ((ucRaw - baseline) * outputT) / 1000;
      annualSavingToBaselineTce = round(toBaseline, "tce");
      formula.push(
        m.formula.annualSavingToBaseline(
          fmt(ucRaw, "unitConsumption"),
          fmtExact(baseline),
          fmtExact(outputT),
          fmt(toBaseline, "tce"),
        ),
      );
    }
  } else {
    notes.push(m.notes.outputUnknown);
  }

  // CO2 the saving avoids: at the plant's own mix when its energy is known, else at the product's main carrier.
  let co2SavingT: number | null = null;
  let co2Factor: BenchmarkGapResult["co2Factor"] = null;
  if (annualSavingTce !== null) {
    const savingRaw = status === "at_or_better_than_benchmark" ? 0 : ((ucRaw - b) * outputT!) / 1000;
    if (plantCo2PerTce !== null) {
      // A derived coefficient: rounded to 4 places and used as shown (see rounding.ts).
      const factor = round(plantCo2PerTce, "factor");
      co2Factor = { value: factor, unit: "tCO2/tce", method: "plant_energy_mix", label: m.labels.plantMix };
      formula.push(
        m.formula.co2PlantMix(fmt(savingRaw, "tce"), fmtExact(factor), fmt(savingRaw * factor, "co2")),
      );
      co2SavingT = round(savingRaw * factor, "co2");
      notes.push(m.notes.co2PlantMix);
    } else {
      const per = co2PerTceOfCarrier(product.co2Saving.carrier, grid, data);
      const carrierName =
        data.carriers.find((c) => c.id === product.co2Saving.carrier)?.name ?? product.co2Saving.carrier;
      co2Factor = {
        value: per.value,
        unit: "tCO2/tce",
        method: "assumed_carrier",
        label: m.labels.assumedCarrier(carrierName),
      };
      sources.add(per.source, m.usedFor.co2Factor(carrierName));
      formula.push(per.formula);
      formula.push(
        m.formula.co2Assumed(
          fmt(savingRaw, "tce"),
          fmtExact(co2Factor.value),
          fmt(savingRaw * per.value, "co2"),
        ),
      );
      co2SavingT = round(savingRaw * per.value, "co2");
      notes.push(m.notes.co2AssumedCarrier(carrierName));
    }
    if (product.co2Saving.feedstock) notes.push(m.notes.feedstockCarbon);
  }

  const city = product.cityTargets[0];
  let cityTarget: BenchmarkGapResult["cityTarget"] = null;
  if (city) {
    const gap = round(uc - city.value, "unitConsumption");
    cityTarget = {
      value: city.value,
      unit: city.unit,
      year: city.year,
      gap,
      reached: uc <= city.value,
      unitId: city.unitId,
      quote: city.quote,
    };
    sources.add(city.source, m.usedFor.cityTarget);
    formula.push(
      m.formula.gapToCityTarget(
        city.year,
        fmt(uc, "unitConsumption"),
        fmtExact(city.value),
        fmt(gap, "unitConsumption"),
      ),
    );
    notes.push(m.notes.cityTargetIsCitywide(city.year, fmtExact(city.value)));
  }

  if (product.condition) notes.push(m.notes.condition(product.name, product.condition));
  if (product.capacityBand) {
    notes.push(
      capacityT === null
        ? m.notes.capacityAssumed(product.capacityBand.label)
        : m.notes.capacityInBand(fmtExact(capacityT), product.capacityBand.label),
    );
  }
  if (!product.inPlan) notes.push(m.notes.notInPlan(product.name));
  const baselineInfo = product.baseline
    ? {
        value: product.baseline.value,
        unit: product.baseline.unit,
        verification: product.baseline.verification,
        source: product.baseline.source,
        ...(product.baseline.note ? { note: product.baseline.note } : {}),
        standard: product.baseline.standard,
        grade: product.baseline.grade,
        label:
          product.baseline.verification === "standard_limit_grade" && product.baseline.standard
            ? m.labels.baselineFromStandard(product.baseline.standard, product.baseline.grade ?? 3)
            : m.labels.baselinePolicy,
      }
    : null;
  if (baselineInfo && product.baseline?.verification === "standard_limit_grade") {
    notes.push(m.notes.baselineIsStandardGrade(baselineInfo.standard!, fmtExact(baselineInfo.value)));
  }
  if (!product.baseline)
    notes.push(
      m.notes.baselineUnknown(
        product.name,
        product.referenceGrades[0]?.standard ?? product.referenceStandard,
      ),
    );

  const policy = policyFor(status, product, data, uc, sources);
  sources.add(grid.source, m.usedFor.gridFactor);

  return {
    product: {
      id: product.id,
      name: product.name,
      industry: product.industry,
      inPlan: product.inPlan,
      condition: product.condition,
    },
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
    annualOutputT: outputT,
    annualSavingTce,
    annualSavingToBaselineTce,
    co2SavingT,
    co2Factor,
    gridFactor: grid,
    cityTarget,
    breakdown,
    totalEnergyTce: totalTceRaw === null ? null : round(totalTceRaw, "tce"),
    benchmarkInfo: {
      value: b,
      unit: product.benchmark.unit,
      verification: product.benchmark.verification,
      source: product.benchmark.source,
      ...(product.benchmark.note ? { note: product.benchmark.note } : {}),
      unitId: product.benchmark.unitId,
    },
    baselineInfo,
    referenceGrades: product.referenceGrades,
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

function breadcrumb(unitId: string, data: CalculatorData): string {
  return data.planUnits.get(unitId)?.breadcrumb ?? "";
}

function policyFor(
  status: BenchmarkStatus,
  product: Product,
  data: CalculatorData,
  uc: number,
  sources: SourceCollector,
): BenchmarkGapResult["policy"] {
  const asks = data.policy.guidance[status].map((q) => {
    sources.add(q.source, m.usedFor.policy);
    return { quote: q.quote, unitId: q.unitId, breadcrumb: breadcrumb(q.unitId, data) };
  });
  const deadlineEntry = data.policy.deadlines.find((d) => d.id === product.belowBaselineDeadline);
  const showDeadline = status === "worse_than_baseline" || status === "baseline_unknown";
  const deadline =
    showDeadline && deadlineEntry ? deadlineRef(deadlineEntry, status === "baseline_unknown", sources) : null;
  const newEntry = data.policy.deadlines.find((d) => d.id === "new-projects-at-benchmark");
  if (newEntry) sources.add(newEntry.source, m.usedFor.deadline);
  const summary = m.policySummary[status]({
    product: product.name,
    uc: fmt(uc, "unitConsumption"),
    benchmark: fmtExact(product.benchmark.value),
    baseline: product.baseline ? fmtExact(product.baseline.value) : null,
    deadline: deadlineEntry?.date ?? null,
  });
  return {
    summary,
    asks,
    deadline,
    newProjects: newEntry
      ? { text: newEntry.text, verification: newEntry.verification, source: newEntry.source }
      : null,
  };
}

function deadlineRef(d: Deadline, conditional: boolean, sources: SourceCollector) {
  sources.add(d.source, m.usedFor.deadline);
  return {
    date: d.date,
    text: d.text,
    appliesTo: d.appliesTo,
    verification: d.verification,
    source: d.source,
    conditional,
  };
}
