import type { Unit } from "../../knowledge/types.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { Asks } from "../understand/asks.js";
import { overlap, sentencesOf, type QuestionTerms } from "../compose/sentences.js";

/** What the lead-unit model sees of one candidate unit: generic signals, none tied to a subject. */
export interface LeadFeatures {
  /** 1/(rank+1) of the unit's best passage in the fused retrieval, 0 when retrieval missed it. */
  retrieval: number;
  /** The unit's best BM25 score as a share of the best candidate's. */
  bm25: number;
  /** The question bank's match for the unit as a share of the best unit's. */
  bank: number;
  /** Share of the question's word weight that the unit's own title holds. */
  title: number;
  /** Its best sentence's overlap with the question, as a share of the best candidate's. */
  sentence: number;
  /** The unit's shape fits what is asked: a list for a list, a 责任单位 for who, a figure for how much or when. */
  fit: number;
  /** A follow-up or the question pointed at it. */
  pinned: number;
  /** It is the conversation's subject clause, or of the same section (a sibling): where a follow-up stays. */
  subject: number;
}

export const FEATURE_NAMES: Array<keyof LeadFeatures> = [
  "retrieval",
  "bm25",
  "bank",
  "title",
  "sentence",
  "fit",
  "pinned",
  "subject",
];

export interface Candidate {
  unit: Unit;
  results: SearchResult[];
  bestRank: number | null;
  bm25: number;
  bank: number;
  pinned: boolean;
}

const LISTING_KINDS = new Set(["part", "section", "column", "sector"]);

export function featuresOf(
  candidates: Candidate[],
  terms: QuestionTerms,
  asks: Asks,
  listedChildren: (unit: Unit) => number,
  subject: Unit | null = null,
): LeadFeatures[] {
  const totalWeight = overlap(terms.tokens.join(" "), terms);
  const sentenceScores = candidates.map((c) =>
    Math.max(0, ...c.results.flatMap((r) => sentencesOf(r.passage.text).map((s) => overlap(s, terms)))),
  );
  const topSentence = Math.max(1e-9, ...sentenceScores);
  const topBm25 = Math.max(1e-9, ...candidates.map((c) => c.bm25));
  return candidates.map((c, i) => ({
    retrieval: c.bestRank === null ? 0 : 1 / (c.bestRank + 1),
    bm25: c.bm25 / topBm25,
    bank: c.bank,
    // A row or an entry is named with its parent ("建材行业产能控制"), so the parent's title counts too.
    title: totalWeight > 0 ? overlap(c.unit.breadcrumb.slice(-2).join(""), terms) / totalWeight : 0,
    sentence: sentenceScores[i]! / topSentence,
    fit: fitOf(c, asks, listedChildren),
    pinned: c.pinned ? 1 : 0,
    subject:
      subject &&
      (c.unit.id === subject.id || c.unit.parentId === subject.parentId || c.unit.parentId === subject.id)
        ? 1
        : 0,
  }));
}

function fitOf(c: Candidate, asks: Asks, listedChildren: (unit: Unit) => number): number {
  const text = c.results.map((r) => r.passage.text).join("");
  const fits: boolean[] = [];
  if (asks.list) fits.push(LISTING_KINDS.has(c.unit.kind) && listedChildren(c.unit) >= 2);
  if (asks.who) fits.push(c.results.some((r) => r.passage.responsibleUnits));
  if (asks.when) fits.push(/20\d\d年/.test(text));
  if (asks.howMuch) fits.push(/\d/.test(text));
  if (fits.length === 0) return 0;
  return fits.filter(Boolean).length / fits.length;
}
