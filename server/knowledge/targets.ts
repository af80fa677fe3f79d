import type { QuantTarget } from "./types.js";

// A base year ("较2020年") is not a target year.
const YEAR = /(?<![较比])(?:到|至)?(20\d{2})年/;
const VALUE = /(\d+(?:\.\d+)?)\s*(%|户|家|个|千克标准煤\/吨|万吨标准煤|吨标准煤)(以上|左右|以下)?/g;
const LEADING_YEAR = /^(?:争取|力争)?(?:到|至)?20\d{2}年(?:前|底)?/;
const RELATION = /(较20\d{2}年下降|下降|降至|达到|培育|提高到|提升至|控制在)/;

/**
 * Finds the plan's quantitative targets: a year, then in the same sentence one or more
 * "indicator relation value unit" clauses. Years inside a comparison ("较2020年") are not targets.
 */
export function extractTargets(text: string): QuantTarget[] {
  const targets: QuantTarget[] = [];
  let carriedYear: number | null = null;
  for (const sentence of text.split(/(?<=[。；])/)) {
    const yearMatch = YEAR.exec(sentence);
    const year: number | null = yearMatch ? Number(yearMatch[1]) : carriedYear;
    // "到2025年，…；…较2020年下降18%。": the year still governs the clauses after "；", up to the full stop.
    carriedYear = sentence.endsWith("；") ? year : null;
    if (year === null) continue;
    for (const clause of sentence.split(/[，,]/)) {
      for (const match of clause.matchAll(VALUE)) {
        const before = clause.slice(0, match.index).replace(LEADING_YEAR, "").trim();
        const relationMatch = RELATION.exec(before);
        const indicator = (relationMatch ? before.replace(relationMatch[1]!, "") : before).replace(/[“”"]/g, "").trim();
        targets.push({
          year,
          indicator,
          value: Number(match[1]),
          unit: match[2]!,
          relation: [relationMatch?.[1], match[3]].filter(Boolean).join("…"),
          sentence: sentence.trim(),
        });
      }
    }
  }
  return targets;
}
