import type { CalculatorData, GridFactor } from "../../../calculators/data.js";
import { pairSimilarity } from "../../../language/text.js";
import { standardCoalCarrier } from "../../../calculators/energyInput.js";
import type { ToolName } from "../../../calculators/registry.js";
import { normalizeName } from "../../../calculators/resolveProduct.js";
import { unitFactor, type UnitQuantity } from "../../../calculators/units.js";
import {
  CLAUSE_DELIMITER,
  readQuantities,
  type FigureProblem,
  type Quantity,
} from "../quantities/readQuantities.js";
import type { QuantityWords } from "../quantities/vocabulary.js";

/**
 * What the message readers share: the request types, and reading a figure by the words around it
 * (the clause it sits in, the keyword nearest to it).
 */

/** An input the calculator still needs, with the question to ask for it. */
export interface MissingInput {
  field: string;
  question: string;
  /**
   * Not a question but why no figure can make the comparison ("粉煤制合成氨" is not what the plan's
   * benchmark covers; a 30 t furnace is below its band): the answer itself, not a request for input.
   */
  final?: boolean;
}

/** What a message says, as calculator input: which tool, the input so far, and what is missing. */
export interface ParsedCalculatorRequest {
  tool: ToolName;
  input: Record<string, unknown>;
  missing: MissingInput[];
  notes: string[];
  /** true when nothing is missing and the input passes the tool's schema */
  complete: boolean;
  /** what the question asks of the result, by the aims vocabulary (with those of the messages before) */
  aims: string[];
  /**
   * While something is missing, an answer that can already be given: the input it runs on (with an
   * assumption the note states, e.g. "按含原料用能口径"), shown before the question.
   */
  provisional?: Provisional;
}

export interface Provisional {
  input: Record<string, unknown>;
  /** what the provisional answer assumes, in Chinese */
  note: string;
  /** said before the result when it rests on assumed figures ("按假设估算（4极、负载率75%…）：") */
  label?: string;
}

/** An earlier request this message may complete ("轻质的", "含原料用能", "年产100万吨"). */
export interface PreviousRequest {
  tool: string;
  input: Record<string, unknown>;
  aims?: string[];
}

export const DELIMITER = CLAUSE_DELIMITER;

/** What reading a calculation needs: the calculators' reviewed data and the vocabulary of figures. */
export interface ReadingContext {
  data: CalculatorData;
  words: QuantityWords;
  /** The Beijing calendar year of the message, for "今年" and "去年"; without it they are asked about. */
  year?: number;
}

/** A message as the calculation readers see it: the text (NFKC), its figures and the figures refused. */
export interface Scan extends ReadingContext {
  text: string;
  quantities: Quantity[];
  problems: FigureProblem[];
}

export function scanMessage(message: string, reading: ReadingContext): Scan {
  const { text, quantities, problems } = readQuantities(message, reading.words);
  return { ...reading, text, quantities, problems };
}

export function clauseStart(text: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) if (DELIMITER.test(text[i]!)) return i + 1;
  return 0;
}

export function clauseEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) if (DELIMITER.test(text[i]!)) return i;
  return text.length;
}

/**
 * Words before a figure, back to the previous figure or the start of its clause; with `pastYears`,
 * back past a year said between ("降到2025年102" → "降到2025年").
 */
export function left(scan: Scan, qty: Quantity, pastYears = false): string {
  const prev = scan.quantities.filter((o) => o.end <= qty.start && !(pastYears && o.kind === "year")).at(-1);
  return scan.text.slice(Math.max(clauseStart(scan.text, qty.start), prev?.end ?? 0), qty.start);
}

/** Words after a figure, up to the next figure or the end of its clause. */
export function right(scan: Scan, qty: Quantity): string {
  const next = scan.quantities.find((o) => o.start >= qty.end);
  return scan.text.slice(qty.end, Math.min(clauseEnd(scan.text, qty.end), next?.start ?? scan.text.length));
}

export interface Keyword {
  word: string;
  role: string;
}

/** The keyword that ends last in the text (nearest to a figure that follows), longer words winning ties. */
export function lastKeyword(text: string, keywords: Keyword[]): Keyword | undefined {
  let best: { k: Keyword; end: number } | undefined;
  for (const k of keywords) {
    const at = text.lastIndexOf(k.word);
    if (at < 0) continue;
    const end = at + k.word.length;
    if (!best || end > best.end || (end === best.end && k.word.length > best.k.word.length))
      best = { k, end };
  }
  return best?.k;
}

/** The keyword that starts first in the text (nearest to a figure that precedes it). */
export function firstKeyword(text: string, keywords: Keyword[]): Keyword | undefined {
  let best: { k: Keyword; at: number } | undefined;
  for (const k of keywords) {
    const at = text.indexOf(k.word);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && k.word.length > best.k.word.length)) best = { k, at };
  }
  return best?.k;
}

/** Each list of keywords made once per data set (a message's every figure asks for them), a copy to each caller. */
function keptPer(make: (data: CalculatorData) => Keyword[]): (data: CalculatorData) => Keyword[] {
  const made = new WeakMap<CalculatorData, readonly Keyword[]>();
  return (data) => {
    let words = made.get(data);
    if (!words) {
      words = make(data).map((k) => Object.freeze(k));
      made.set(data, words);
    }
    return [...words];
  };
}

export const carrierKeywords = keptPer((data) => {
  const words: Keyword[] = data.carriers.flatMap((c) =>
    c.aliases.map((a) => ({ word: normalizeName(a), role: `carrier:${c.id}` })),
  );
  for (const a of standardCoalCarrier.aliases)
    words.push({ word: normalizeName(a), role: "carrier:standard-coal" });
  return words;
});

export const productKeywords = keptPer((data) => [
  ...data.products.flatMap((p) => p.aliases.map((a) => ({ word: normalizeName(a), role: "product" }))),
  ...data.groups.flatMap((g) => g.aliases.map((a) => ({ word: normalizeName(a), role: "product" }))),
  // Named so that "电石厂吨电石能耗850" is about 电石, which the catalogue leaves out, not about no product.
  ...data.uncatalogued.flatMap((u) => u.aliases.map((a) => ({ word: normalizeName(a), role: "product" }))),
]);

export const outputKeywords: Keyword[] = ["产量", "年产", "生产", "产出", "出产", "年产量", "产"].map(
  (word) => ({
    word,
    role: "output",
  }),
);
export const capacityAsOutput: Keyword[] = [{ word: "产能", role: "output_capacity" }];

/** "一年20万吨", "每年大约20万吨", "一年炼钢25万吨": a year's tonnes, not of anything used or bought. */
const YEARLY = /(?:一年|每年|全年|年均)(?![^\d]*(?:用|耗|烧|购|买|进))[^\d]{0,4}$/;

export type MassRole =
  | { kind: "output"; fromCapacity: boolean }
  | { kind: "carrier"; carrier: string }
  | { kind: "capacity" }
  | { kind: "unknown" };

/**
 * The words before a figure that are its own. A name right after the previous figure names that one
 * when nothing before it did ("用了3000吨柴油和2万吨原煤": 柴油 is the 3000吨, not the 2万吨), but not when
 * the previous figure had its own ("用煤15万吨电1.2亿度": 电 is the 1.2亿度). Normalised as normalizeName.
 */
export function ownLeft(scan: Scan, qty: Quantity): string {
  const l = normalizeName(left(scan, qty));
  const prev = scan.quantities.filter((o) => o.end <= qty.start).at(-1);
  if (!prev || normalizeName(scan.text.slice(prev.end, qty.start)) !== l) return l;
  const names = [...productKeywords(scan.data), ...carrierKeywords(scan.data)];
  const leading = names.filter((k) => l.startsWith(k.word)).sort((a, b) => b.word.length - a.word.length)[0];
  if (!leading || lastKeyword(normalizeName(left(scan, prev)), names)) return l;
  return l.slice(leading.word.length);
}

export function massRole(scan: Scan, qty: Quantity): MassRole {
  const l = ownLeft(scan, qty);
  const r = normalizeName(right(scan, qty));
  // "60吨电弧炉", "公称容量60吨", "电弧炉（55吨）": a furnace's tonnage is its size, not its output; but
  // "年产50万吨电炉钢" is a year's output of the steel the furnace makes.
  const yearly = /年产(量)?(约|大约|大概)?$|一年(产|生产|炼)?$/.test(l);
  if (
    !yearly &&
    (/^的?(电弧炉|电炉|炉)/.test(r) || /(公称)?容量(为|是|:)?$/.test(l) || /(电弧炉|电炉|炉)[(（]$/.test(l))
  )
    return { kind: "capacity" };
  // Tonnes are of a fuel weighed in tonnes (or standard coal), never of electricity or gas: the 电 of "余热发电".
  const weighed = carrierKeywords(scan.data).filter((k) => {
    const id = k.role.slice("carrier:".length);
    return id === "standard-coal" || scan.data.carriers.find((c) => c.id === id)?.quantity === "mass";
  });
  const before = lastKeyword(l, [
    ...productKeywords(scan.data),
    ...outputKeywords,
    ...capacityAsOutput,
    ...weighed,
  ]);
  const roleOf = (k: Keyword): MassRole =>
    k.role === "product" || k.role === "output"
      ? { kind: "output", fromCapacity: false }
      : k.role === "output_capacity"
        ? { kind: "output", fromCapacity: true }
        : { kind: "carrier", carrier: k.role.slice("carrier:".length) };
  const after = firstKeyword(r.slice(0, 6), [...productKeywords(scan.data), ...weighed]);
  // "纯碱，一年20万吨": a year's tonnes with nothing else named are the output.
  if ((!before || before.role === "product") && !after && YEARLY.test(l))
    return { kind: "output", fromCapacity: false };
  if (before) return roleOf(before);
  return after ? roleOf(after) : { kind: "unknown" };
}

/** The carrier a figure's words name, for units that several carriers share (volume, heat). */
export function carrierNear(scan: Scan, qty: Quantity, candidates: string[], fallback: string): string {
  const words = carrierKeywords(scan.data).filter((k) =>
    candidates.includes(k.role.slice("carrier:".length)),
  );
  const k =
    lastKeyword(ownLeft(scan, qty), words) ??
    firstKeyword(normalizeName(right(scan, qty)).slice(0, 6), words);
  return k ? k.role.slice("carrier:".length) : fallback;
}

/** Calculator input for an amount: the unit as written when the calculators know it, else the base unit. */
export function amountInput(
  qty: Quantity,
  quantity: UnitQuantity,
  baseUnit: string,
): { amount: number; unit: string } {
  return unitFactor(quantity, qty.unit) !== undefined
    ? { amount: qty.amount, unit: qty.unit }
    : { amount: qty.value, unit: baseUnit };
}

/** What a reader returns: the request without the completeness check, which the dispatcher makes. */
export type ReadResult = Omit<ParsedCalculatorRequest, "complete" | "aims">;

/** "电网排放因子按0.5703 tCO2/MWh算": the person's grid factor, in kgCO2/kWh (the same figure as tCO2/MWh). */
export function givenGridFactor(scan: Scan, input: Record<string, unknown>): void {
  const given = scan.quantities.find((x) => x.kind === "grid_factor") ?? bareGridFactor(scan);
  if (given) {
    input.gridFactorValue = given.value;
    return;
  }
  // "按2022年全国电力平均二氧化碳排放因子算": one of the data's factors, named by its year.
  const named = namedGridFactor(scan);
  if (named) {
    input.gridFactorId = named.id;
    delete input.gridFactorValue;
  }
}

/** On a tie, the national average: what a factor named by its year alone means. */
const NATIONAL_FIRST = 0.01;
/** A year, then within a few words 因子: the factor of that year ("2023年的因子", "2022年…排放因子"). */
const FACTOR_OF_YEAR = /((?:19|20)\d{2})\s*年[^，。,；;？?！!]{0,20}?因子/gu;

/**
 * The grid factor a message names by its year (the last one named, so "那按2023年的因子呢" after a 2022
 * one takes 2023), of the kind its words are closest to ("碳市场" → the carbon-market factor); the
 * national average where they name no kind. Undefined when no factor of that year is in the data.
 */
export function namedGridFactor(scan: Scan): GridFactor | undefined {
  const named = [...scan.text.matchAll(FACTOR_OF_YEAR)].at(-1);
  if (!named) return undefined;
  const ofYear = scan.data.gridFactors.filter((g) => g.year === Number(named[1]));
  // Its kind may come before the year too ("碳市场2022年的排放因子").
  const phrase = scan.text.slice(clauseStart(scan.text, named.index), named.index + named[0].length);
  const closeness = (g: GridFactor) =>
    pairSimilarity(phrase, g.name) + (g.purpose === "national_average" ? NATIONAL_FIRST : 0);
  return [...ofYear].sort((a, b) => closeness(b) - closeness(a))[0];
}

/**
 * "排放多少二氧化碳？按0.5703算": in a question about CO2, a bare figure the person says to go by (按, 取,
 * 用, 因子) and in the range of grid factors is one, in kgCO2/kWh (the same figure as tCO2/MWh).
 */
export function bareGridFactor(scan: Scan): Quantity | undefined {
  const co2 = scan.words.aims.co2?.some((w) => scan.text.includes(w)) ?? false;
  if (!co2) return undefined;
  return scan.quantities.find(
    (x) =>
      x.kind === "none" &&
      x.value >= GRID_FACTOR_RANGE[0] &&
      x.value <= GRID_FACTOR_RANGE[1] &&
      GO_BY.test(left(scan, x)),
  );
}

/** Grid factors, in kgCO2/kWh: from a mostly hydro or nuclear grid to one all coal. */
const GRID_FACTOR_RANGE = [0.1, 1.2] as const;
/** The words that give a figure to go by. */
const GO_BY = /(按|取|用|采用|按照|因子|系数)[^，。,；;]{0,6}$/u;
