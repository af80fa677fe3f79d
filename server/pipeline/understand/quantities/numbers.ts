import nzhcn from "nzh/cn";

/**
 * Numerals as people write them: Arabic (full-width ones are half-width after NFKC), Chinese
 * ("一千二百万", "两万", "一点五", "二〇二三"), colloquial ("一万二" is 12000, "三千五" is 3500) and the
 * run-together ranges "两三万", "七八十". Chinese numerals are decoded by nzh; this file only puts the
 * text into the form nzh reads.
 */

export const CHINESE_DIGITS = "零〇一二两三四五六七八九";
const PLACES = /[十百千万亿]/;
const DIGIT_VALUE = new Map(
  Object.entries({ 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }),
);

/** The next lower place, for "一万二" (12000) and "三千五" (3500). */
const IMPLIED_PLACE: Record<string, string> = { 亿: "千万", 万: "千", 千: "百", 百: "十" };

/** "一千二百" → 1200, "两万" → 20000, "一万二" → 12000, "零点九五" → 0.95, "二〇二三" → 2023; null when not a numeral. */
export function decodeChinese(text: string): number | null {
  if (!text || ![...text].every((ch) => DIGIT_VALUE.has(ch) || PLACES.test(ch) || ch === "点")) return null;
  const [whole = "", fraction] = text.split("点");
  if (text.split("点").length > 2) return null;
  // Read digit by digit when no place is written: "二〇二三" is a year, not 223.
  if (whole.length > 1 && !PLACES.test(whole)) {
    const digits = [...whole].map((ch) => DIGIT_VALUE.get(ch)).join("");
    return fraction === undefined ? Number(digits) : Number(`${digits}.${digitString(fraction)}`);
  }
  let normalized = whole.replace(/两/g, "二").replace(/〇/g, "零");
  const colloquial = /([亿万千百])([一二三四五六七八九])$/.exec(normalized);
  if (colloquial && fraction === undefined) normalized += IMPLIED_PLACE[colloquial[1]!];
  if (normalized === "") normalized = "零";
  const value = Number(nzhcn.decodeS(fraction === undefined ? normalized : `${normalized}点${fraction}`));
  return Number.isFinite(value) ? value : null;
}

function digitString(text: string): string {
  return [...text].map((ch) => DIGIT_VALUE.get(ch) ?? "").join("");
}

/** "两三" → [2, 3], "七八十" → [70, 80]: two neighbouring digits said together are a range. */
export function decodeChineseRange(text: string): { low: number; high: number } | null {
  const m = /^([一二两三四五六七八九])([二三四五六七八九])(十|百|千)?$/.exec(text);
  if (!m) return null;
  const low = DIGIT_VALUE.get(m[1]!)!;
  const high = DIGIT_VALUE.get(m[2]!)!;
  if (high !== low + 1) return null;
  const place = m[3] ? { 十: 10, 百: 100, 千: 1000 }[m[3]]! : 1;
  return { low: low * place, high: high * place };
}

/** "1,200.5" → 1200.5. */
export function decodeArabic(text: string): number {
  return Number(text.replace(/,/g, ""));
}
