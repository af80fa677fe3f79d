import type { Passage } from "../../knowledge/types.js";
import { titleOf } from "../../retrieval/searchText.js";
import type { IndustryMatch } from "../../knowledge/planModel.js";
import { messages } from "../../messages.js";
import { asSentence, characterPairs } from "../../language/text.js";
import type { AnswerContext } from "../context.js";
import { bestSentenceOf, overlap, QUOTED_PASSAGES, sentencesOf, type QuestionTerms } from "./sentences.js";
import { subjectShare, weightBeyond } from "./subject.js";
import { asksAboutMoney } from "./questionTerms.js";

const t = messages.answer.unnamedSector;

/**
 * "造纸厂能享受哪些政策": the plan has no path for that industry. Say so first, then the clauses that
 * mention it inside another one, then the measures that apply to any industrial enterprise, best
 * matched to the question first. Null when the industry has a sector of its own in the plan.
 */
export function unnamedSectorAnswer(
  ctx: AnswerContext,
  { industry, alias }: IndustryMatch,
  terms: QuestionTerms,
  /**
   * The industry is inside a sector with a path, but the plan never names it ("锂电池" of 装备制造) and
   * the question asks what is meant for it in particular: only a mention of what it makes counts.
   */
  inSector = false,
): { text: string; cited: Passage[] } | null {
  const sector = industry.planSector ? ctx.deps.knowledge.unit(industry.planSector) : undefined;
  if (industry.planSector && !(inSector && sector)) return null;
  if (industry.scope === "outside") return outsideIndustry(ctx, alias, industry.name);
  // "方案讲再制造了吗": a clause of its own answers it, not the measures for any enterprise.
  if (titledInPlan(ctx, alias)) return null;
  // A question about something particular ("…电池回收要完善什么样的管理体系") is answered by the clause
  // that holds it, not by the measures for any enterprise.
  const beyond = weightBeyond(ctx, alias);
  if (beyond >= PARTICULAR && particularClause(ctx, alias)) return null;
  const { knowledge } = ctx.deps;
  // Of the clauses that mention the industry, the one that best answers the question.
  const mention = industry.mentions
    .filter(({ term }) => !sector || sharesPair(term, alias))
    .flatMap(({ unitId, term }) => knowledge.passagesOfUnit(unitId).filter((p) => p.text.includes(term)))
    .map((passage, order) => ({ passage, order, score: overlap(passage.text, terms) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .at(0)?.passage;
  const crossCutting = ctx.deps.planModel?.crossCutting.map((c) => c.unitId) ?? [];
  const concern = beyond >= CONCERN;
  const general = crossCuttingFirst(ctx, crossCutting, concern).filter((p) => p.unitId !== mention?.unitId);
  // Which industries the plan names is said from the clause that names them, when no clause mentions
  // the industry or the question asks about that part itself ("重点行业实施路径里有没有…"): the "no" rests
  // on it. (Otherwise the mention and two measures fill the three quotes.)
  const list = sector ? null : sectorList(ctx);
  const named = !mention || (list && namesPartOf(ctx, list)) ? list : null;
  const measures = [...(mention ? [mention] : []), ...general].slice(0, QUOTED_PASSAGES - (named ? 1 : 0));
  const cited = [...(named ? [named] : []), ...measures];
  const lines = [
    sector ? t.inSectorLead(alias, sector.title) : t.lead(alias, sectorNames(ctx), named ? "[1]" : ""),
    ...measureLines(ctx, measures, mention, terms, alias, industry.mentions, named ? 1 : 0),
  ];
  return { text: lines.join("\n"), cited };
}

/** "动力蓄电池" and "锂电池": a mention of what the industry makes shares a pair of characters with its name. */
function sharesPair(term: string, alias: string): boolean {
  const pairs = new Set(characterPairs(alias));
  return characterPairs(term).some((pair) => pairs.has(pair));
}

/** Whether the plan's text names the industry (its alias without a word for a plant: 锂电池厂 → 锂电池). */
export function namedInPlan(ctx: AnswerContext, alias: string): boolean {
  return ctx.deps.knowledge.mentions(industryName(alias));
}

/** An alias without a word for a plant ("锂电池厂" → "锂电池"), unless that is all of it ("再制造" stays). */
function industryName(alias: string): string {
  const name = alias.replace(/(厂|企业|公司|行业|制造|生产)$/, "");
  return name.length >= 2 ? name : alias;
}

/** Whether a clause of the plan is titled by the industry ("大力发展再制造产业"): the plan treats it itself. */
function titledInPlan(ctx: AnswerContext, alias: string): boolean {
  const name = industryName(alias);
  return ctx.deps.knowledge.units.some((unit) => unit.title.includes(name));
}

/** The industries the plan gives a path of its own ("钢铁", "建材", …). */
function sectorNames(ctx: AnswerContext): string[] {
  return ctx.deps.knowledge.units.filter((u) => u.kind === "sector").map((u) => u.title.replace(/行业$/, ""));
}

/** Whether the question names the part a passage opens (its title's character pairs, mostly). */
function namesPartOf(ctx: AnswerContext, passage: Passage): boolean {
  const title = passage.breadcrumb.at(-1)?.replace(/^[一二三四五六七八九十]+、/, "") ?? "";
  const pairs = characterPairs(title);
  const asked = new Set(characterPairs(ctx.message));
  return pairs.length > 0 && pairs.filter((pair) => asked.has(pair)).length / pairs.length >= NAMES_PART;
}

/** The share of a part's title a question must hold to be asking about that part. */
const NAMES_PART = 0.4;

/** The clause that names the plan's sectors: the text of the part that holds them. */
function sectorList(ctx: AnswerContext): Passage | null {
  const sector = ctx.deps.knowledge.units.find((u) => u.kind === "sector");
  return sector?.parentId ? (ctx.deps.knowledge.passagesOfUnit(sector.parentId)[0] ?? null) : null;
}

/**
 * "我们是物流公司，方案对我们有要求吗": the plan is a plan for industry; a business outside it is set
 * nothing, said from the clauses that say whom the plan is for.
 */
function outsideIndustry(ctx: AnswerContext, alias: string, className: string) {
  const { knowledge } = ctx.deps;
  const preamble = knowledge.units.find((u) => u.kind === "preamble");
  const cited = [
    ...(preamble ? knowledge.passagesOfUnit(preamble.id).slice(0, 1) : []),
    ...[sectorList(ctx)].filter((p): p is Passage => p !== null),
  ];
  return { text: t.outside(alias, className, sectorNames(ctx), cited.length), cited };
}

/** Above this weight the question's words beyond the industry may ask about something particular… */
const PARTICULAR = 6;
/** …when a retrieved sentence holds this share of them. */
const HELD = 0.5;

function particularClause(ctx: AnswerContext, alias: string): boolean {
  return ctx.passages.some((r) =>
    sentencesOf(r.passage.text).some((s) => subjectShare(ctx, s, alias) >= HELD),
  );
}

/**
 * The cross-cutting measures the question's own words point to first, in the lead model's order
 * ("食品厂的燃煤锅炉想换" → the clause on 以电代煤 and 电锅炉 before the one on equipment in general),
 * then the rest in the map's order (those that concern most plants first). Each by its passage that
 * says most, not its heading.
 */
function crossCuttingFirst(ctx: AnswerContext, unitIds: string[], concern: boolean): Passage[] {
  // "家具厂有补贴吗": the measures that speak of money answer it before any other.
  const funding = asksAboutMoney(ctx) ? byFunding(ctx, unitIds) : [];
  const ranked = ctx.leadCandidates
    .slice(0, RANKED_CANDIDATES)
    .filter((c) => unitIds.includes(c.unitId) && relevantCandidate(c, concern))
    .map((c) => c.unitId);
  return [...new Set([...funding, ...ranked, ...unitIds])].flatMap((unitId) => {
    const passages = ctx.deps.knowledge.passagesOfUnit(unitId);
    return passages.length ? [passages.reduce((a, b) => (b.text.length > a.text.length ? b : a))] : [];
  });
}

/** The units that speak of money, those naming most kinds of it (funds, credit, tax…) first. */
function byFunding(ctx: AnswerContext, unitIds: string[]): string[] {
  const forms = ctx.deps.language.forms.funding.forms;
  const kinds = (id: string) => {
    const text = ctx.deps.knowledge
      .passagesOfUnit(id)
      .map((p) => p.text)
      .join("");
    return forms.filter((form) => text.includes(form)).length;
  };
  return unitIds
    .map((id) => ({ id, kinds: kinds(id) }))
    .filter((u) => u.kinds > 0)
    .sort((a, b) => b.kinds - a.kinds)
    .map((u) => u.id);
}

/** How many of the lead model's best units may come before the map's order. */
const RANKED_CANDIDATES = 5;

/**
 * A candidate the question's words reach: its bank or title; or, when the question names a concern of
 * its own beyond the industry ("燃煤锅炉想换"), its sentences.
 */
function relevantCandidate(c: AnswerContext["leadCandidates"][number], concern: boolean): boolean {
  // A question that names no concern of its own ("有啥具体措施") matches a measure only closely.
  const bank = concern ? MATCHED : CLOSELY_MATCHED;
  return (
    c.features.bank >= bank || c.features.title >= MATCHED || (concern && c.features.sentence >= MATCHED)
  );
}

/** How closely the bank must match a question that names no concern beyond the industry. */
const CLOSELY_MATCHED = 0.9;

/** The weight of words beyond the industry's name above which the question names a concern of its own. */
const CONCERN = 3;

/** A question matches a measure when the bank's best match or the measure's title holds this share of it. */
const MATCHED = 0.5;

/**
 * "我们是做铸件的，熔炼这块怎么搞" when no clause shares the question's words: the industry has a path in
 * the plan, so its clauses are the answer: where the plan mentions the industry, then its sector's
 * measures, each in plain words. Null for an industry without a sector (see unnamedSectorAnswer).
 */
export function industryPathAnswer(
  ctx: AnswerContext,
  { industry, alias }: IndustryMatch,
  terms: QuestionTerms,
): { text: string; cited: Passage[] } | null {
  const { knowledge } = ctx.deps;
  const sector = industry.planSector ? knowledge.unit(industry.planSector) : undefined;
  if (!sector) return null;
  const mention = industry.mentions
    .flatMap(({ unitId, term }) => knowledge.passagesOfUnit(unitId).filter((p) => p.text.includes(term)))
    .at(0);
  const rows = sector.childIds
    .map((id) => knowledge.unit(id))
    .filter((unit) => unit?.kind === "sector_row")
    .flatMap((unit) => knowledge.passagesOfUnit(unit!.id).slice(0, 1));
  const cited = [...(mention ? [mention] : []), ...rows].slice(0, QUOTED_PASSAGES);
  const lines = [
    t.pathLead(alias, sector.title),
    ...measureLines(ctx, cited, mention, terms, alias, industry.mentions),
  ];
  return { text: lines.join("\n"), cited };
}

/**
 * One line per cited clause: where the plan mentions the industry, its sentence naming it; otherwise
 * the measure in the plan model's plain words (what it offers any enterprise), else its best sentence.
 */
function measureLines(
  ctx: AnswerContext,
  cited: Passage[],
  mention: Passage | undefined,
  terms: QuestionTerms,
  alias: string,
  mentions: Array<{ unitId: string; term: string }>,
  /** How many citations come before these lines. */
  offset = 0,
): string[] {
  return cited.map((passage, i) => {
    const n = offset + i + 1;
    const title = titleOf(passage.breadcrumb.at(-1)!);
    if (passage === mention) return t.mention(title, mentionSentence(passage, terms, alias, mentions), n);
    const summary = ctx.deps.planModel?.entry(passage.unitId)?.summary;
    const best = bestSentenceOf(passage.text, terms, false, passage.breadcrumb.at(-1));
    return t.general(title, summary ?? asSentence(best?.text ?? passage.text), n);
  });
}

/** The sentence of a clause that mentions the industry: the one that best answers, else the one naming it. */
function mentionSentence(
  passage: Passage,
  terms: QuestionTerms,
  alias: string,
  mentions: Array<{ unitId: string; term: string }>,
): string {
  const named = (sentence: string) =>
    sentence.includes(alias) ||
    mentions.some((m) => m.unitId === passage.unitId && sentence.includes(m.term));
  const best = bestSentenceOf(passage.text, terms, false, passage.breadcrumb.at(-1), named);
  const sentence = best?.text ?? sentencesOf(passage.text).find(named) ?? passage.text;
  return asSentence(sentence);
}
