import { decodeArabic, decodeChinese } from "../understand/quantities/numbers.js";
import { normalizeMessage } from "../understand/quantities/readQuantities.js";

/**
 * Figures as the grounding check compares them: every way of writing one number reads as the same
 * canonical string. "９８７６５４" (full-width), "九十八万七千", "98.7万", "1.2万" and "百分之十五" are
 * 987654, 987000, 987000, 12000 and 15; "二〇二五年十月三十一日" and "2025.10.31" are 2025, 10 and 31.
 * Chinese numerals are decoded by the calculators' reader (nzh underneath).
 *
 * An answer's figures are read strictly: a lone 一 or 两 before a noun ("一批", "两高"), a numeral
 * word ("进一步", "十分", "万一") is no figure. A source's figures are read generously (every numeral
 * run, every digit group), so that what an answer quotes from it is always found in it.
 */
export interface Figure {
  value: string;
  start: number;
  end: number;
}

/** Financial and variant numerals as the everyday ones nzh reads. */
const VARIANTS: Record<string, string> = {
  壹: "一", 贰: "二", 貳: "二", 叁: "三", 參: "三", 肆: "四", 伍: "五", 陆: "六", 陸: "六",
  柒: "七", 捌: "八", 玖: "九", 拾: "十", 佰: "百", 仟: "千", 萬: "万", 億: "亿", 兩: "两",
}; // prettier-ignore
const VARIANT = new RegExp(`[${Object.keys(VARIANTS).join("")}]`, "g");

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD]/g;

/**
 * Full-width to half-width (the Chinese comma kept: "100，200" is two figures), variant numerals
 * plain, invisible characters out ("98\u200b7654" is one figure).
 */
export function normalizeFigures(text: string): string {
  return normalizeMessage(text.replace(INVISIBLE, "")).replace(VARIANT, (ch) => VARIANTS[ch]!);
}

const CN = "零〇一二两三四五六七八九十百千万亿点";
const SPACE = "[ \\u00a0\\u2009\\u202f]";
const FIGURE = new RegExp(
  [
    String.raw`((?:19|20)\d{2})\.(\d{1,2})\.(\d{1,2})(?!\d)`, // a dotted date: 2025.10.31
    `(\\d+(?:${SPACE}\\d+)*(?:,\\d{3})*(?:\\.\\d+)?)${SPACE}?(万亿|亿|万)?`, // Arabic, "9 8 7 6 5 4" as one
    `(百分之)?([${CN}]+)`,
  ].join("|"),
  "gu",
);
const MULTIPLIER: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };
/** What makes a lone numeral a figure: a measure after it (a time, money, mass, energy, a share). */
const MEASURE =
  /^(?:个?月|年|日|号|天|周|小时|分钟|元|块钱|角|吨|千克|公斤|克|斤|千瓦|瓦|度|千焦|焦|%|个百分点|百分点|倍|成|亩|公里|米|平方|立方|摄氏|℃)/u;
/** Counted things: a figure after 三 … 九 or 十, not after 一 or 两 ("一批", "两个方面" are words). */
const COUNTED = /^(?:个|项|家|台|套|户|人|次|条|款|章|节|部分|批|种|类|期|号)/u;
const PLACE = /[十百千万亿]/u;

/** What a year and a day are: definitions the composer writes out ("全年十二个月"), not claims. */
const DEFINITION = /全年(?:十二|12)个月|全年(?:三百六十五|365)天|每天(?:二十四|24)小时/gu;

export const canonical = (n: number): string => String(Number(n.toPrecision(12)));

/** The figures of an answer (strict) or of a source (generous), in the normalised text's positions. */
export function readFigures(normalized: string, { generous = false } = {}): Figure[] {
  const figures: Figure[] = [];
  const add = (value: number | null, start: number, end: number) => {
    if (value !== null && Number.isFinite(value)) figures.push({ value: canonical(value), start, end });
  };
  const text = normalized.replace(DEFINITION, (m) => "|".repeat(m.length));
  for (const m of text.matchAll(FIGURE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      for (const part of [m[1], m[2]!, m[3]!]) add(Number(part), start, end);
    } else if (m[4] !== undefined) {
      const joined = decodeArabic(m[4].replace(new RegExp(SPACE, "gu"), ""));
      add(m[5] ? joined * MULTIPLIER[m[5]]! : joined, start, end);
      if (generous && new RegExp(SPACE, "u").test(m[4]))
        for (const group of m[4].split(new RegExp(SPACE, "u"))) add(decodeArabic(group), start, end);
    } else {
      readChinese(text, m, generous, add);
    }
  }
  return figures;
}

function readChinese(
  text: string,
  m: RegExpMatchArray,
  generous: boolean,
  add: (value: number | null, start: number, end: number) => void,
): void {
  const percent = m[6] !== undefined;
  // A run never starts or ends on 点 ("有一点", "点名"): only 一点五 has a decimal point.
  const run = m[7]!.replace(/^点+|点+$/g, "");
  if (!run) return;
  const start = m.index! + (percent ? 3 : 0) + m[7]!.indexOf(run);
  const end = start + run.length;
  const value = decodeChinese(run);
  if (generous || percent) return add(value, start, end);
  const after = text.slice(end, end + 4);
  // An ordinal of something numbered ("第三条", "第二十一批") is a figure; "第一，" enumerates.
  if (text[start - 1] === "第") return COUNTED.test(after) ? add(value, start, end) : undefined;
  if (run.length === 1) {
    const measured = MEASURE.test(after) || (!/[一两二]/u.test(run) && COUNTED.test(after));
    if (measured && !PLACE.test(run.replace("十", ""))) add(value, start, end);
    return;
  }
  // 万一, 千万, 百万 start on a place: words, not figures. Digits alone are a year or a code ("二〇二五").
  if (/^[百千万亿]/u.test(run)) return;
  if (PLACE.test(run) || /[〇零]/u.test(run) || run.length >= 3 || /^年/u.test(after)) add(value, start, end);
}

/** Every figure a source holds, for looking up an answer's figures in it. */
export function figureSet(text: string): Set<string> {
  return new Set(readFigures(normalizeFigures(text), { generous: true }).map((f) => f.value));
}
