import { pairSimilarity } from "../language/text.js";
import { messages } from "../messages.js";
import { questionKey } from "../pipeline/curated.js";
import type { ImprovementCandidate, ListedFormToolRun } from "../storage/types.js";

/**
 * 待改进: what went nowhere, brought together in five kinds. Each enquiry is read with what happened
 * next in its conversation (the storage gives both):
 * - unanswered: the plan did not cover it, another region's policy, or an error or an answer never finished;
 * - calculation: the assistant asked for figures and no calculation was completed later in the conversation;
 * - disliked: 👎 on an answer or on a 算一算 result;
 * - handoff: the person asked for a person (listed by the question before, which the assistant did not answer);
 * - refusal: a polite refusal that looks wrong — the question uses the plan's words (off-topic only:
 *   the other refusals use them by nature), or the person rated it 👎, asked for a person right after,
 *   or asked nearly the same again and was answered.
 * The same question (punctuation and filler aside) is one line per kind, with how often and when last.
 */
export const IMPROVEMENT_KINDS = ["unanswered", "calculation", "disliked", "handoff", "refusal"] as const;
export type ImprovementKind = (typeof IMPROVEMENT_KINDS)[number];

export interface ImprovementItem {
  kind: ImprovementKind;
  question: string;
  count: number;
  lastAt: string;
  conversationId: string;
  /** The enquiry's id, or the form calculation's (`run-…` anchor) for a rated 算一算 result. */
  anchor: string;
  /** The latest one's status; null for a form calculation. */
  status: string | null;
  /** The form calculation's tool, for a rated 算一算 result. */
  tool?: string;
  /** Why it is listed, or what surrounds it, in words. */
  reasons: string[];
  handoffReference: string | null;
  comment: string | null;
}

/** An answer still being written is not a failure: "pending" counts only once this old. */
export const PENDING_GRACE_MS = 10 * 60_000;
/** A question asked again this alike, and answered, suggests the first refusal was wrong. */
export const ASKED_AGAIN = 0.5;

const r = messages.admin.improve.reasons;

type Found = [kind: ImprovementKind, reasons: string[], question?: string];

function kindsOf(c: ImprovementCandidate, planWords: readonly string[], now: Date): Found[] {
  const kinds: Found[] = [];
  const pendingTooLong = c.status === "pending" && now.getTime() - Date.parse(c.createdAt) > PENDING_GRACE_MS;
  if (c.status.startsWith("unanswerable") || c.status.startsWith("error") || pendingTooLong)
    kinds.push(["unanswered", []]);
  if (c.status === "answered_needs_input" && !c.calculatedLater) kinds.push(["calculation", []]);
  if (c.rating === "down") kinds.push(["disliked", []]);
  // The question before "转人工" is the one the assistant did not answer well enough: it is the line.
  if (c.status === "answered_handoff")
    kinds.push(
      c.previousQuestion
        ? ["handoff", [messages.admin.improve.thenAsked(c.question)], c.previousQuestion]
        : ["handoff", []],
    );
  if (c.status.startsWith("guardrails")) {
    const why: string[] = [];
    if (c.status === "guardrails_off_topic") {
      const words = planWords.filter((w) => c.question.includes(w));
      if (words.length) why.push(r.planWords(words.slice(0, 3).join("、")));
    }
    if (c.rating === "down") why.push(r.disliked);
    if (c.nextStatus === "answered_handoff" || c.handoffReference) why.push(r.handoffAfter);
    if (
      c.nextQuestion &&
      (c.nextStatus === "answered" || c.nextStatus === "answered_reviewed") &&
      pairSimilarity(questionKey(c.nextQuestion), questionKey(c.question)) >= ASKED_AGAIN
    )
      why.push(r.askedAgain);
    if (why.length) kinds.push(["refusal", why]);
  }
  return kinds;
}

export function collectImprovements(
  candidates: ImprovementCandidate[],
  dislikedRuns: ListedFormToolRun[],
  planWords: readonly string[],
  now = new Date(),
): Record<ImprovementKind, ImprovementItem[]> {
  const lines = new Map<string, ImprovementItem>();
  const add = (key: string, item: ImprovementItem) => {
    const seen = lines.get(key);
    if (!seen) return lines.set(key, item);
    seen.count++;
    for (const reason of item.reasons) if (!seen.reasons.includes(reason)) seen.reasons.push(reason);
    seen.comment ??= item.comment;
    seen.handoffReference ??= item.handoffReference;
  };
  // Newest first, so that each line shows the latest one's conversation and status.
  const ordered = [...candidates].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const c of ordered) {
    for (const [kind, reasons, question = c.question] of kindsOf(c, planWords, now)) {
      add(`${kind}\u0000${questionKey(question) || question}`, {
        kind,
        question,
        count: 1,
        lastAt: c.createdAt,
        conversationId: c.conversationId,
        anchor: c.messageId,
        status: c.status,
        reasons,
        handoffReference: kind === "handoff" || kind === "refusal" ? c.handoffReference : null,
        comment: c.rating === "down" ? c.feedbackComment : null,
      });
    }
  }
  for (const run of dislikedRuns.filter((r) => r.rating === "down")) {
    lines.set(`run\u0000${run.id}`, {
      kind: "disliked",
      question: messages.admin.improve.formRun,
      count: 1,
      lastAt: run.createdAt,
      conversationId: run.conversationId,
      anchor: `run-${run.id}`,
      status: null,
      tool: run.name,
      reasons: [],
      handoffReference: null,
      comment: run.feedbackComment,
    });
  }
  const result = Object.fromEntries(IMPROVEMENT_KINDS.map((k) => [k, [] as ImprovementItem[]])) as Record<
    ImprovementKind,
    ImprovementItem[]
  >;
  for (const item of lines.values()) result[item.kind].push(item);
  for (const kind of IMPROVEMENT_KINDS)
    result[kind].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
  return result;
}
