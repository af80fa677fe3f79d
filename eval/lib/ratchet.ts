import { createHash } from "node:crypto";
import fs from "node:fs";

export type Scores = Record<string, number>;
/** Scores where lower is better (e.g. counts of unsupported figures). */
const LOWER_IS_BETTER = /unsupported|invented|_max$/;

/**
 * What the repository has reached. Scores only compare on the same question sets (a share over
 * harder, added cases is not a regression), so they are kept with a digest of the sets; the cases
 * that passed are kept by id, and must keep passing whatever is added around them. Development sets
 * only: a blind set (eval/blind/) is printed, never held here, since a gate by id would name the
 * items that fail and invite tuning to them.
 */
export interface Ratchet {
  /** SHA-256 of the question sets the scores were measured on. */
  setsDigest: string;
  scores: Scores;
  /** Answer cases that passed, and those whose first paragraph held their facts. */
  passing: string[];
  leading: string[];
}

export interface RatchetRun {
  setsDigest: string;
  scores: Scores;
  passing: string[];
  leading: string[];
}

export interface RatchetFailure {
  metric: string;
  reached: number | string;
  now: number | string;
}

export function digestOf(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest("hex");
}

const EMPTY: Ratchet = { setsDigest: "", scores: {}, passing: [], leading: [] };

export function readRatchet(file: string): Ratchet {
  if (!fs.existsSync(file)) return EMPTY;
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Ratchet>;
  return { ...EMPTY, ...raw };
}

/** Every score at least what was reached on these sets; every case that passed still passing. */
export function compareWithRatchet(reached: Ratchet, now: RatchetRun): RatchetFailure[] {
  const failures: RatchetFailure[] = [];
  if (reached.setsDigest === now.setsDigest) {
    for (const [metric, value] of Object.entries(reached.scores)) {
      const current = now.scores[metric];
      const worse =
        current === undefined ||
        (LOWER_IS_BETTER.test(metric) ? current > value + 1e-9 : current < value - 1e-9);
      if (worse) failures.push({ metric, reached: value, now: current ?? NaN });
    }
  }
  for (const [kind, before, after] of [
    ["passing", reached.passing, now.passing],
    ["leading", reached.leading, now.leading],
  ] as const) {
    const stillThere = new Set(after);
    for (const id of before)
      if (!stillThere.has(id)) failures.push({ metric: `case ${id} (${kind})`, reached: "yes", now: "no" });
  }
  return failures;
}

/**
 * The ratchet after a run that passed it: on the same sets, scores only go up; on changed sets the
 * scores are measured afresh (the per-case gate already held every earlier pass).
 */
export function raiseRatchet(reached: Ratchet, now: RatchetRun): Ratchet {
  const sameSets = reached.setsDigest === now.setsDigest;
  const scores: Scores = sameSets ? { ...reached.scores } : {};
  for (const [metric, value] of Object.entries(now.scores)) {
    const previous = scores[metric];
    if (previous === undefined) scores[metric] = value;
    else
      scores[metric] = LOWER_IS_BETTER.test(metric) ? Math.min(previous, value) : Math.max(previous, value);
  }
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  return {
    setsDigest: now.setsDigest,
    scores,
    passing: union(reached.passing, now.passing),
    leading: union(reached.leading, now.leading),
  };
}
