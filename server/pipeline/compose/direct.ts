import { assignsTask, strengthOf, type ObligationWords } from "../../language/obligation.js";
import { messages } from "../../messages.js";
import type { Asks } from "../understand/asks.js";
import { overlap, type QuestionTerms } from "./sentences.js";

const t = messages.answer.direct;

/**
 * The words that open a direct answer: yes or no where the question is polar, read from how strongly
 * the clause's own wording binds (禁止/严格落实 order, 鼓励/支持 encourage), and otherwise the clause
 * named, so the person reads the answer before the quote.
 */
export function directOpening(
  asks: Asks,
  sentence: string,
  terms: QuestionTerms,
  words: ObligationWords,
  /** Where the clause is: the document's short name ("方案") and the clause's title. */
  place: { document: string; title: string },
  question = "",
  /** The share of the question's subject words the sentence holds (1 when not known). */
  holds = 1,
  /** Alternatives the plan keeps apart (总量 or 强度): knowledge/language/question-forms.json. */
  contrasts: Contrast[] = [],
): string {
  const yesNo = asks.yesNo;
  // "A还是B" is answered only by a sentence that names what was asked.
  if (!yesNo && asks.alternative && holds < CONFIRMS) return t.notStated;
  if (!yesNo) return t.says(place.document, place.title);
  const strength = strengthOf(nearestClause(sentence, terms), words);
  // Without words that order or forbid, the plan does not oblige: promotion and services are not duties.
  // "2025年下降20%对吧": a figure the question states is confirmed or corrected by the clause's own.
  const premise = premiseCheck(question, sentence, contrasts);
  if (premise === "contradicted") return t.corrected;
  if (yesNo.obligation) {
    if (strength === "mandatory" || assignsTask(sentence, words))
      return yesNo.negated ? t.mustNot : t.must(yesNo.echo);
    return yesNo.negated ? t.mayNot : t.encouraged;
  }
  // A yes only for what the sentence says: one that holds little of what was asked is no confirmation.
  if (holds < CONFIRMS) return t.notStated;
  return t.yes(yesNo.echo);
}

/** A sentence must hold this share of the question's subject words to confirm it with a yes. */
const CONFIRMS = 0.5;

/** The comma clause of a sentence that shares most with the question: what the yes or no is about. */
export function nearestClause(sentence: string, terms: QuestionTerms): string {
  const clauses = sentence.split(/[，,、；]/).filter((c) => c.trim());
  let best = sentence;
  let bestScore = -1;
  for (const clause of clauses) {
    const score = overlap(clause, terms);
    if (score > bestScore) [best, bestScore] = [clause, score];
  }
  return bestScore > 0 ? best : sentence;
}

/** Percentages and years: the figures a question states about a target, each of its kind. */
const FIGURE_KINDS: Array<{ kind: string; pattern: RegExp }> = [
  { kind: "percent", pattern: /(\d+(?:\.\d+)?)\s*%/g },
  { kind: "year", pattern: /(20\d{2})\s*年/g },
  // "降到100千克标煤/吨": a quantity in a unit of energy per product.
  { kind: "per product", pattern: /(\d+(?:\.\d+)?)\s*(?:千克|公斤|kg|kgce)/gi },
  { kind: "count", pattern: /(\d+)\s*(?:户|家)/g },
];

/**
 * Whether the clause contradicts a figure the question states: the question names a percentage (or a
 * year) that the clause does not hold while the clause holds another of that kind. Null when the
 * question states none, or the clause says nothing of that kind.
 */
export function premiseCheck(
  question: string,
  sentence: string,
  contrasts: Contrast[] = [],
): "contradicted" | "confirmed" | null {
  if (contrasts.some((pair) => saysOtherOf(pair, question, sentence))) return "contradicted";
  let confirmed = false;
  for (const { pattern } of FIGURE_KINDS) {
    const asked = [...question.matchAll(pattern)].map((m) => Number(m[1]));
    const stated = [...sentence.matchAll(pattern)].map((m) => Number(m[1]));
    if (asked.length === 0 || stated.length === 0) continue;
    if (asked.some((figure) => !stated.includes(figure))) return "contradicted";
    confirmed = true;
  }
  return confirmed ? "confirmed" : null;
}

/** Two alternatives the plan keeps apart, each a few ways of saying it. */
export type Contrast = [string[], string[]];

/** The question says one of the pair and not the other, the sentence the other and not the one. */
function saysOtherOf([one, other]: Contrast, question: string, sentence: string): boolean {
  const says = (text: string, side: string[]) => side.some((word) => text.includes(word));
  return (
    (says(question, one) && !says(question, other) && says(sentence, other) && !says(sentence, one)) ||
    (says(question, other) && !says(question, one) && says(sentence, one) && !says(sentence, other))
  );
}
