import type { Passage, Unit } from "../../knowledge/types.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext } from "../context.js";
import { asksForFigure, questionTerms } from "../compose/questionTerms.js";
import { bestSentenceOf } from "../compose/sentences.js";
import { featuresOf, type Candidate } from "../rank/features.js";
import { scoreOf } from "../rank/leadModel.js";
import { listedChildren } from "../compose/listOfItems.js";
import { asksAboutDocument } from "../understand/documentQuestion.js";

/** A bank match below this BM25 score shares too little with the question to bring its unit in. */
export const MIN_BANK_SCORE = 4;
/** At most this many units the retriever missed are brought in by the question bank. */
const BANK_ADDITIONS = 2;

/**
 * Orders the retrieved passages by the unit they belong to, best unit first, with the lead-unit model
 * (knowledge/model/lead-weights.json, trained by scripts/train-lead.ts): the unit that leads the answer
 * is the one the question is about, not the one that happens to share a rare word with it.
 */
export async function rankUnits(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting" || ctx.passages.length === 0) return;
  const candidates = candidatesOf(ctx);
  const { knowledge } = ctx.deps;
  const subject = ctx.subjectUnitId ? (knowledge.unit(ctx.subjectUnitId) ?? null) : null;
  const features = featuresOf(
    candidates,
    questionTerms(ctx),
    ctx.asks,
    (unit: Unit) => listedChildren(unit, knowledge).length,
    subject,
  );
  const scored = candidates
    .map((candidate, i) => ({ candidate, score: scoreOf(features[i]!, ctx.deps.leadWeights) }))
    // A clause the question pointed at ("第二条…") leads whatever the scores: the pin is the person's word.
    .sort(
      (a, b) =>
        Number(b.candidate.pinned) - Number(a.candidate.pinned) ||
        b.score - a.score ||
        (a.candidate.bestRank ?? 99) - (b.candidate.bestRank ?? 99),
    );
  const ranked = noticeLast(ctx, industryFirst(ctx, scored));
  ctx.passages = ranked.flatMap(({ candidate }) => candidate.results);
  ctx.leadCandidates = ranked.map(({ candidate, score }) => ({
    unitId: candidate.unit.id,
    features: features[candidates.indexOf(candidate)]!,
    score,
  }));
}

/**
 * "钢铁技术创新方向有哪些": the industry the question names has a path in the plan, so the clauses of
 * another industry's path ("装备制造 › 技术创新") are not about it: they follow the rest, in order.
 */
function industryFirst<T extends { candidate: Candidate }>(ctx: AnswerContext, ranked: T[]): T[] {
  const sector = ctx.industry?.industry.planSector;
  // One industry named: "钢厂的副产煤气卖给化工厂" is about both paths.
  if (!sector || (ctx.deps.planModel?.industryFor(ctx.question).length ?? 0) > 1) return ranked;
  const otherSector = (unit: Unit) => {
    const path = ctx.deps.knowledge.lineage(unit.id);
    const own = path.find((u) => u.kind === "sector");
    return !!own && own.id !== sector;
  };
  const pinned = (r: T) => r.candidate.pinned;
  // The part that lists every industry's path ("在钢铁、建材…等重点行业深入推进") says less of this one
  // than the clauses of its own path and the measures for any plant: it follows them.
  const aboveTheSector = (unit: Unit) => unit.childIds.includes(sector);
  const tier = (r: T) =>
    pinned(r) ? 0 : otherSector(r.candidate.unit) ? 2 : aboveTheSector(r.candidate.unit) ? 1 : 0;
  return [0, 1, 2].flatMap((t) => ranked.filter((r) => tier(r) === t));
}

/**
 * The cover notice names the plan in full ("淮南市工业领域碳达峰实施方案"), so it shares words with any
 * question about the plan; it answers only questions about the document itself.
 */
function noticeLast<T extends { candidate: Candidate }>(ctx: AnswerContext, ranked: T[]): T[] {
  if (asksAboutDocument(ctx.question)) return ranked;
  const notice = (r: T) => !r.candidate.pinned && r.candidate.unit.kind === "notice";
  return [...ranked.filter((r) => !notice(r)), ...ranked.filter(notice)];
}

export function candidatesOf(ctx: AnswerContext): Candidate[] {
  const { knowledge, bank } = ctx.deps;
  const byUnit = new Map<string, Candidate>();
  ctx.passages.forEach((result, rank) => {
    const unit = knowledge.unit(result.passage.unitId);
    if (!unit) return;
    const pinned = result.score === Infinity;
    const existing = byUnit.get(unit.id);
    const bm25 = pinned ? 0 : result.signals.bm25Score;
    if (existing) {
      existing.results.push(result);
      existing.bm25 = Math.max(existing.bm25, bm25);
      existing.pinned ||= pinned;
      return;
    }
    byUnit.set(unit.id, { unit, results: [result], bestRank: rank, bm25, bank: 0, pinned });
  });
  const matches = bank?.unitMatches(ctx.question) ?? new Map();
  for (const [unitId, match] of matches) {
    const existing = byUnit.get(unitId);
    if (existing) existing.bank = match.share;
  }
  const additions = [...matches]
    .filter(([unitId, m]) => !byUnit.has(unitId) && m.score >= MIN_BANK_SCORE)
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, BANK_ADDITIONS);
  for (const [unitId, match] of additions) {
    const unit = knowledge.unit(unitId);
    const results = byBestSentence(ctx, knowledge.passagesOfUnit(unitId)).map(bankResult);
    if (unit && results.length)
      byUnit.set(unitId, { unit, results, bestRank: null, bm25: 0, bank: match.share, pinned: false });
  }
  return [...byUnit.values()];
}

/**
 * A unit the bank brought in has no retrieval order of its passages: the one whose best sentence
 * answers the question best comes first ("…2030年前达峰", in 主要目标's second passage, for "何时达峰").
 */
function byBestSentence(ctx: AnswerContext, passages: Passage[]): Passage[] {
  if (passages.length < 2) return passages;
  const terms = questionTerms(ctx);
  const figure = asksForFigure(ctx);
  const score = (p: Passage) => bestSentenceOf(p.text, terms, figure, p.breadcrumb.at(-1))?.score ?? 0;
  return passages
    .map((passage, order) => ({ passage, order, score: score(passage) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ passage }) => passage);
}

function bankResult(passage: SearchResult["passage"]): SearchResult {
  return {
    passage,
    score: 0,
    signals: { bm25Rank: null, bm25Score: 0, vectorRank: null, vectorSimilarity: 0 },
  };
}
