/** Ranking metrics over a set of cases, each with the 1-based rank of its first correct result (or null). */
export interface RankedCase {
  id: string;
  groups: Record<string, string>;
  firstHitRank: number | null;
}

export interface RankingSummary {
  cases: number;
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrr: number;
}

export function summarise(cases: RankedCase[]): RankingSummary {
  const n = Math.max(1, cases.length);
  const within = (k: number) =>
    cases.filter((c) => c.firstHitRank !== null && c.firstHitRank <= k).length / n;
  return {
    cases: cases.length,
    recallAt1: round(within(1)),
    recallAt3: round(within(3)),
    recallAt5: round(within(5)),
    mrr: round(cases.reduce((sum, c) => sum + (c.firstHitRank ? 1 / c.firstHitRank : 0), 0) / n),
  };
}

export function summariseBy(cases: RankedCase[], group: string): Record<string, RankingSummary> {
  const keys = [...new Set(cases.map((c) => c.groups[group] ?? "?"))].sort();
  return Object.fromEntries(
    keys.map((key) => [key, summarise(cases.filter((c) => (c.groups[group] ?? "?") === key))]),
  );
}

export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
