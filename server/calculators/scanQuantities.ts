/**
 * Finds the figures in a Chinese message: numbers in Arabic or Chinese numerals, with 万/亿 and a unit
 * ("120万吨", "1.2亿度", "十五万吨", "110千克标准煤/吨", "0.65元/度"). Each figure keeps its place in the text
 * so the parser can read what the words around it say it is.
 */
export type UnitKind =
  | "unit_consumption" // kgce per tonne
  | "kgce"
  | "tce"
  | "intensity" // tce per 万元
  | "electricity" // kWh
  | "power" // kW
  | "volume" // m3
  | "heat" // MJ
  | "mass" // kg
  | "price" // 元/kWh
  | "money" // 元
  | "hours"
  | "days"
  | "percent"
  | "count" // 台
  | "heating_value" // a fuel's heating value, per kg or m3 ("24MJ/kg", "6000大卡/千克", "5500大卡")
  | "none";

export interface Quantity {
  /** in the base unit of its kind (kg, kWh, m3, MJ, kgce, 元 …), 万/亿 applied */
  value: number;
  /** the number as written, before 万/亿 and the unit (the 15 of "15万吨") */
  amount: number;
  /** the unit as written, with 万/亿 ("万吨", "亿度"), for calculator input */
  unit: string;
  kind: UnitKind;
  start: number;
  end: number;
  text: string;
}

interface UnitDef {
  pattern: string;
  kind: UnitKind;
  size: number;
}

const u = (kind: UnitKind, size: number, ...patterns: string[]): UnitDef[] =>
  patterns.map((pattern) => ({ pattern, kind, size }));

const perTonne = ["/吨", "/t", "每吨"];
const kgceWords = ["千克标准煤", "公斤标准煤", "千克标煤", "公斤标煤", "kg标准煤", "kg标煤", "kgce"];
const tceWords = ["吨标准煤", "吨标煤", "t标准煤", "t标煤", "tce"];

/** Heating values as people write them; the unit is passed on as written (units.ts reads it). */
const heatingValueUnits = [
  ...["mj", "兆焦", "kj", "千焦", "kcal", "大卡", "千卡"].flatMap((e) =>
    ["/kg", "/千克", "/公斤", "/m3", "/m³", "/nm3", "/立方米", "/标方", "/方"].map((per) => e + per),
  ),
  "gj/t",
  "吉焦/吨",
  "大卡",
  "千卡",
];

const units: UnitDef[] = [
  ...u("heating_value", 1, ...heatingValueUnits),
  ...u("intensity", 1, ...tceWords.flatMap((w) => [`${w}/万元`, `${w}每万元`])),
  ...u("unit_consumption", 1, ...kgceWords.flatMap((w) => perTonne.map((p) => w + p))),
  ...u("unit_consumption", 1000, ...tceWords.flatMap((w) => perTonne.map((p) => w + p))),
  ...u("kgce", 1, ...kgceWords),
  ...u("tce", 1000, ...tceWords),
  ...u("price", 1, "元/千瓦时", "元/度", "元/kwh", "元每度", "元一度"),
  ...u("electricity", 1, "千瓦时", "千瓦小时", "kwh", "kw·h", "度"),
  ...u("electricity", 1000, "兆瓦时", "mwh"),
  ...u("power", 1, "千瓦", "kw"),
  ...u("volume", 1, "标准立方米", "立方米", "nm3", "m3", "m³", "标方", "方"),
  ...u("heat", 1000, "吉焦", "gj"),
  ...u("heat", 1, "兆焦", "mj"),
  ...u("mass", 1000, "吨", "t"),
  ...u("mass", 1, "千克", "公斤", "kg"),
  ...u("money", 1, "元"),
  ...u("hours", 1, "小时", "个小时", "h"),
  ...u("days", 1, "天"),
  ...u("percent", 1, "%", "％"),
  ...u("count", 1, "台", "套"),
].sort((a, b) => b.pattern.length - a.pattern.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const cnDigits = "零〇一二两三四五六七八九";
const number = `(\\d+(?:,\\d{3})*(?:\\.\\d+)?|[${cnDigits}十百千]+(?:点[${cnDigits}]+)?)`;
// 百万 and 千万 before 万: "1.2百万吨" is 120万吨, not 1.2 and 百万吨.
const magnitude = "(百万|千万|万|亿)?";
const unitAlternation = units.map((x) => escape(x.pattern)).join("|");
// A Latin unit must not run on into another word ("t" in "tons" is not a tonne, "kw" in "kwh" is energy).
const pattern = new RegExp(`${number}\\s*${magnitude}\\s*(${unitAlternation})?(?![a-z])`, "giu");

const digitValue: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const placeValue: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "一百二十" → 120, "十五" → 15, "一点五" → 1.5; null when it is not a Chinese numeral. */
export function chineseNumeral(text: string): number | null {
  const [intPart, decPart] = text.split("点");
  let total = 0;
  let current = 0;
  for (const ch of intPart ?? "") {
    if (ch in digitValue) current = digitValue[ch]!;
    else if (ch in placeValue) {
      total += (current || 1) * placeValue[ch]!;
      current = 0;
    } else return null;
  }
  let value = total + current;
  if (decPart) {
    let scale = 0.1;
    for (const ch of decPart) {
      if (!(ch in digitValue)) return null;
      value += digitValue[ch]! * scale;
      scale /= 10;
    }
  }
  return value;
}

function parseNumber(text: string): number | null {
  if (/^\d/.test(text)) return Number(text.replace(/,/g, ""));
  return chineseNumeral(text);
}

/** Full-width letters, digits and punctuation to half-width; keeps Chinese text as it is. */
export function normalizeMessage(message: string): string {
  return message.normalize("NFKC");
}

/** All figures in a normalised message, in order. Chinese numerals count only with a unit or 万/亿/百万/千万. */
export function scanQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(pattern)) {
    const [whole, num, mag, unitText] = match;
    const isChinese = !/^\d/.test(num!);
    if (isChinese && !unitText && !mag) continue;
    const n = parseNumber(num!);
    if (n === null || !Number.isFinite(n)) continue;
    const def = unitText ? units.find((x) => x.pattern.toLowerCase() === unitText.toLowerCase()) : undefined;
    // 百万 and 千万 are written as 万, the unit the calculators know: 1.2百万吨 = 120万吨.
    const [written, wan] = mag === "百万" ? [n * 100, "万"] : mag === "千万" ? [n * 1000, "万"] : [n, mag];
    const shown = Number(written.toPrecision(15));
    const amount = shown * (wan === "亿" ? 1e8 : wan === "万" ? 1e4 : 1);
    const start = match.index ?? 0;
    found.push({
      value: amount * (def?.size ?? 1),
      amount: shown,
      unit: `${wan ?? ""}${unitText ?? ""}`,
      kind: def?.kind ?? "none",
      start,
      end: start + whole.length,
      text: whole,
    });
  }
  return found;
}
