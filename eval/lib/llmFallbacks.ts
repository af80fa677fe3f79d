import type { AnswerContext } from "../../server/pipeline/context.js";

/** What the pipeline noted about the LLM on one answer (llm_timeout:…, llm_answer_rejected:…). */
export const llmNotes = (ctx: Pick<AnswerContext, "notes">): string[] =>
  ctx.notes.filter((note) => note.startsWith("llm_"));

export interface GradedAnswer {
  status: string | null;
  mode: AnswerContext["mode"];
  llmNotes: string[];
}

/** How the answers of an --llm run were written: by the LLM, offline by design, or offline after an LLM failure. */
export interface FallbackTally {
  answers: number;
  byLlm: number;
  /** Refusals, requests for figures, questions the plan does not cover: the LLM is not asked. */
  offlineByDesign: number;
  /** Fallbacks by status (error_llm_timeout, error_llm_unavailable, error_llm_unsupported_claim). */
  byStatus: Record<string, number>;
  /** Fallbacks by the reason noted, e.g. "llm_answer_rejected (no_citation)". */
  byReason: Record<string, number>;
}

export function tallyFallbacks(answers: GradedAnswer[]): FallbackTally {
  const tally: FallbackTally = {
    answers: answers.length,
    byLlm: 0,
    offlineByDesign: 0,
    byStatus: {},
    byReason: {},
  };
  const add = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  for (const answer of answers) {
    if (answer.status?.startsWith("error_llm")) {
      add(tally.byStatus, answer.status);
      for (const note of answer.llmNotes) add(tally.byReason, reasonOf(note));
    } else if (answer.mode === "llm") tally.byLlm++;
    else tally.offlineByDesign++;
  }
  return tally;
}

/**
 * The kind of failure, without the answer's own words: an unsupported claim names the problem kinds
 * only (its details are figures from the answer, and blind answers are never printed); an endpoint
 * failure keeps its message, which is about the endpoint.
 */
export function reasonOf(note: string): string {
  const [kind = note, ...rest] = note.split(":");
  const detail = rest.join(":");
  if (kind === "llm_unsupported_claim" || kind === "llm_answer_rejected") {
    const kinds = [...new Set([...detail.matchAll(/(?:^|,)([a-z_]+)(?=:|,|$)/g)].map((m) => m[1]))];
    return `${kind} (${kinds.join(", ") || "?"})`;
  }
  return detail ? `${kind} (${detail.slice(0, 60)})` : kind;
}

export function describeFallbacks(tally: FallbackTally): string[] {
  const fellBack = Object.values(tally.byStatus).reduce((sum, n) => sum + n, 0);
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ${n}`)
      .join(", ") || "none";
  return [
    `LLM: ${tally.answers} answers: written by the LLM ${tally.byLlm}, offline by design ${tally.offlineByDesign}, fell back to offline ${fellBack}`,
    `  fallbacks by status: ${list(tally.byStatus)}`,
    `  fallbacks by reason: ${list(tally.byReason)}`,
  ];
}
