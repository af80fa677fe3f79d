import type { AnswerCase } from "./answerEval.js";
import type { BlindItem } from "./blindGrade.js";

/**
 * A retired blind item as a development answer case. What the answer case cannot say is lost: the
 * lead and first-point groups become mustContain (anywhere in the answer; the lead is measured by
 * leadHasFacts), figures become exact strings without the 0.5 % tolerance, a calculation has no calc
 * figures yet. eval/check-answer-cases.mjs says what to mend.
 */
const CATEGORY: Record<BlindItem["kind"], string> = {
  fact: "plan_fact",
  advice: "enterprise_advice",
  calc: "calculation",
  followup: "follow_up",
  refuse: "out_of_scope",
  unknown: "not_in_plan",
  sector: "plan_fact",
};
const PERSONAS = new Set(["sme", "provider", "staff", "public"]);

export function toAnswerCase(item: BlindItem, id: string): AnswerCase {
  const entries = [
    ...(item.lead ?? []),
    ...(item.first ?? []),
    ...(item.numbers ?? []).map((n) => (Array.isArray(n) ? n : [n]).map(String)),
  ].map((group) => (group.length === 1 ? group[0]! : group));
  const unique = [...new Map(entries.map((e) => [JSON.stringify(e), e])).values()];
  const status =
    item.kind === "refuse"
      ? "guardrails_off_topic"
      : item.kind === "unknown"
        ? "unanswerable_no_content"
        : "answered";
  return {
    id,
    category: CATEGORY[item.kind],
    persona: item.persona && PERSONAS.has(item.persona) ? item.persona : "public",
    turns: item.turns.slice(0, -1),
    question: item.turns.at(-1)!,
    expect: {
      status,
      ...(unique.length && item.kind !== "refuse" ? { mustContain: unique } : {}),
      ...(item.not_lead?.length ? { mustNotContain: item.not_lead } : {}),
      ...(item.units?.length ? { cite: item.units } : {}),
    },
  };
}

/** The ids after the highest a-number in use: a421, a422, … */
export function nextIds(used: string[], count: number): string[] {
  const highest = Math.max(0, ...used.map((id) => Number(/^a(\d+)$/.exec(id)?.[1] ?? 0)));
  return Array.from({ length: count }, (_, i) => `a${String(highest + 1 + i).padStart(3, "0")}`);
}
