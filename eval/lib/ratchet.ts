import fs from "node:fs";

export type Scores = Record<string, number>;
/** Scores where lower is better (e.g. counts of unsupported figures). */
const LOWER_IS_BETTER = /unsupported|invented|_max$/;

export interface RatchetFailure {
  metric: string;
  reached: number;
  now: number;
}

export function readRatchet(file: string): Scores {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Scores) : {};
}

/** Every score must be at least what was reached before (at most, for lower-is-better scores). */
export function compareWithRatchet(reached: Scores, now: Scores): RatchetFailure[] {
  return Object.entries(reached)
    .filter(([metric, value]) => {
      const current = now[metric];
      if (current === undefined) return true;
      return LOWER_IS_BETTER.test(metric) ? current > value + 1e-9 : current < value - 1e-9;
    })
    .map(([metric, value]) => ({ metric, reached: value, now: now[metric] ?? NaN }));
}

export function raiseRatchet(reached: Scores, now: Scores): Scores {
  const next: Scores = { ...reached };
  for (const [metric, value] of Object.entries(now)) {
    const previous = reached[metric];
    if (previous === undefined) next[metric] = value;
    else next[metric] = LOWER_IS_BETTER.test(metric) ? Math.min(previous, value) : Math.max(previous, value);
  }
  return next;
}
