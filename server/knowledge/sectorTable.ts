import type { SectorBenchmark, SectorMeasure, SectorRow, SectorTarget } from "./types.js";

export interface SectorTable {
  rows: SectorRow[];
  benchmarkText: string;
  benchmarks: SectorBenchmark[];
  targetText: string;
  targets: SectorTarget[];
}

/** A sector table is a Markdown table whose first header cell is 路径. */
export function isSectorTable(block: string): boolean {
  return /^\|\s*路径\s*\|/.test(block.trim());
}

export function parseSectorTable(block: string): SectorTable {
  const [header, _separator, ...body] = block
    .trim()
    .split("\n")
    .map((line) => line.replace(/^\|/, "").replace(/\|\s*$/, "").split("|").map((cell) => cell.trim()));
  const column = (pattern: RegExp) => header!.findIndex((cell) => pattern.test(cell));
  const measuresAt = column(/具体措施/);
  const benchmarkAt = column(/标杆/);
  const targetAt = column(/目标/);
  const cell = (row: string[], index: number) => (index >= 0 ? (row[index] ?? "") : "");

  const rows = body.map((row) => ({ path: row[0] ?? "", measures: parseMeasures(cell(row, measuresAt)) }));
  const benchmarkText = body.map((row) => cell(row, benchmarkAt)).filter(Boolean).join("");
  const targetText = body.map((row) => cell(row, targetAt)).filter(Boolean).join("");
  return {
    rows,
    benchmarkText,
    benchmarks: parseBenchmarks(benchmarkText),
    targetText,
    targets: parseSectorTargets(targetText),
  };
}

const YEAR_START = /^(?:到|至)?(20\d{2})年/;

/**
 * "2025年，…；2030年，原燃材料替代水平显著提高；在水泥等行业…。" → one record per year. A clause after "；"
 * that names no year of its own still falls under the year before it, so the text is cut only where a
 * new year starts.
 */
export function parseSectorTargets(text: string): SectorTarget[] {
  return text
    .split(/(?<=；)(?=\s*(?:到|至)?20\d{2}年)/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const year = YEAR_START.exec(t);
      return { year: year ? Number(year[1]) : null, text: t };
    });
}

/** "1、严格落实产能置换要求；2、有序引导…；" → numbered measures. */
export function parseMeasures(text: string): SectorMeasure[] {
  return text
    .split(/(?=(?:^|[；。])?\s*\d+、)/)
    .map((piece) => /^\s*(\d+)、([\s\S]*)$/.exec(piece.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ number: Number(match[1]), text: match[2]!.trim().replace(/[；。]$/, "") }));
}

const BENCHMARK_VALUE = /(\d+(?:\.\d+)?)\s*(千克标准煤\/吨|kgce\/t)/g;

/**
 * "煤制烯烃：2800千克标准煤/吨 合成氨：优质无烟块煤为原料1100千克标准煤/吨。 纯碱：联碱法（轻质）纯碱160…；
 * 联碱法（重质）纯碱210…。" → one record per value, with the product and the condition before the value.
 */
export function parseBenchmarks(text: string): SectorBenchmark[] {
  const benchmarks: SectorBenchmark[] = [];
  // A product starts the text, follows a separator, or follows the previous value's unit directly: the
  // extraction's space in "…千克标准煤/吨 合成氨：" is gone from the clean copy.
  const starts = [...text.matchAll(/(?:^|[\s。；]|千克标准煤\/吨|kgce\/t)([\u4e00-\u9fff]{2,8})：/g)].map(
    (m) => (m.index ?? 0) + m[0].length - m[1]!.length - 1,
  );
  const products = starts.map((start, i) => text.slice(start, starts[i + 1]));
  for (const piece of products) {
    const [, product, rest] = /^([\u4e00-\u9fff]{2,8})：([\s\S]*)$/.exec(piece.trim()) ?? [];
    if (!product || rest === undefined) continue;
    let conditionStart = 0;
    for (const match of rest.matchAll(BENCHMARK_VALUE)) {
      const condition = rest
        .slice(conditionStart, match.index)
        .replace(/^[；。\s]+/, "")
        .replace(/^（(.*)）$/, "$1")
        .replace(new RegExp(`${product}$`), "")
        .trim();
      benchmarks.push({
        product,
        ...(condition ? { condition } : {}),
        value: Number(match[1]),
        unit: "千克标准煤/吨",
        text: `${product}：${rest.slice(conditionStart, (match.index ?? 0) + match[0].length).replace(/^[；。\s]+/, "")}`,
      });
      conditionStart = (match.index ?? 0) + match[0].length;
    }
  }
  return benchmarks;
}
