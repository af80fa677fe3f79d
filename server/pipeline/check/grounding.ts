import type { Passage } from "../../knowledge/types.js";
import type { ToolRun } from "../context.js";

/**
 * The grounding rules of an answer: every [n] points at a passage the writer was given, and every
 * figure appears in a cited passage, a calculator result or the person's own question.
 */
export interface GroundingSources {
  /** Passages as numbered for the writer: [1] is passages[0]. */
  passages: Passage[];
  toolRuns: ToolRun[];
  question: string;
  /**
   * The documents an answer may name as authorities (the plan, national standards, ministries' notices,
   * as `sources.json` cites them): the year and number in "《…（2023年版）》" or "GB 21344-2023" are part of
   * a name, not figures.
   */
  documents?: string[];
}

export interface GroundingProblem {
  kind: "unknown_citation" | "unsupported_figure";
  detail: string;
}

const CITATION = /\[(\d{1,2})\]/g;
/** "1. " needs its space ("1.5倍" is a figure); "2、" and "3）" are Chinese list numbers as they are. */
const LIST_NUMBER = /^\s*(\d{1,2})(?:[.)]\s|[、）])/gm;

export function citedIndexes(text: string): number[] {
  return [...new Set([...text.matchAll(CITATION)].map((m) => Number(m[1])))];
}

/**
 * Figures in a text, as canonical strings: "9,600" → "9600", "8.0" → "8". Citation marks and list
 * numbers are not figures; a source keeps its list numbers (an answer may quote "1、退出低效产能").
 */
export function figuresIn(text: string, { keepListNumbers = false } = {}): string[] {
  const uncited = text.replace(CITATION, " ");
  const cleaned = (keepListNumbers ? uncited : uncited.replace(LIST_NUMBER, " ")).replace(
    /^\s*[-*]\s/gm,
    " ",
  );
  return [...cleaned.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) => canonical(m[0]));
}

function canonical(figure: string): string {
  const n = Number(figure.replace(/,/g, ""));
  return Number.isFinite(n) ? String(n) : figure;
}

function figuresOfValue(value: unknown, into: Set<string>): void {
  if (typeof value === "number") {
    into.add(canonical(String(value)));
    // A writer may round a computed figure; accept the common roundings of it.
    for (const digits of [0, 1, 2]) into.add(canonical(value.toFixed(digits)));
  } else if (typeof value === "string") {
    for (const f of figuresIn(value, { keepListNumbers: true })) into.add(f);
  } else if (Array.isArray(value)) {
    for (const item of value) figuresOfValue(item, into);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) figuresOfValue(item, into);
  }
}

export function checkGrounding(
  answer: string,
  sources: GroundingSources,
  { final }: { final: boolean },
): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  const cited = citedIndexes(answer);
  for (const n of cited) {
    if (n < 1 || n > sources.passages.length) problems.push({ kind: "unknown_citation", detail: `[${n}]` });
  }
  // While streaming, any given passage may still be cited later; at the end only cited ones count.
  const allowedPassages =
    final && cited.length
      ? cited.map((n) => sources.passages[n - 1]).filter((p): p is Passage => !!p)
      : sources.passages;
  const allowed = new Set<string>();
  for (const passage of allowedPassages) {
    for (const f of figuresIn(passage.text, { keepListNumbers: true })) allowed.add(f);
    for (const f of figuresIn(passage.breadcrumb.join(" "), { keepListNumbers: true })) allowed.add(f);
  }
  for (const run of sources.toolRuns) {
    figuresOfValue(run.output, allowed);
    figuresOfValue(run.input, allowed);
  }
  for (const f of figuresIn(sources.question, { keepListNumbers: true })) allowed.add(f);
  const unnamed = (sources.documents ?? []).reduce((text, name) => text.split(name).join(" "), answer);
  for (const figure of figuresIn(unnamed)) {
    if (!allowed.has(figure)) problems.push({ kind: "unsupported_figure", detail: figure });
  }
  return problems;
}
