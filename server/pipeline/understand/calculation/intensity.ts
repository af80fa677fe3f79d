import { messages } from "../../../messages.js";
import type { Aim } from "../quantities/vocabulary.js";
import type { Quantity } from "../quantities/readQuantities.js";
import { type MissingInput, type PreviousRequest, type ReadResult, type Scan } from "./context.js";
import { intensityTargetOf } from "./planArithmetic.js";

const m = messages.calculators;
const q = m.questions;

/**
 * Reading an intensity-target request: the 2020 figures and the current year's, split by the years
 * named. Only the 2020 figures and a question for the target ("2025年要降到多少") make a complete
 * request: the target is computed from the plan's percentage.
 */
export function readIntensity(scan: Scan, previous: PreviousRequest | null, aims: Set<Aim>): ReadResult {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> =
    previous?.tool === "intensity_target" ? structuredClone(previous.input) : {};
  const base = { ...((input.base as Record<string, unknown> | undefined) ?? {}) };
  const current = { ...((input.current as Record<string, unknown> | undefined) ?? {}) };

  const marks = [
    ...scan.quantities
      .filter((x) => x.kind === "year")
      .map((x) => ({ at: x.start, year: x.value, word: null as string | null })),
    ...[...t.matchAll(/今年|去年|目前|现在|当前/g)].map((x) => ({
      at: x.index ?? 0,
      year: null,
      word: x[0],
    })),
  ].sort((a, b) => a.at - b.at);
  let relative: { word: string; year: number } | null = null;
  const sawIntensityUnit = scan.quantities.some((x) => x.kind === "intensity");
  // "2020年万元增加值能耗0.8吨标煤，2023年0.7吨标煤": without any value added, later 吨标煤 are intensities too.
  const perValueAdded = sawIntensityUnit || scan.quantities.some((x) => x.subject === "intensity");
  const givesValueAdded = scan.quantities.some((x) => x.subject === "value_added");
  for (const [i, mark] of marks.entries()) {
    const end = marks[i + 1]?.at ?? t.length;
    const figures = scan.quantities.filter((x) => x.start >= mark.at && x.end <= end && x.kind !== "year");
    if (figures.length === 0) continue;
    const target = mark.year === 2020 ? base : current;
    if (mark.year !== 2020 && mark.year !== null) target.year = mark.year;
    if (mark.word && scan.year)
      relative = { word: mark.word, year: scan.year - (mark.word === "去年" ? 1 : 0) };
    for (const f of figures) {
      if (f.kind === "intensity") target.intensity = f.value;
      else if (f.kind === "tce" && (f.subject === "intensity" || (perValueAdded && !givesValueAdded)))
        target.intensity = f.value / 1000;
      else if (f.kind === "tce") target.energyTce = f.value / 1000;
      else if (isValueAdded(f)) target.valueAddedWanYuan = f.value / 1e4;
      else if (f.kind === "money" && f.subject === "revenue")
        notes.push(m.parserNotes.outputValueIsNotValueAdded);
      else if (
        f.kind === "none" &&
        (perValueAdded || f.subject === "intensity") &&
        target.intensity === undefined
      ) {
        target.intensity = f.value;
        notes.push(m.parserNotes.bareNumberAsIntensity(f.text));
      }
    }
  }
  input.base = base;
  // "如果2025年增加值到300亿": the target year's value added alone is a plan, not a year's result; the
  // target intensity caps the energy it may use.
  const targetYear = intensityTargetOf(scan)?.targetYear;
  if (
    current.year === targetYear &&
    current.valueAddedWanYuan !== undefined &&
    current.energyTce === undefined &&
    current.intensity === undefined
  ) {
    input.target = { valueAddedWanYuan: current.valueAddedWanYuan };
    delete current.valueAddedWanYuan;
    delete current.year;
  }
  // "万元产值能耗": output value is not value added; compared with the plan's target, said so.
  if (/产值能耗/.test(t) && !/增加值/.test(t)) notes.push(m.parserNotes.outputValueIsNotValueAdded);
  const has = (f: Record<string, unknown>) =>
    f.intensity !== undefined || (f.energyTce !== undefined && f.valueAddedWanYuan !== undefined);
  const givesCurrent = Object.keys(current).some((k) => k !== "year");
  // "2025年要降到多少": the year named is the target's, not a current figure.
  if (!givesCurrent) delete current.year;
  // A value added of the target year ("2025年增加值预计80亿元") asks about that year, not the progress so far.
  const targetOnly = !givesCurrent && (aims.has("target") || input.target !== undefined) && has(base);
  if (Object.keys(current).length > 0) input.current = current;
  else delete input.current;

  const missing: MissingInput[] = [];
  if (!has(base)) missing.push({ field: "base", question: q.baseIntensity });
  if (!targetOnly) {
    if (!has(current)) missing.push({ field: "current", question: q.currentIntensity });
    if (current.year === undefined) missing.push({ field: "current.year", question: q.currentYear });
  }
  // "我们完成目标了吗" with only 2020 known: the target is computed while the current figures are asked;
  // "去年0.85" without a year: worked out for last year by the calendar while the year is asked.
  const onlyYear = missing.length === 1 && missing[0]!.field === "current.year";
  const provisional =
    onlyYear && relative && relative.year >= 2021 && relative.year <= 2030
      ? {
          input: { base, current: { ...current, year: relative.year } },
          note: m.provisional.relativeYear(relative.word, relative.year),
        }
      : has(base) && missing.length > 0 && missing.every((x) => x.field.startsWith("current"))
        ? { input: { base }, note: m.provisional.targetFirst }
        : undefined;
  return { tool: "intensity_target", input, missing, notes, ...(provisional ? { provisional } : {}) };
}

/** Value added in 元: "10亿元", or "300亿" with the 元 left out (a magnitude alone is of money here). */
function isValueAdded(f: Quantity): boolean {
  if (f.subject !== "value_added") return false;
  return f.kind === "money" || (f.kind === "none" && /^[万亿]$/.test(f.unit));
}
