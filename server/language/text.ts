import nzhcn from "nzh/cn";

/*
 * The Chinese text helpers the answer and the knowledge code share: character pairs (a wording-tolerant
 * fingerprint, since Chinese has no spaces to split words on) and small numerals.
 */

/** A text's adjacent character pairs, punctuation and spaces left out. */
export function characterPairs(text: string): string[] {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, "")];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** The distinct adjacent character pairs of a text as it is; a one-character text is its own pair. */
export function pairSet(text: string): Set<string> {
  const chars = [...text];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) pairs.add(chars[0]!);
  return pairs;
}

/** Dice coefficient over distinct character pairs, in [0, 1]. */
export function pairSimilarity(a: string, b: string): number {
  const x = pairSet(a);
  const y = pairSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** A small Chinese or Arabic numeral as written in numbering ("三", "十二", "12"); NaN when it is none. */
export function smallNumeral(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  return /^[一二三四五六七八九十百零〇两]+$/.test(text)
    ? Number(nzhcn.decodeS(text.replace(/两/g, "二")))
    : NaN;
}

/** A count as a Chinese text says it ("六", "十二"). */
export function chineseNumeral(count: number): string {
  return nzhcn.encodeS(count);
}

/** A clause quoted as a sentence: a trailing comma or semicolon of the original becomes a full stop. */
export function asSentence(text: string): string {
  return text.replace(/[；，]$/, "。");
}
