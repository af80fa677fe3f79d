import { decodeArabic, decodeChinese, decodeChineseRange } from "./numbers.js";
import type { QuantityWords, Subject, unitKinds } from "./vocabulary.js";

/**
 * The figures of a Chinese message, read by a small grammar over the vocabulary in
 * knowledge/data/quantity-words.json:
 *
 *   figure  = [approx] [sign] number [多|余] [magnitude] [多|余] [unit] [左右|上下]
 *   number  = arabic | chinese | "百分之" number | exponent (refused) | non-finite word (refused)
 *   range   = figure joiner figure            ("80到90万吨", "80万-90万吨"; "两三万吨" in one numeral)
 *
 * Each figure keeps its place in the text, the unit as written and its value in the base unit of its
 * kind, and gets a subject (产量, 能耗, 用电, 增加值 …) from the nearest subject word before it in its
 * clause, or the words right after it, or its unit. Figures that cannot be taken at face value
 * (negative, exponent notation, non-finite, beyond any plant) are returned as problems, not quantities.
 */

export type UnitKind = (typeof unitKinds)[number] | "year" | "none";

export interface Quantity {
  /** in the base unit of its kind (kg, kWh, m3, MJ, kgce, 元 …), 万/亿 applied; a range's midpoint */
  value: number;
  /** the number as written, before 万/亿 and the unit (the 15 of "15万吨") */
  amount: number;
  /** the unit as written, with 万/亿 ("万吨", "亿度"), for calculator input */
  unit: string;
  kind: UnitKind;
  start: number;
  end: number;
  text: string;
  /** what the figure is about, from the words around it or its unit */
  subject: Subject | null;
  /** 约, 大概, 左右, 多 */
  approximate: boolean;
  /** both ends, in the base unit, when a range was written */
  range: { low: number; high: number } | null;
  /** "一共1500千瓦": a total over several items */
  total: boolean;
  /** "每台15千瓦": per item */
  perItem: boolean;
  /** "省了30万度电": energy saved, not used */
  saved: boolean;
  /** for a conversion factor, what it is per ("每立方1.2143千克标煤", "kgce/kg"): its value is kgce per base unit of it */
  per: FactorPer | null;
}

/** What a conversion factor may be stated per. */
export type FactorPer = "mass" | "volume" | "electricity" | "heat";
const FACTOR_PER = new Set<string>(["mass", "volume", "electricity", "heat"]);

export type FigureProblemReason = "negative" | "exponent" | "non_finite" | "too_large";

/** A figure that cannot be used as written; the reply names it as the person wrote it. */
export interface FigureProblem {
  text: string;
  reason: FigureProblemReason;
  /** the kind its unit says ("1e9度" is electricity), so the request it belongs to is still known */
  kind: UnitKind;
  start: number;
  end: number;
}

export interface QuantityReading {
  /** the message after NFKC (full-width digits, letters and punctuation made half-width) */
  text: string;
  quantities: Quantity[];
  problems: FigureProblem[];
}

/**
 * Full-width letters, digits and punctuation to half-width; keeps Chinese text as it is, and keeps the
 * Chinese comma, so "100，200吨" stays two figures while "1,200吨" is one.
 */
export function normalizeMessage(message: string): string {
  return message.replace(/[^，]+/gu, (part) => part.normalize("NFKC"));
}

/** Beyond this, in any base unit, no figure of one plant is plausible and doubles lose digits. */
const LARGEST_PLAUSIBLE = 1e15;

/** Clause boundaries: a subject word never reaches across them. */
export const CLAUSE_DELIMITER = /[,，。;；!！?？\n、]/u;

interface UnitDef {
  word: string;
  kind: UnitKind;
  size: number;
  /** the unit passed on, when the words differ from a unit the calculators know */
  writtenAs?: string;
  /** of a conversion factor: the kind of the unit it is per ("千克标准煤/千克" is per mass) */
  per?: FactorPer;
}

interface Grammar {
  pattern: RegExp;
  units: Map<string, UnitDef>;
  magnitudes: Map<string, number>;
  rangeJoiner: RegExp;
  approximateBefore: RegExp;
  negativeBefore: RegExp;
  subjectWords: Array<{ word: string; subject: Subject }>;
  total: RegExp;
  perItem: RegExp;
  askedPerBefore: RegExp;
  askedPerAfter: RegExp;
  saved: RegExp;
  generated: RegExp;
  /** "每立方" or "每万方" right before a figure in standard coal, with what may stand between ("天然气折") */
  perPrefix: RegExp;
  perWords: Map<string, UnitDef>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const alternation = (list: string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
const normalizeWord = (word: string) => normalizeMessage(word).toLowerCase();

const grammars = new WeakMap<QuantityWords, Grammar>();

function grammarFor(words: QuantityWords): Grammar {
  let grammar = grammars.get(words);
  if (!grammar) {
    grammar = compile(words);
    grammars.set(words, grammar);
  }
  return grammar;
}

function compile(words: QuantityWords): Grammar {
  const units = new Map<string, UnitDef>();
  const unitPatterns: Array<{ word: string; pattern: string }> = [];
  for (const group of words.units) {
    // "吨CO2每兆瓦时" is "吨CO2/兆瓦时": 每 and / both say per, so each compound unit is read either way.
    // The calculators read the "/" form, so that is how a "每" one is passed on.
    const written = group.words.flatMap((w) =>
      w.includes("/") ? [{ raw: w }, { raw: w.replace("/", "每"), as: w }] : [{ raw: w }],
    );
    for (const { raw, as } of written) {
      const word = normalizeWord(raw);
      if (units.has(word)) continue;
      const writtenAs = group.writtenAs ?? as;
      units.set(word, { word, kind: group.kind, size: group.size, ...(writtenAs ? { writtenAs } : {}) });
      const notBefore = group.notBefore?.length ? `(?!${alternation(group.notBefore)})` : "";
      // A Latin unit must not run on into another word ("t" in "tons", "h" in "hours").
      const latinEnd = /[a-z0-9]$/i.test(word) ? "(?![a-z])" : "";
      unitPatterns.push({ word, pattern: `${escape(word)}${notBefore}${latinEnd}` });
    }
  }
  unitPatterns.sort((a, b) => b.word.length - a.word.length);
  const unitWords = [...units.keys()];
  // A factor's unit is per the unit after its "/" or "每": "千克标准煤/千克" per mass, "kgce/m3" per volume.
  for (const def of units.values()) {
    if (def.kind !== "factor" && def.kind !== "electricity_factor") continue;
    const per = units.get(def.word.split(/[/每]/).at(-1) ?? "")?.kind;
    if (!per || !FACTOR_PER.has(per))
      throw new Error(
        `Quantity vocabulary: factor unit ${def.word} is not per a unit of mass, volume, heat or electricity`,
      );
    def.per = per as FactorPer;
  }
  const perWords = new Map<string, UnitDef>();
  for (const raw of words.factorPer) {
    const def = units.get(normalizeWord(raw));
    if (!def || !FACTOR_PER.has(def.kind))
      throw new Error(
        `Quantity vocabulary: factorPer ${raw} is not a unit of mass, volume, heat or electricity`,
      );
    perWords.set(def.word, def);
  }
  // "3千瓦" is 3 kW, not 3000 of "瓦": a magnitude may not start a unit word.
  const guard = (magnitude: string) => {
    const rests = unitWords.filter((u) => u.startsWith(magnitude) && u !== magnitude).map((u) => u.slice(1));
    return rests.length ? `(?!${alternation(rests.map((r) => r.slice(0, 1)))})` : "";
  };
  const magnitudes = new Map(words.magnitudes.map((m) => [m.word, m.size]));
  const magnitudePattern = [...magnitudes.keys()]
    .sort((a, b) => b.length - a.length)
    .map((m) => `${escape(m)}${guard(m.slice(-1))}`)
    .join("|");
  const digit = "[零〇一二两三四五六七八九]";
  const chinese = `[零〇一二两三四五六七八九十](?:[零〇一二两三四五六七八九十百万亿]|千${guard("千")})*(?:点${digit}+[万亿]?)?`;
  const arabic = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
  const exponent = String.raw`\d+(?:\.\d+)?\s*(?:[eE][+-]?\d+|[×xX*]\s*10\s*\^\s*[+-]?\d+)`;
  const inside = alternation(words.approximate.inside);
  const pattern = new RegExp(
    String.raw`(?<![\d.])(?:(?<percentOf>百分之)\s*)?(?:(?<exponent>${exponent})|(?<nonFinite>${alternation(words.nonFinite)})|(?<arabic>${arabic})|(?<chinese>${chinese}))` +
      String.raw`(?<inside1>${inside})?\s*(?<magnitude>${magnitudePattern})?(?<inside2>${inside})?\s*(?<unit>${unitPatterns.map((u) => u.pattern).join("|")})?` +
      String.raw`(?<after>\s*(?:${alternation(words.approximate.after)}))?`,
    "giu",
  );
  return {
    pattern,
    units,
    magnitudes,
    rangeJoiner: new RegExp(String.raw`^\s*(?:${alternation(words.rangeJoiners)})\s*$`, "u"),
    approximateBefore: new RegExp(`(?:${alternation(words.approximate.before)})\\s*$`, "u"),
    negativeBefore: new RegExp(
      String.raw`(?:^|[^\d\s.a-z${"零〇一二两三四五六七八九十百千万亿"}])\s*(?:[-−－]|${alternation(words.negative)})\s*$`,
      "iu",
    ),
    subjectWords: words.subjects.flatMap((s) =>
      s.words.map((word) => ({ word: normalizeWord(word), subject: s.subject })),
    ),
    total: new RegExp(`(?:${alternation(words.total)})`, "u"),
    perItem: new RegExp(`(?:${alternation(words.perItem)})`, "u"),
    askedPerBefore: new RegExp(`(?:${alternation(words.askedPer.before)})\\s*$`, "u"),
    // "一度电多少钱": a carrier's name may stand between the unit and the question.
    askedPerAfter: new RegExp(
      String.raw`^[^\d，。,;；？?]{0,3}?(?:${alternation(words.askedPer.after)})`,
      "u",
    ),
    saved: new RegExp(`(?:${alternation(words.saved)})`, "u"),
    generated: new RegExp(`(?:${alternation(words.generated)})`, "u"),
    perPrefix: new RegExp(
      String.raw`每\s*(?<magnitude>${magnitudePattern})?\s*(?<per>${alternation([...perWords.keys()])})(?<between>[^\d${CLAUSE_DELIMITER.source.slice(1, -1)}]{0,8})$`,
      "iu",
    ),
    perWords,
  };
}

/** Subjects a figure of each kind may have ("电" before a price is not electricity used). */
const FITS: Partial<Record<Subject, UnitKind[]>> = {
  intensity: ["intensity", "tce", "kgce", "none"],
  unit_consumption: ["unit_consumption", "kgce", "tce", "none"],
  value_added: ["money", "none"],
  revenue: ["money", "none"],
  energy: ["tce", "kgce", "electricity", "volume", "heat", "mass", "none"],
  electricity: ["electricity", "none"],
  fuel: ["mass", "volume", "heat", "tce", "none"],
  output: ["mass", "none"],
  capacity: ["mass"],
  cost: ["money"],
  price: ["price", "money"],
  load: ["percent", "none"],
  efficiency: ["percent", "none"],
  hours: ["hours"],
  power: ["power"],
};

interface Raw extends Omit<Quantity, "subject" | "total" | "perItem" | "saved" | "per"> {
  /** the unit word as matched, without 万/亿 */
  unitWord: string;
  /** 万 or 亿 as kept in the unit, or "" */
  magnitude: string;
  /** the size of that magnitude (1, 10^4, 10^8) and of the unit in its base unit */
  scale: number;
  unitSize: number;
  problem?: FigureProblemReason;
}

/**
 * The readings of the last few messages, per vocabulary: one answer reads the same message in the guard,
 * in understanding and in each calculation reader, and the grammar is the costliest part of that.
 */
const recent = new WeakMap<QuantityWords, Map<string, QuantityReading>>();
const RECENT_READINGS = 16;

/** All figures in a message, in order, with what each is about; implausible ones as problems. */
export function readQuantities(message: string, words: QuantityWords): QuantityReading {
  let readings = recent.get(words);
  if (!readings) recent.set(words, (readings = new Map()));
  let reading = readings.get(message);
  if (!reading) {
    reading = read(message, words);
    if (readings.size >= RECENT_READINGS) readings.delete(readings.keys().next().value!);
    readings.set(message, reading);
  }
  // Each caller gets its own copy: a reading is never shared between callers that might change it.
  return {
    text: reading.text,
    quantities: reading.quantities.map((q) => ({ ...q, range: q.range && { ...q.range } })),
    problems: reading.problems.map((p) => ({ ...p })),
  };
}

function read(message: string, words: QuantityWords): QuantityReading {
  const text = normalizeMessage(message);
  const grammar = grammarFor(words);
  const raws = mergeRanges(text, scan(text, grammar), grammar)
    .filter((raw) => !isAskedPer(text, raw, grammar))
    .map((raw, i, all) => kilogramsOfStandardCoal(text, raw, all[i - 1], words));
  const problems: FigureProblem[] = [];
  const kept: Raw[] = [];
  for (const raw of raws) {
    if (raw.problem)
      problems.push({
        text: raw.text.trim(),
        reason: raw.problem,
        kind: raw.kind,
        start: raw.start,
        end: raw.end,
      });
    else kept.push(raw);
  }
  const quantities = kept.map((raw, i): Quantity => {
    const { magnitude: _m, scale: _s, unitSize: _u, problem: _p, unitWord: _w, ...q } = raw;
    const before = leftWindow(text, raw, kept[i - 1]);
    // "万元增加值能耗2020年是1.2": a year is when, not a figure of its own; the subject reaches past it.
    const spoken = leftWindow(
      text,
      raw,
      kept
        .slice(0, i)
        .filter((k) => k.kind !== "year")
        .at(-1),
    );
    const factor = PER_NUMERATORS.has(raw.kind) ? statedPer(text, raw, grammar) : null;
    return {
      ...q,
      ...(factor ?? {}),
      subject: factor ? null : subjectOf(text, raw, spoken, kept[i + 1], grammar, words),
      total: raw.kind !== "count" && grammar.total.test(before),
      perItem: grammar.perItem.test(before) || grammar.perItem.test(text.slice(raw.end, raw.end + 3)),
      saved: grammar.saved.test(before) || (raw.kind === "electricity" && grammar.generated.test(before)),
      per: factor ? factor.per : (grammar.units.get(normalizeWord(raw.unitWord))?.per ?? null),
    };
  });
  return { text, quantities, problems };
}

/** "价格多少一吨", "一度电多少钱": one unit that a price or rate is asked per is not a figure of the plant's. */
function isAskedPer(text: string, raw: Raw, grammar: Grammar): boolean {
  if (!/^\s*[一1](?![\d.０-９])/u.test(raw.text)) return false;
  return (
    grammar.askedPerBefore.test(text.slice(0, raw.start)) || grammar.askedPerAfter.test(text.slice(raw.end))
  );
}

/**
 * "吨钢电耗折标煤65千克", "熟料每吨耗标煤110公斤": kilograms with standard coal named before them in their clause
 * (nothing but words between) are kilograms of standard coal, as "65千克标煤" is; tonnes so named are
 * tonnes of it.
 */
function kilogramsOfStandardCoal(
  text: string,
  raw: Raw,
  previous: Raw | undefined,
  words: QuantityWords,
): Raw {
  if (raw.kind !== "mass") return raw;
  const kilograms = raw.unitSize === 1 && raw.scale === 1;
  // "用煤（折标）15.3万吨", "折标煤后总能耗5万吨": tonnes so qualified are tonnes of standard coal.
  const tonnes = raw.unitSize === 1000;
  if (!kilograms && !tonnes) return raw;
  const before = leftWindow(text, raw, previous);
  if (!words.standardCoalBefore.some((w) => before.includes(w))) return raw;
  // Tonnes only after 折标 itself: in "几公斤标煤一吨" the tonne is what the kilograms are per.
  if (tonnes && !before.includes(CONVERTED)) return raw;
  return { ...raw, kind: kilograms ? "kgce" : "tce", unit: `${kilograms ? raw.unitWord : raw.unit}标煤` };
}

/** "折标": what follows has been converted to standard coal. */
const CONVERTED = "折标";

/** Figures that, after "每<unit>", state something per that unit: standard coal (a factor) or heat (a heating value). */
const PER_NUMERATORS = new Set<UnitKind>(["kgce", "tce", "heat"]);

/**
 * "每立方1.2143千克标煤", "每万方天然气折12.143吨标煤": standard coal per a unit of a carrier is a conversion
 * factor, in kgce per base unit of what it is per; "每立方36兆焦" is a heating value, in MJ per kg or m3.
 * Null when no such "每…" stands before the figure. The amount is the value, in the unit given.
 */
function statedPer(
  text: string,
  raw: Raw,
  grammar: Grammar,
): Pick<Quantity, "kind" | "value" | "amount" | "unit" | "per"> | null {
  const match = grammar.perPrefix.exec(text.slice(Math.max(0, raw.start - 24), raw.start));
  if (!match) return null;
  const per = grammar.perWords.get(normalizeWord(match.groups!.per!))!;
  const magnitude = match.groups!.magnitude ? grammar.magnitudes.get(match.groups!.magnitude)! : 1;
  const value = Number((raw.value / (per.size * magnitude)).toPrecision(15));
  if (raw.kind === "heat") {
    // A heating value is per kg of a solid or liquid, per m3 of a gas.
    if (per.kind !== "mass" && per.kind !== "volume") return null;
    const unit = per.kind === "mass" ? "MJ/kg" : "MJ/m3";
    return { kind: "heating_value", value, amount: value, unit, per: null };
  }
  const base = { electricity: "kWh", volume: "m3", mass: "kg", heat: "MJ" }[per.kind as FactorPer];
  return {
    kind: per.kind === "electricity" ? "electricity_factor" : "factor",
    value,
    amount: value,
    unit: `kgce/${base}`,
    per: per.kind as FactorPer,
  };
}

function scan(text: string, grammar: Grammar): Raw[] {
  const found: Raw[] = [];
  for (const match of text.matchAll(grammar.pattern)) {
    const g = match.groups!;
    const start = match.index ?? 0;
    const whole = match[0].replace(/\s+$/, "");
    const end = start + whole.length;
    const base = {
      start,
      end,
      text: whole,
      approximate: false,
      range: null,
      magnitude: "",
      scale: 1,
      unitSize: 1,
      unitWord: g.unit ?? "",
    };
    const unitDef = g.unit ? grammar.units.get(normalizeWord(g.unit)) : undefined;
    const problem = (reason: FigureProblemReason): Raw => ({
      ...base,
      value: 0,
      amount: 0,
      unit: "",
      kind: unitDef?.kind ?? "none",
      problem: reason,
    });
    if (g.exponent) {
      found.push(problem("exponent"));
      continue;
    }
    if (g.nonFinite) {
      if (g.unit || g.magnitude) found.push(problem("non_finite"));
      continue;
    }
    let number: number | null;
    let magnitude = g.magnitude ?? "";
    let range: { low: number; high: number } | null = null;
    if (g.arabic) {
      number = decodeArabic(g.arabic);
    } else {
      // "一千二百万": the trailing 万 is the magnitude of 1200, as "1200万" would be.
      let head = g.chinese!;
      const tail = /[万亿]$/.exec(head)?.[0];
      if (
        tail &&
        !magnitude &&
        head.length > 1 &&
        !head.slice(0, -1).includes(tail) &&
        !head.slice(0, -1).includes("亿")
      ) {
        head = head.slice(0, -1);
        magnitude = tail;
      }
      range = decodeChineseRange(head);
      number = range ? (range.low + range.high) / 2 : decodeChinese(head);
      const isYear = number !== null && /^\s*年/.test(text.slice(end)) && number >= 1990 && number <= 2100;
      // A Chinese numeral is a figure only with a unit, 万/亿 or 百分之 ("一年", "十分", "二氧化碳" are words).
      if (!g.unit && !magnitude && !g.percentOf && !isYear) continue;
    }
    if (number === null) continue;
    // 百万, 千万 and 十万 are written as 万, the unit the calculators know: 1.2百万吨 = 120万吨; 3千 = 3000.
    const size = magnitude ? grammar.magnitudes.get(magnitude)! : 1;
    const keep = magnitude === "万" || magnitude === "亿" ? magnitude : size > 1e4 ? "万" : "";
    const factor = keep === "万" ? size / 1e4 : keep === "亿" ? 1 : size;
    const amount = Number((number * factor).toPrecision(15));
    const scale = keep === "亿" ? 1e8 : keep === "万" ? 1e4 : 1;
    const kind: UnitKind = g.percentOf
      ? "percent"
      : (unitDef?.kind ??
        (!g.arabic || Number.isInteger(number) ? yearOrNone(text, end, number, magnitude) : "none"));
    const unitSize = g.percentOf ? 1 : (unitDef?.size ?? 1);
    const value = amount * scale * unitSize;
    const q: Raw = {
      ...base,
      value,
      amount,
      unit: `${keep}${unitDef?.writtenAs ?? g.unit ?? ""}`,
      kind,
      approximate: Boolean(g.inside1 || g.inside2 || g.after || range),
      range: range
        ? { low: range.low * factor * scale * unitSize, high: range.high * factor * scale * unitSize }
        : null,
      magnitude: keep,
      scale,
      unitSize,
    };
    if (!Number.isFinite(value)) q.problem = "non_finite";
    else if (Math.abs(value) > LARGEST_PLAUSIBLE) q.problem = "too_large";
    else if (kind !== "year" && grammar.negativeBefore.test(text.slice(Math.max(0, start - 8), start))) {
      q.problem = "negative";
      const sign = /[-−－负]\s*$/u.exec(text.slice(0, start))!;
      q.start = sign.index;
      q.text = text.slice(q.start, end);
    }
    if (!q.problem && grammar.approximateBefore.test(text.slice(Math.max(0, start - 4), start)))
      q.approximate = true;
    found.push(q);
  }
  return found;
}

function yearOrNone(text: string, end: number, n: number, magnitude: string): UnitKind {
  return !magnitude && n >= 1990 && n <= 2100 && /^\s*年/.test(text.slice(end)) ? "year" : "none";
}

/**
 * "80到90万吨", "80万-90万吨": the first figure takes the second's unit (and magnitude, if it has none)
 * and the two become one figure at the midpoint, with both ends kept. "2020-2025年" stays two years.
 */
function mergeRanges(text: string, raws: Raw[], grammar: Grammar): Raw[] {
  const out: Raw[] = [];
  for (let i = 0; i < raws.length; i++) {
    const a = raws[i]!;
    const b = raws[i + 1];
    const joined =
      b &&
      !a.problem &&
      !b.problem &&
      a.kind === "none" &&
      b.kind !== "year" &&
      (b.kind !== "none" || b.scale > 1) &&
      grammar.rangeJoiner.test(text.slice(a.end, b.start));
    const low = joined ? a.amount * (a.magnitude ? a.scale : b.scale) * b.unitSize : 0;
    if (!joined || !(low < b.value)) {
      out.push(a);
      continue;
    }
    const middle = (low + b.value) / 2;
    out.push({
      ...b,
      start: a.start,
      text: text.slice(a.start, b.end),
      amount: Number((middle / (b.scale * b.unitSize)).toPrecision(15)),
      value: middle,
      approximate: true,
      range: { low, high: b.value },
    });
    i++;
  }
  return out;
}

/** The words before a figure, back to the previous figure or the start of its clause. */
function leftWindow(text: string, q: { start: number }, previous: { end: number } | undefined): string {
  let from = q.start;
  while (from > 0 && !CLAUSE_DELIMITER.test(text[from - 1]!)) from--;
  return text.slice(Math.max(from, previous?.end ?? 0), q.start);
}

function subjectOf(
  text: string,
  q: Raw,
  before: string,
  next: Raw | undefined,
  grammar: Grammar,
  words: QuantityWords,
): Subject | null {
  if (q.kind === "year") return "year";
  const fits = (subject: Subject) => FITS[subject]?.includes(q.kind) ?? false;
  // The nearest subject word before the figure, longer words first where two end together.
  const lowered = before.toLowerCase();
  let nearest: { subject: Subject; end: number; length: number } | null = null;
  for (const w of grammar.subjectWords) {
    const at = lowered.lastIndexOf(w.word);
    if (at < 0 || !fits(w.subject)) continue;
    const end = at + w.word.length;
    // The first of equals wins, as a stable sort would keep it first.
    if (!nearest || end > nearest.end || (end === nearest.end && w.word.length > nearest.length))
      nearest = { subject: w.subject, end, length: w.word.length };
  }
  if (nearest) return nearest.subject;
  // "8万吨原煤", "50万方天然气": the words right after, up to the next figure or clause end.
  let to = q.end;
  while (
    to < text.length &&
    to < q.end + 6 &&
    to < (next?.start ?? text.length) &&
    !CLAUSE_DELIMITER.test(text[to]!)
  )
    to++;
  const after = text.slice(q.end, to).toLowerCase();
  const following = grammar.subjectWords
    .filter((w) => after.startsWith(w.word) && fits(w.subject))
    .sort((a, b) => b.word.length - a.word.length)[0];
  if (following) return following.subject;
  return words.kindSubjects[q.kind] ?? null;
}
