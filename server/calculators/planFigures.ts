import { messages } from "../messages.js";
import type { CalculatorData, IntensityTarget, Product } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import { fmtExact } from "./format.js";
import type { Cited } from "./sources.js";

const m = messages.calculators;
const p = m.planArithmetic;

/**
 * The plan's figures that arithmetic refers to, read from the reviewed data: a product's benchmark,
 * baseline or city target (products.json), and a percentage target such as the 15% fall of energy per
 * value added (policy.json). Where the plan gives no figure, a fixable error says so and why.
 */

export const planLevels = ["benchmark", "baseline", "target"] as const;
export type PlanLevel = (typeof planLevels)[number];

export interface LevelFigure {
  level: PlanLevel;
  /** the target's year; null for the benchmark and the baseline */
  year: number | null;
  value: number;
  /** as the lead names it: "标杆值", "2025年全市目标值" */
  name: string;
  /** the plan's clause that states it; null for a baseline the plan does not list */
  unitId: string | null;
  /** the plan states it (a national figure for a product the plan does not list, or a baseline, is not the plan's) */
  fromPlan: boolean;
  /** what a result cites it by */
  cited: Cited;
  /** a baseline taken from a standard's limit grade is cited with its grade */
  grade: number | null;
  /** what the source line says it was used for */
  usedFor: string;
  /** what a reader of the figure must know: a city target is city-wide, a baseline may be a standard's grade */
  notes: string[];
}

/**
 * The product's figure at `level`. A target is the city's target of `year`, or its only one when no
 * year is asked; a product with no numeric target (电弧炉: "达到国内先进水平") or of another year has none.
 */
export function levelFigure(
  product: Product,
  level: PlanLevel,
  year: number | undefined,
  field: string,
): LevelFigure {
  if (level === "benchmark") {
    const b = product.benchmark;
    return {
      level,
      year: null,
      value: b.value,
      name: p.levelName.benchmark(),
      unitId: b.unitId,
      fromPlan: b.verification === "plan",
      cited: b,
      grade: null,
      usedFor: m.usedFor.benchmark(product.name),
      notes: [],
    };
  }
  if (level === "baseline") {
    const b = product.baseline;
    if (!b) throw new CalculatorInputError("no_plan_figure", field, p.errors.noBaseline(product.name));
    return {
      level,
      year: null,
      value: b.value,
      name: p.levelName.baseline(),
      unitId: null,
      fromPlan: b.verification === "plan",
      cited: b,
      grade: b.grade,
      usedFor: m.usedFor.baseline(product.name),
      notes:
        b.verification === "standard_limit_grade" && b.standard
          ? [m.notes.baselineIsStandardGrade(b.standard, fmtExact(b.value))]
          : [],
    };
  }
  const targets = product.cityTargets;
  if (targets.length === 0) {
    const words = product.planTargets[0]?.text.replace(/[。；]$/, "") ?? null;
    // The plan's targets are of a product as a whole ("电弧炉炼钢工序"), not of a capacity band or variant.
    throw new CalculatorInputError("no_plan_figure", field, p.errors.noCityTarget(product.group, words));
  }
  const city = year === undefined ? targets[0]! : targets.find((t) => t.year === year);
  if (!city)
    throw new CalculatorInputError(
      "no_plan_figure",
      field,
      p.errors.noTargetOfYear(product.name, year!, targets.map((t) => t.year).join("、")),
    );
  return {
    level,
    year: city.year,
    value: city.value,
    name: p.levelName.target(city.year),
    unitId: city.unitId,
    fromPlan: city.verification === "plan",
    cited: city,
    grade: null,
    usedFor: m.usedFor.cityTarget,
    notes: [m.notes.cityTargetIsCitywide(city.year, fmtExact(city.value))],
  };
}

/**
 * A percentage target of the plan by its id; without one, the plan's only percentage target (today the
 * 15% fall of energy per value added), so a caller need not know its id.
 */
export function percentTarget(data: CalculatorData, id: string | undefined, field: string): IntensityTarget {
  const targets = data.policy.targets;
  const found =
    id === undefined ? (targets.length === 1 ? targets[0] : undefined) : targets.find((t) => t.id === id);
  if (!found)
    throw new CalculatorInputError(
      "no_plan_figure",
      field,
      p.errors.unknownTarget(
        id ?? "",
        targets.map((t) => t.id),
      ),
    );
  return found;
}
