import type { Passage } from "../../knowledge/types.js";
import type { ToolRun } from "../context.js";
import { canonical, figureSet, normalizeFigures, readFigures } from "./figures.js";
import { clauseAround, sentencesOf } from "./sentences.js";

/**
 * The grounding rules of an answer: every [n] points at a passage the writer was given, and every
 * figure, however written (see figures.ts), appears in a cited passage, a calculator result or the
 * person's own question. Strict rules (LLM answers) bind each sentence that cites to the passages it
 * cites, and let a figure only the question holds be repeated only as the person's own
 * ("您提到的500万元……"), never as what a clause says.
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

export type GroundingProblemKind =
  | "unknown_citation"
  | "unsupported_figure"
  /** a figure only the question holds, stated as if a source said it */
  | "question_figure"
  | "link"
  | "official_act"
  | "instructions"
  | "too_long";

export interface GroundingProblem {
  kind: GroundingProblemKind;
  detail: string;
}

export interface GroundingOptions {
  /** The whole answer: only the passages it cites count (while streaming, any given one may be cited later). */
  final: boolean;
  /** What the whole answer cites, when a part of it is checked (final); else read from the text checked. */
  answerCites?: number[];
  /**
   * LLM answers: what marks a clause as about the person's own figures ("您", "贵公司"), and a clause
   * that says the plan sets no such thing ("方案没有规定2030年的…"); either may repeat the question's figure.
   */
  strict?: { ownFigure: RegExp; absence: RegExp };
}

const CITATION = /\[(\d{1,2})\]/g;
/** "1. " needs its space ("1.5倍" is a figure); "2、" and "3）" are Chinese list numbers as they are. */
const LIST_NUMBER = /^(\s*)(\d{1,2})((?:[.)]\s|[、）]))/gm;
const BULLET = /^(\s*)[-*](\s)/gm;

/**
 * How many items each numbered list of a text has ("1. … 2. … 6. …" → 6): an answer that enumerates a
 * list may say its count ("共六项"), grounded in the list it gives.
 */
function listCounts(text: string): Set<string> {
  const counts = new Set<string>();
  let last = 0;
  for (const m of text.matchAll(LIST_NUMBER)) {
    const n = Number(m[2]);
    if (n !== last + 1 && last > 0) counts.add(canonical(last));
    last = n === last + 1 ? n : n === 1 ? 1 : 0;
  }
  if (last > 0) counts.add(canonical(last));
  return counts;
}

export function citedIndexes(text: string): number[] {
  return [...new Set([...text.matchAll(CITATION)].map((m) => Number(m[1])))];
}

/** Citation marks, list numbers and bullets blanked out, same length: nothing of them is a figure. */
function blankMarks(text: string): string {
  const blank = (s: string) => "|".repeat(s.length);
  return text
    .replace(CITATION, blank)
    .replace(LIST_NUMBER, (_m, lead: string, n: string, mark: string) => lead + blank(n) + mark)
    .replace(BULLET, (_m, lead: string, space: string) => `${lead}|${space}`);
}

/**
 * Figures in a text, as canonical strings: "9,600" → "9600", "8.0" → "8", "九十八万七千" → "987000".
 * Citation marks and list numbers are not figures; a source (`source: true`) keeps its list numbers
 * (an answer may quote "1、退出低效产能") and is read generously.
 */
export function figuresIn(text: string, { source = false } = {}): string[] {
  if (source) return [...figureSet(text)];
  return readFigures(normalizeFigures(blankMarks(text))).map((f) => f.value);
}

const passageFigures = new WeakMap<Passage, Set<string>>();
const toolFigures = new WeakMap<ToolRun, Set<string>>();
let questionMemo: { question: string; figures: Set<string> } | null = null;

function figuresOfPassage(passage: Passage): Set<string> {
  let figures = passageFigures.get(passage);
  if (!figures) {
    figures = figureSet(`${passage.text}\n${passage.breadcrumb.join("\n")}`);
    passageFigures.set(passage, figures);
  }
  return figures;
}

function figuresOfRun(run: ToolRun): Set<string> {
  let figures = toolFigures.get(run);
  if (!figures) {
    figures = new Set();
    // Not the error message: it is for the person, and may quote an example figure.
    figuresOfValue(run.output, figures);
    figuresOfValue(run.input, figures);
    toolFigures.set(run, figures);
  }
  return figures;
}

function figuresOfQuestion(question: string): Set<string> {
  if (questionMemo?.question !== question) questionMemo = { question, figures: figureSet(question) };
  return questionMemo.figures;
}

function figuresOfValue(value: unknown, into: Set<string>): void {
  if (typeof value === "number") {
    // A writer may round a computed figure, and say it in 万 or 亿 (a tool's 120 of "万吨" is "120万吨").
    for (const shown of [value, ...[0, 1, 2].map((digits) => Number(value.toFixed(digits)))])
      for (const scale of [1, 1e4, 1e8]) into.add(canonical(shown * scale));
  } else if (typeof value === "string") {
    for (const f of figureSet(value)) into.add(f);
  } else if (Array.isArray(value)) {
    for (const item of value) figuresOfValue(item, into);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) figuresOfValue(item, into);
  }
}

export function checkGrounding(
  answer: string,
  sources: GroundingSources,
  { final, strict, answerCites }: GroundingOptions,
): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  const given = sources.passages.length;
  const cited = answerCites ?? citedIndexes(answer);
  // A document's name is no figure; a figure written beside it still is.
  const unnamed = (sources.documents ?? []).reduce((text, name) => text.split(name).join(" "), answer);
  for (const n of cited) {
    if (n < 1 || n > given) problems.push({ kind: "unknown_citation", detail: `[${n}]` });
  }
  const setsOf = (numbers: number[]) =>
    numbers.flatMap((n) => (sources.passages[n - 1] ? [figuresOfPassage(sources.passages[n - 1]!)] : []));
  const tools = sources.toolRuns.map(figuresOfRun);
  const question = figuresOfQuestion(sources.question);
  // An uncited sentence may state what any passage the answer cites says (any given one, while streaming).
  const counts = listCounts(answer);
  const pool = [
    ...setsOf(final && cited.length ? cited : sources.passages.map((_, i) => i + 1)),
    ...tools,
    counts,
  ];
  const read = (text: string) => readFigures(normalizeFigures(blankMarks(text)));
  if (!strict) {
    for (const figure of read(unnamed)) {
      if (![...pool, question].some((set) => set.has(figure.value)))
        problems.push({ kind: "unsupported_figure", detail: figure.value });
    }
    return problems;
  }
  for (const sentence of sentencesOf(unnamed)) {
    const allowed = sentence.cited.length ? [...setsOf(sentence.cited), ...tools, counts] : pool;
    const text = normalizeFigures(blankMarks(sentence.text));
    for (const figure of readFigures(text)) {
      if (allowed.some((set) => set.has(figure.value))) continue;
      const theirs = question.has(figure.value);
      const clause = theirs ? clauseAround(text, figure.start, figure.end) : "";
      if (theirs && (strict.ownFigure.test(clause) || strict.absence.test(clause))) continue;
      problems.push({ kind: theirs ? "question_figure" : "unsupported_figure", detail: figure.value });
    }
  }
  return problems;
}
