import { decodeChinese } from "../quantities/numbers.js";
import type { IntensityTarget, Product } from "../../../calculators/data.js";
import { CalculatorInputError } from "../../../calculators/errors.js";
import { levelFigure, planLevels, type PlanLevel } from "../../../calculators/planFigures.js";
import type { Quantity } from "../quantities/readQuantities.js";
import type { Aim } from "../quantities/vocabulary.js";
import { messages } from "../../../messages.js";
import { perTonneFigure } from "./benchmarkGap.js";
import {
  amountInput,
  clauseStart,
  left,
  massRole,
  type MissingInput,
  type ReadResult,
  type Scan,
} from "./context.js";
import { findProduct, unresolvedProduct } from "./product.js";

const m = messages.calculators;

/**
 * Reading arithmetic on the plan's own figures: which figure of the plan the question points at (a
 * product's benchmark, baseline or city target by the `levels` words; the plan's percentage target by
 * its indicator), the person's figures (output, a consumption per tonne, a fall already achieved) and
 * the operation its aims ask (a share, a fall, a yearly rate, what remains, a year's total). Null when
 * the message is not such a question, so the other calculators read it as before: a plant's own
 * consumption against the plan's levels ("110比目标高百分之几") is the benchmark gap's.
 */
export function readPlanArithmetic(scan: Scan, aims: Set<Aim>): ReadResult | null {
  return onPercentTarget(scan, aims) ?? onTargetValue(scan) ?? onProductLevels(scan, aims);
}

/**
 * "2025年单位增加值能耗要到0.68，按下降15%倒推，2020年基数是多少": a value for the target's year, and
 * the base year's asked for (named with no figure of its own, or 基数, 倒推): the base it falls from.
 */
function onTargetValue(scan: Scan): ReadResult | null {
  const target = intensityTargetOf(scan);
  if (!target) return null;
  // Per 万元 as written ("0.68吨标煤/万元"), or tonnes the words make an intensity ("万元增加值能耗0.68吨标煤").
  const intensities = scan.quantities.filter(
    (x) => x.kind === "intensity" || (x.kind === "tce" && x.subject === "intensity"),
  );
  if (intensities.length !== 1) return null;
  const value = intensities[0]!;
  const yearBefore = scan.quantities.filter((x) => x.kind === "year" && x.end <= value.start).at(-1);
  if (yearBefore?.value !== target.targetYear) return null;
  const baseAsked = new RegExp(`${target.baseYear}年?[^，。,；;\\d]{0,8}(是多少|多少|几)`).test(scan.text);
  if (!baseAsked && !ASKS_FOR_BASE.test(scan.text)) return null;
  // A tce figure is read in kgce; an intensity is in tce per 万元.
  const perWanYuan = value.kind === "tce" ? value.value / 1000 : value.value;
  return done(scan, { target: target.id, operation: "base_from_target", targetValue: perWanYuan });
}

/** "基数是多少", "倒推": the base year's value is what is asked. */
const ASKS_FOR_BASE = /基数|基期|倒推|反推/;

const NOT_PLANT_FIGURES = new Set(["percent", "year"]);

/**
 * "五年降15%，平均每年要降多少", "已经比2020年降了9%，还得再降百分之几": the plan's percentage target of the
 * indicator the question names, with no figure of the plant's own (those are the intensity target's).
 * A percentage the person gives that is neither a fall achieved nor the plan's is their own target,
 * not the plan's, and is left alone.
 */
function onPercentTarget(scan: Scan, aims: Set<Aim>): ReadResult | null {
  const target = targetNamed(scan);
  if (!target) return null;
  if (scan.quantities.some((x) => !NOT_PLANT_FIGURES.has(x.kind)) || scan.problems.length) return null;
  const percents = scan.quantities.filter((x) => x.kind === "percent");
  const achieved = percents.filter((x) => isFallen(scan, x));
  if (percents.some((x) => !achieved.includes(x) && x.value !== target.reductionPercent)) return null;
  const input: Record<string, unknown> = { target: target.id };
  // "到2023年已经降了10%，剩下两年每年平均要降多少": with a fall achieved, the yearly rate asked is
  // over the years left, which the remaining fall works out when the year is given.
  if (achieved.length === 1 && (aims.has("remaining") || aims.has("percent") || aims.has("annualRate"))) {
    const figure = achieved[0]!;
    const year = scan.quantities
      .filter((x) => x.kind === "year" && x.end <= figure.start && x.value !== target.baseYear)
      .at(-1);
    return done(scan, {
      ...input,
      operation: "remaining_fall",
      achievedPercent: figure.value,
      ...(year ? { year: year.value } : {}),
    });
  }
  if (achieved.length === 0 && aims.has("annualRate"))
    return done(scan, { ...input, operation: "annual_rate" });
  return null;
}

/** A reading on the plan's percentage target, complete; per output value, said to be another measure. */
function done(scan: Scan, input: Record<string, unknown>): ReadResult {
  // "万元产值能耗": output value is not value added, as the intensity target says too.
  const notes =
    /产值能耗/.test(scan.text) && !/增加值/.test(scan.text) ? [m.parserNotes.outputValueIsNotValueAdded] : [];
  return { tool: "plan_arithmetic", input, missing: [], notes };
}

/** The plan's percentage target whose indicator the question names by one of the intensity words. */
function targetNamed(scan: Scan): IntensityTarget | undefined {
  if (intensityWords(scan).some((w) => scan.text.includes(w))) return intensityTargetOf(scan);
  // "五年下降15%，每年平均要降多少": the plan's own percentage over its own span names its target.
  return scan.data.policy.targets.find(
    (t) =>
      scan.quantities.some((x) => x.kind === "percent" && x.value === t.reductionPercent) &&
      spanNamed(scan.text, t.targetYear - t.baseYear),
  );
}

/** "五年", "5年", "5个年": a span of years said as a count, in Arabic or Chinese numerals. */
function spanNamed(text: string, years: number): boolean {
  return [...text.matchAll(/(?<![\d一二两三四五六七八九十])([\d一二两三四五六七八九十]+)个?年(?!\d)/gu)].some(
    (m) => (/^\d+$/.test(m[1]!) ? Number(m[1]) : decodeChinese(m[1]!)) === years,
  );
}

/** The plan's target for energy per value added: the one whose indicator is named by an intensity word. */
export function intensityTargetOf(scan: Pick<Scan, "words" | "data">): IntensityTarget | undefined {
  const words = intensityWords(scan);
  return scan.data.policy.targets.find((t) => words.some((w) => t.indicator.includes(w)));
}

function intensityWords(scan: Pick<Scan, "words">): string[] {
  return scan.words.subjects.filter((s) => s.subject === "intensity").flatMap((s) => s.words);
}

/** "已经比2020年降了9%": a percentage after words of a fall already made. */
function isFallen(scan: Scan, x: Quantity): boolean {
  const before = left(scan, x);
  return scan.words.fallen.some((w) => before.includes(w));
}

interface LevelWord {
  level: PlanLevel;
  at: number;
  end: number;
}

/** The words naming a product's figures in the plan, in order, longest first where two overlap. */
function levelsIn(scan: Scan): LevelWord[] {
  const words = planLevels
    .flatMap((level) => scan.words.levels[level].map((word) => ({ level, word })))
    .sort((a, b) => b.word.length - a.word.length);
  const found: LevelWord[] = [];
  for (const { level, word } of words)
    for (let at = scan.text.indexOf(word); at >= 0; at = scan.text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (!found.some((f) => f.at < end && at < f.end)) found.push({ level, at, end });
    }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * "目标比标杆值高百分之几", "从110降到方案2025年的目标值，降幅是多少", "年产8000吨，达到标杆一年总能耗多少":
 * a product and the plan's levels of it named, with at most an output or a consumption per tonne.
 */
function onProductLevels(scan: Scan, aims: Set<Aim>): ReadResult | null {
  const levels = levelsIn(scan);
  if (levels.length === 0) return null;
  const match = findProduct(scan, null);
  if (!match) return null;
  const r = match.resolution;
  const product: Product | null = r.kind === "resolved" ? r.product : null;
  const uc = perTonneFigure(scan, product ?? (r.kind === "ambiguous" ? (r.variants[0] ?? null) : null));
  const output = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "output");
  // Every figure is the output or the consumption per tonne: energy used, or a figure not understood
  // ("吨熟料108公斤"), is the benchmark gap's to work with or to ask about.
  const others = scan.quantities.filter((x) => x.kind !== "year" && x !== uc?.qty && x !== output);
  if (others.length > 0 || scan.problems.length > 0) return null;
  const operand = (l: LevelWord) => {
    const year = l.level === "target" ? yearBefore(scan, l) : undefined;
    return { level: l.level, ...(year ? { year } : {}) };
  };
  const fallsTo = levels.find((l) => fallsToLevel(scan, l, levels));
  let input: Record<string, unknown> | null = null;
  if (aims.has("percent") && aims.has("fall") && (uc || levels.length >= 2)) {
    const to = fallsTo ?? levels.at(-1)!;
    const from = uc ? { value: uc.qty.value } : operand(levels.find((l) => l !== to)!);
    input = { operation: "percent_fall", from, to: operand(to) };
  } else if (aims.has("percent") && !uc && levels.length >= 2) {
    input = { operation: "percent_difference", figure: operand(levels[0]!), reference: operand(levels[1]!) };
  } else if (output && !uc && (aims.has("total") || aims.has("convert")) && !aims.has("save")) {
    const { amount, unit } = amountInput(output, "mass", "kg");
    input = { operation: "total_at_level", output: { value: amount, unit }, at: operand(levels[0]!) };
  }
  if (!input) return null;
  const missing: MissingInput[] = [];
  if (product) {
    input.product = product.id;
    const none = figureLacking(product, input);
    // "电炉钢降到2025年目标要降百分之几": the plan's target for it is in words; no figure makes one.
    if (none) missing.push({ field: none.field, question: none.message, final: true });
  } else {
    input.product = match.alias;
    missing.push(unresolvedProduct(match, scan.data));
  }
  const notes = uc?.bare ? [m.parserNotes.bareNumberAsUnitConsumption(uc.qty.text)] : [];
  return { tool: "plan_arithmetic", input, missing, notes };
}

/**
 * "降到方案2025年的目标值", "从基准降到标杆": a level with a fall word before it in its clause, since the
 * figure or level before it; the level a fall goes to. (Years between, "2025年的", do not part them.)
 */
function fallsToLevel(scan: Scan, level: LevelWord, levels: LevelWord[]): boolean {
  const from = Math.max(
    clauseStart(scan.text, level.at),
    ...levels.filter((l) => l.end <= level.at).map((l) => l.end),
    ...scan.quantities.filter((x) => x.kind !== "year" && x.end <= level.at).map((x) => x.end),
  );
  const between = scan.text.slice(from, level.at);
  return scan.words.fallsTo.some((w) => between.includes(w));
}

/** "方案2025年的目标值": the year named before a target in its clause, the target of that year. */
function yearBefore(scan: Scan, level: LevelWord): number | undefined {
  const from = clauseStart(scan.text, level.at);
  return scan.quantities.filter((x) => x.kind === "year" && x.start >= from && x.end <= level.at).at(-1)
    ?.value;
}

/** The first level the operation names that the plan gives the product no figure for, with why. */
function figureLacking(
  product: Product,
  input: Record<string, unknown>,
): { field: string; message: string } | null {
  for (const field of ["at", "figure", "reference", "from", "to"]) {
    const operand = input[field] as { level?: PlanLevel; year?: number } | undefined;
    if (!operand?.level) continue;
    try {
      levelFigure(product, operand.level, operand.year, `${field}.level`);
    } catch (error) {
      if (!(error instanceof CalculatorInputError)) throw error;
      return { field: error.field, message: error.message };
    }
  }
  return null;
}
