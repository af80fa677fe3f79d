import { messages } from "../../messages.js";
import { normalizeName } from "../resolveProduct.js";
import {
  isYear,
  left,
  type MissingInput,
  type PreviousRequest,
  type ReadResult,
  type Scan,
} from "./context.js";

const m = messages.calculators;
const q = m.questions;

/** Reading an intensity-target request: the 2020 figures and the current year's, split by the years named. */

export function readIntensity(scan: Scan, previous: PreviousRequest | null): ReadResult {
  const t = scan.text;
  const notes: string[] = [];
  const input: Record<string, unknown> =
    previous?.tool === "intensity_target" ? structuredClone(previous.input) : {};
  const base = { ...((input.base as Record<string, unknown> | undefined) ?? {}) };
  const current = { ...((input.current as Record<string, unknown> | undefined) ?? {}) };

  const marks = [...t.matchAll(/(20\d\d)\s*年|今年|去年|目前|现在|当前/g)].map((x) => ({
    at: x.index ?? 0,
    year: x[1] ? Number(x[1]) : null,
  }));
  const sawIntensityUnit = scan.quantities.some((x) => x.kind === "intensity");
  marks.forEach((mark, i) => {
    const end = marks[i + 1]?.at ?? t.length;
    const figures = scan.quantities.filter((x) => x.start >= mark.at && x.end <= end && !isYear(scan, x));
    if (figures.length === 0) return;
    const target = mark.year === 2020 ? base : current;
    if (mark.year !== 2020) {
      if (mark.year !== null) target.year = mark.year;
    }
    for (const f of figures) {
      const l = left(scan, f);
      if (f.kind === "intensity") target.intensity = f.value;
      else if (f.kind === "tce" && /增加值能耗(是|为|:)?$|能耗强度(是|为|:)?$/.test(normalizeName(l)))
        target.intensity = f.value / 1000;
      else if (f.kind === "tce") target.energyTce = f.value / 1000;
      else if (f.kind === "money" && /增加值/.test(l)) target.valueAddedWanYuan = f.value / 1e4;
      else if (f.kind === "money" && /产值|营收|收入|销售/.test(l))
        notes.push(m.parserNotes.outputValueIsNotValueAdded);
      else if (f.kind === "none" && sawIntensityUnit && target.intensity === undefined) {
        target.intensity = f.value;
        notes.push(m.parserNotes.bareNumberAsIntensity(f.text));
      }
    }
  });
  input.base = base;
  input.current = current;

  const missing: MissingInput[] = [];
  const has = (f: Record<string, unknown>) =>
    f.intensity !== undefined || (f.energyTce !== undefined && f.valueAddedWanYuan !== undefined);
  if (!has(base)) missing.push({ field: "base", question: q.baseIntensity });
  if (!has(current)) missing.push({ field: "current", question: q.currentIntensity });
  if (current.year === undefined) missing.push({ field: "current.year", question: q.currentYear });
  return { tool: "intensity_target", input, missing, notes };
}
