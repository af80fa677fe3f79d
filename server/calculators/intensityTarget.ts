import * as z from "zod";
import { messages } from "../messages.js";
import { capOnTotal, compoundAnnualRate, percentFall } from "./arithmetic.js";
import type { CalculatorData, PlanUnitRef } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;

/**
 * Plausible intensities, tce per 万元 of value added: below 0.001 (1 kgce per 万元) is not an
 * industrial enterprise and would show as 0 at 4 places; above 100 is more energy than the value added
 * could pay for. An enterprise whose intensity moved more than 10 times between two years almost surely
 * mixed units (吨/千克 is 1000 times, 元/万元 10,000 times).
 */
export const INTENSITY_RANGE = { min: 0.001, max: 100, maxChange: 10 } as const;

const yearFigures = {
  energyTce: z
    .number()
    .positive()
    .max(1e8)
    .optional()
    .describe("综合能源消费量，吨标准煤（不超过1亿吨标准煤）"),
  valueAddedWanYuan: z
    .number()
    .positive()
    .max(1e8)
    .optional()
    .describe("工业增加值，万元（宜按2020年可比价；不超过1亿万元）"),
  intensity: z
    .number()
    .positive()
    .optional()
    .describe("单位工业增加值能耗，吨标准煤/万元（可直接给出，代替能源消费量和增加值）"),
};

export const intensityTargetSchema = z
  .object({
    base: z.object(yearFigures).describe("2020年（基期）的数据"),
    current: z
      .object({
        ...yearFigures,
        year: z.number().int().min(2021).max(2030).describe("当前数据所属年份，2021–2030"),
      })
      .optional()
      .describe("当前年份的数据（可选；不给时只算出2025年的目标值）"),
    target: z
      .object({
        valueAddedWanYuan: z
          .number()
          .positive()
          .max(1e8)
          .describe("目标年（2025年）预计的工业增加值，万元（宜按2020年可比价；不超过1亿万元）"),
      })
      .optional()
      .describe("目标年的数据（可选；给出增加值时算出按目标值可用的能耗总量上限）"),
  })
  .superRefine((v, ctx) => {
    for (const key of ["base", "current"] as const) {
      const f = v[key];
      if (!f) continue;
      if (f.intensity === undefined && (f.energyTce === undefined || f.valueAddedWanYuan === undefined)) {
        ctx.addIssue({ code: "custom", path: [key, "intensity"], message: m.errors.intensityOrParts });
      }
    }
  });
export type IntensityTargetInput = z.infer<typeof intensityTargetSchema>;

export const intensityStatuses = ["target_met", "on_track", "behind_schedule", "target_not_met"] as const;
export type IntensityStatus = (typeof intensityStatuses)[number];

export interface IntensityTargetResult {
  baseYear: number;
  targetYear: number;
  targetReductionPercent: number;
  /** null when only the 2020 figures were given: the result is then the target value alone */
  currentYear: number | null;
  baseIntensity: number;
  currentIntensity: number | null;
  unit: "tce/万元";
  reductionPercent: number | null;
  targetIntensity: number;
  /** how much the intensity must fall from 2020 to the target, tce/万元 (base − target, as shown) */
  targetReduction: number;
  /** the even yearly fall, compounded, that reaches the target from the base year, % */
  evenAnnualReductionPercent: number;
  /** what the target is of, in the plan's words */
  indicator: string;
  status: IntensityStatus | null;
  statusLabel: string | null;
  expectedReductionPercentByNow: number | null;
  remainingReductionPercent: number | null;
  /** how far the current intensity is above the target value, tce/万元; null when the target is met */
  remainingToTarget: number | null;
  requiredAnnualReductionPercent: number | null;
  excessEnergyTce: number | null;
  /** the value added expected in the target year, 万元, when given */
  targetValueAddedWanYuan: number | null;
  /** the most energy that value added may use at the target intensity, tce; null without it */
  energyCapTce: number | null;
  quote: string;
  formula: string[];
  sources: SourceRef[];
  notes: string[];
  planUnits: PlanUnitRef[];
  rounding: string;
}

type YearFigures = {
  energyTce?: number | undefined;
  valueAddedWanYuan?: number | undefined;
  intensity?: number | undefined;
};

/** The intensity from energy and value added when both are given, else as given. */
function intensityOf(f: YearFigures) {
  if (f.energyTce !== undefined && f.valueAddedWanYuan !== undefined)
    return f.energyTce / f.valueAddedWanYuan;
  return f.intensity!;
}

function hasParts(f: YearFigures): boolean {
  return f.energyTce !== undefined && f.valueAddedWanYuan !== undefined;
}

/** The intensity as shown and used on every later line: computed ones at 4 places, a given one as given. */
function shownIntensity(f: YearFigures) {
  return hasParts(f) ? round(intensityOf(f), "intensity") : f.intensity!;
}

/** The intensity as shown, refused (naming the field) when outside INTENSITY_RANGE. */
function plausibleIntensity(f: YearFigures, key: "base" | "current", year: number): number {
  const value = intensityOf(f);
  const { min, max } = INTENSITY_RANGE;
  if (value < min || value > max) {
    throw new CalculatorInputError(
      "implausible_value",
      hasParts(f) ? key : `${key}.intensity`,
      m.errors.implausibleIntensity(year, fmt(value, "intensity"), fmtExact(min), fmtExact(max), hasParts(f)),
      { min, max, value: round(value, "intensity") },
    );
  }
  return shownIntensity(f);
}

/**
 * An enterprise's energy per unit of value added, against the plan's 15% reduction from 2020 to 2025.
 * Each line computes from the figures it shows (the intensities as shown), so it checks by hand.
 */
export function computeIntensityTarget(
  input: IntensityTargetInput,
  ctx: { data: CalculatorData },
): IntensityTargetResult {
  const { data } = ctx;
  const target = data.policy.targets.find((t) => t.id === "intensity-2025");
  if (!target) throw new Error("knowledge/data/policy.json has no intensity-2025 target");
  const sources = new SourceCollector();
  sources.add(target, m.usedFor.intensityTarget);
  const formula: string[] = [];
  const notes: string[] = [];
  const keep = 1 - target.reductionPercent / 100;
  const span = target.targetYear - target.baseYear;
  const current = input.current;

  for (const [f, y] of [
    [input.base, target.baseYear],
    ...(current ? [[current, current.year] as const] : []),
  ] as const) {
    if (f.energyTce !== undefined && f.valueAddedWanYuan !== undefined) {
      formula.push(
        m.formula.intensity(
          y,
          fmtExact(f.energyTce),
          fmtExact(f.valueAddedWanYuan),
          fmtExact(shownIntensity(f)),
        ),
      );
      if (f.intensity !== undefined && Math.abs(f.intensity - intensityOf(f)) / intensityOf(f) > 0.005) {
        notes.push(m.notes.intensityGivenDiffers(y, fmtExact(f.intensity), fmt(intensityOf(f), "intensity")));
      }
    }
  }
  const i0 = plausibleIntensity(input.base, "base", target.baseYear);
  const targetIntensity = round(i0 * keep, "intensity");
  const targetLine = m.formula.intensityTarget(
    fmtExact(i0),
    fmtExact(target.reductionPercent),
    fmt(targetIntensity, "intensity"),
  );
  const cap = energyCap(input.target?.valueAddedWanYuan, targetIntensity, target.targetYear);
  const common = {
    baseYear: target.baseYear,
    targetYear: target.targetYear,
    targetReductionPercent: target.reductionPercent,
    baseIntensity: i0,
    unit: "tce/万元" as const,
    targetIntensity,
    targetReduction: round(i0 - targetIntensity, "intensity"),
    evenAnnualReductionPercent: round(
      compoundAnnualRate(target.reductionPercent, target.targetYear - target.baseYear),
      "percent",
    ),
    indicator: target.indicator,
    quote: target.quote,
    sources: sources.list(data),
    planUnits: (data.policy.toolUnits.intensity_target ?? []).map(
      (id) => data.planUnits.get(id) ?? { id, breadcrumb: "" },
    ),
    rounding: m.rounding,
    targetValueAddedWanYuan: input.target?.valueAddedWanYuan ?? null,
    energyCapTce: cap?.tce ?? null,
  };
  if (!current) {
    // "2020年0.95，2025年要降到多少": the target itself, computed from the plan's percentage.
    formula.push(targetLine);
    if (cap) formula.push(cap.line);
    notes.push(citywide(target), m.notes.comparablePrices);
    return {
      ...common,
      currentYear: null,
      currentIntensity: null,
      reductionPercent: null,
      status: null,
      statusLabel: null,
      expectedReductionPercentByNow: null,
      remainingReductionPercent: null,
      remainingToTarget: null,
      requiredAnnualReductionPercent: null,
      excessEnergyTce: null,
      formula,
      notes,
    };
  }
  const year = current.year;
  const i1 = plausibleIntensity(current, "current", year);
  if (i1 / i0 > INTENSITY_RANGE.maxChange || i0 / i1 > INTENSITY_RANGE.maxChange) {
    throw new CalculatorInputError(
      "implausible_value",
      hasParts(current) ? "current" : "current.intensity",
      m.errors.implausibleIntensityChange(year, fmtExact(i1), fmtExact(i0), INTENSITY_RANGE.maxChange),
      { base: i0, current: i1, maxChange: INTENSITY_RANGE.maxChange },
    );
  }
  const reduction = round(percentFall(i0, i1), "percent");
  formula.push(m.formula.intensityReduction(fmtExact(i1), fmtExact(i0), fmt(reduction, "percent")));
  formula.push(targetLine);

  const elapsed = Math.min(year - target.baseYear, span);
  const expected = (1 - keep ** (elapsed / span)) * 100;
  const expectedRounded = round(expected, "percent");
  const met = reduction >= target.reductionPercent;
  const status: IntensityStatus = met
    ? "target_met"
    : year >= target.targetYear
      ? "target_not_met"
      : reduction >= expectedRounded
        ? "on_track"
        : "behind_schedule";
  if (year < target.targetYear) {
    formula.push(
      m.formula.evenPace(
        fmtExact(target.reductionPercent),
        span,
        fmt(compoundAnnualRate(target.reductionPercent, span), "percent"),
        year,
        fmt(expected, "percent"),
      ),
    );
  }

  let remaining: number | null = null;
  let toTarget: number | null = null;
  let annual: number | null = null;
  let excess: number | null = null;
  if (!met) {
    toTarget = round(i1 - targetIntensity, "intensity");
    formula.push(
      m.formula.remainingToTarget(
        fmtExact(i1),
        fmt(targetIntensity, "intensity"),
        fmt(toTarget, "intensity"),
      ),
    );
    remaining = round(percentFall(i1, targetIntensity), "percent");
    formula.push(
      m.formula.remainingReduction(
        fmt(targetIntensity, "intensity"),
        fmtExact(i1),
        fmt(remaining, "percent"),
      ),
    );
    if (year < target.targetYear) {
      const years = target.targetYear - year;
      const rate = (1 - (targetIntensity / i1) ** (1 / years)) * 100;
      annual = round(rate, "percent");
      formula.push(
        m.formula.requiredAnnual(
          fmt(targetIntensity, "intensity"),
          fmtExact(i1),
          years,
          fmt(rate, "percent"),
        ),
      );
    }
    const c = current;
    if (c.energyTce !== undefined && c.valueAddedWanYuan !== undefined) {
      const over = c.energyTce - capOnTotal(c.valueAddedWanYuan, targetIntensity);
      excess = round(over, "tce");
      formula.push(
        m.formula.excessEnergy(
          fmtExact(c.energyTce),
          fmt(targetIntensity, "intensity"),
          fmtExact(c.valueAddedWanYuan),
          fmt(over, "tce"),
        ),
      );
    }
  }
  if (cap) formula.push(cap.line);
  notes.push(citywide(target));
  notes.push(m.notes.comparablePrices);
  return {
    ...common,
    currentYear: year,
    currentIntensity: i1,
    reductionPercent: reduction,
    status,
    statusLabel: m.intensityStatus[status](fmtExact(target.reductionPercent)),
    expectedReductionPercentByNow: expectedRounded,
    remainingReductionPercent: remaining,
    remainingToTarget: toTarget,
    requiredAnnualReductionPercent: annual,
    excessEnergyTce: excess,
    formula,
    notes,
  };
}

/**
 * "2025年增加值到300亿，能耗总量最多多少": the energy the target intensity (as shown) allows the value added
 * expected in the target year; null when none was given.
 */
function energyCap(valueAdded: number | undefined, targetIntensity: number, year: number) {
  if (valueAdded === undefined) return null;
  const tce = round(capOnTotal(valueAdded, targetIntensity), "tce");
  return {
    tce,
    line: m.planArithmetic.formula.energyCap(
      year,
      fmt(targetIntensity, "intensity"),
      fmtExact(valueAdded),
      fmt(tce, "tce"),
    ),
  };
}

/** The plan's target as the citywide figure it is, its year and percentage read from policy.json. */
function citywide(target: { baseYear: number; reductionPercent: number }): string {
  return m.notes.intensityCitywide(target.baseYear, fmtExact(target.reductionPercent));
}
