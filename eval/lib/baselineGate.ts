import type { RankingSummary } from "./metrics.js";

/** The hybrid must not lose to plain BM25 on these, overall: else the dictionary, synonyms and vectors cost more than they give. */
export const GATED_METRICS = ["recallAt1", "recallAt5", "mrr"] as const;

export interface GateRow {
  metric: (typeof GATED_METRICS)[number];
  hybrid: number;
  baseline: number;
  met: boolean;
}

/** One row per gated metric; a tie meets the gate. */
export function compareWithBaseline(hybrid: RankingSummary, baseline: RankingSummary): GateRow[] {
  return GATED_METRICS.map((metric) => ({
    metric,
    hybrid: hybrid[metric],
    baseline: baseline[metric],
    met: hybrid[metric] >= baseline[metric] - 1e-9,
  }));
}
