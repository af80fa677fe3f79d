import { messages } from "../../messages.js";
import { asSentence } from "../../language/text.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext, Citation } from "../context.js";
import type { Persona } from "../understand/persona.js";
import type { DocumentMeta } from "../../knowledge/types.js";
import { citationOf } from "../citation.js";
import { titleOf } from "../../retrieval/searchText.js";
import type { Status } from "../statuses.js";
import { pinnedFirst, pinnedResult } from "../search.js";
import { asksForParticulars, documentBasisUnits } from "../understand/documentQuestion.js";
import { ORDINAL } from "../understand/ordinal.js";
import type { NamedStatus } from "../understand/levelStatus.js";
import { ASKS_FOR_LIST, listOfItems } from "./listOfItems.js";
import { figureThePlanLacks, yearItself } from "./missingFigure.js";
import { directOpening } from "./direct.js";
import { subjectShare, UNKNOWN_WORD } from "./subject.js";
import { holdsAnyForm } from "../../language/questionForms.js";
import { industryPathAnswer, namedInPlan, unnamedSectorAnswer } from "./unnamedSector.js";
import { asksAboutMoney, asksForFigure, questionTerms, speaksOfMoney } from "./questionTerms.js";
import { abbreviates, officeNamed, officesOf, responsibleLead, responsibleLines } from "./responsible.js";
import {
  bestSentence,
  bestSentenceOf,
  isHeading,
  QUOTED_PASSAGES,
  sentencesOf,
  overlap,
  type QuestionTerms,
  type ScoredSentence,
} from "./sentences.js";

const t = messages.answer;

export interface ComposedAnswer {
  markdown: string;
  citations: Citation[];
  status: Status;
}

/**
 * "做锂电池的，有专门要求吗": whether the plan has something for an industry in particular, which its
 * text never names (not money, not a responsible unit).
 */
function asksAboutUnnamedIndustry(ctx: AnswerContext, alias: string): boolean {
  if (ctx.intent === "responsible_unit" || asksAboutMoney(ctx)) return false;
  return holdsAnyForm(ctx.deps.language.forms.particular, ctx.question) && !namedInPlan(ctx, alias);
}

/** The grounded extractive answer: a direct line from the plan, the clauses behind it, who is responsible, what next. */
export function composeOffline(asked: AnswerContext): ComposedAnswer {
  if (asked.intent === "greeting") return { markdown: t.help, citations: [], status: "answered_help" };
  const ctx = withMoneyClause(asked);
  const run = ctx.toolRuns.at(-1);
  const needsInput =
    ctx.calculatorRequest &&
    !calculatorVerdict(ctx) &&
    (ctx.calculatorRequest.missing.length > 0 || run?.error);
  if (needsInput) return composeNeedsInput(ctx);

  const terms = questionTerms(ctx);
  const unnamed =
    ctx.industry && !run && ctx.intent !== "responsible_unit"
      ? unnamedSectorAnswer(ctx, ctx.industry, terms, asksAboutUnnamedIndustry(ctx, ctx.industry.alias))
      : null;
  const explicitList = ASKS_FOR_LIST.test(ctx.question);
  // An industry with a path in the plan, when nothing the question says was found: its path is the answer.
  const nothingFound = !run && ctx.passages.length === 0;
  const path = nothingFound && ctx.industry ? industryPathAnswer(ctx, ctx.industry, terms) : null;
  const pointed = pointsAtList(ctx);
  const list =
    unnamed ??
    path ??
    (explicitList || (ctx.asks.list && !asksForOneThing(ctx)) || pointed
      ? listOfItems(ctx, ctx.passages, explicitList || pointed ? 0 : NAMED_CONTAINER, pointed)
      : null);
  const base = withCalculatorUnits(ctx);
  const citations = citationsFrom(list ? pinnedFirst(list.cited, base) : base, ctx.pinnedUnitIds, (docId) =>
    ctx.deps.knowledge.document(docId),
  );
  // The lead sentence and every check use the cited passages, so [n] always points at what was quoted.
  const relevant = citations.map(
    (c) => ctx.passages.find((r) => r.passage.id === c.id) ?? pinnedResult(ctx.deps.knowledge.passage(c.id)!),
  );
  if (citations.length === 0 && !(run && !run.error))
    return { markdown: t.noContent, citations: [], status: "unanswerable_no_content" };

  // A list the question asked for is the answer, whatever word of the question the plan lacks ("分成").
  const missingFigure = list ? null : figureThePlanLacks(ctx, relevant, terms);
  if (missingFigure) return composeNoFigure(ctx, missingFigure, citations, relevant, terms);

  const lead = [list?.text ?? leadLine(ctx, relevant, terms), ...notInForce(ctx, citations)].join("\n");
  const lines = [lead];
  if (citations.length)
    lines.push("", t.basisHeading, ...relevant.map((r, i) => quoteLine(ctx, r, i, terms, lead)));
  // 责任单位 of the measure the answer is about, not of every clause quoted beside it.
  const responsible = list ? [] : responsibleLines(relevant.slice(0, 1), ctx.intent === "responsible_unit");
  if (responsible.length) lines.push("", t.responsibleHeading, ...responsible);
  const description = run && !run.error ? describeRun(ctx, run) : null;
  if (description)
    lines.push(
      "",
      t.calculationHeading,
      ...new Set([...(ctx.calculatorRequest?.notes ?? []), ...description.details]),
    );
  // A finished calculation needs no next step beyond its own.
  const next = description ? description.nextStep : nextStep(ctx);
  if (next) lines.push("", t.nextStepHeading, next);
  return { markdown: lines.join("\n"), citations, status: "answered" };
}

/** A calculator's result in words, fitted to what the question asked of it ("跟2025年的目标比怎么样"). */
function describeRun(ctx: AnswerContext, run: { name: string; output: unknown }) {
  const aims = ctx.calculatorRequest?.aims;
  return ctx.deps.calculators.describe(run.name, run.output, aims ? { aims } : {});
}

/**
 * "天然气制合成氨的标杆是多少", "粉煤制合成氨能耗1300达标吗": why the plan's figure does not apply is the
 * answer; nothing the person could add would change it.
 */
function calculatorVerdict(ctx: AnswerContext): string | null {
  if (ctx.calculatorRequest?.verdict) return ctx.calculatorRequest.verdict;
  const run = ctx.toolRuns.at(-1);
  if (!run?.error || run.name !== "benchmark_lookup") return null;
  return (run.output as { message?: string } | null)?.message ?? run.error;
}

function leadLine(ctx: AnswerContext, relevant: SearchResult[], terms: QuestionTerms): string {
  const run = ctx.toolRuns.at(-1);
  // "有补贴吗？": what the plan says about money, beside a calculation's result or before whom to ask.
  const money = asksAboutMoney(ctx)
    ? bestSentence(relevant, terms, false, (s) => speaksOfMoney(ctx, s))
    : null;
  if (run && !run.error) {
    const result = describeRun(ctx, run).lead;
    // "……能省多少，有补贴吗": the result first, then what the plan says about money.
    return money
      ? `${result}\n${t.directLead}${asSentence(money.text)}[${money.passageIndex + 1}]${t.moneyTermsNote}`
      : result;
  }
  const verdict = calculatorVerdict(ctx);
  if (verdict) return verdict;
  const standing = ctx.levelStatus ? levelStatusLine(ctx, ctx.levelStatus, relevant) : null;
  if (standing) return standing;
  const documentLead = documentLine(ctx, relevant);
  if (documentLead) return documentLead;
  const content = contentLine(ctx, relevant);
  if (content) return content;
  // The plan names funds but no amounts; say so rather than let the person infer a subsidy scheme.
  const moreMoney = money ? otherFunding(ctx, relevant, terms, money.text) : null;
  const moneyLine = money
    ? `${directOpening(ctx.asks, money.text, terms, ctx.deps.language.obligation, placeOf(ctx, relevant[money.passageIndex]!))}${asSentence(money.text)}[${money.passageIndex + 1}]${moreMoney ? `${asSentence(moreMoney.text)}[${moreMoney.passageIndex + 1}]` : ""}${t.moneyTermsNote}`
    : null;
  if (ctx.intent === "responsible_unit") {
    // "是经信局负责吧": the office a polar question names, confirmed or corrected before the units.
    const office = ctx.asks.yesNo ? officeNamed(ctx.message, officesOf(ctx.deps.knowledge)) : null;
    const responsible = responsibleLead(relevant, terms, ctx.pinnedUnitIds, office);
    // "能进那个名单吗，找谁": the other part of a two-part question first, then whom to ask; a yes or no
    // about the office itself is the whole answer.
    const other =
      moneyLine ?? ((ctx.asks.yesNo && !office) || ctx.asks.how ? plainLine(ctx, relevant, terms) : null);
    if (responsible) return other ? `${other}\n${responsible}` : responsible;
  }
  if (moneyLine) return moneyLine;
  // "我们做专用车，方案鼓励往新能源转吗": a yes or no first, from the clause, not a list of measures;
  // the measures when no clause holds what was asked well enough to answer yes or no.
  const direct =
    ctx.intent === "enterprise_advice" && ctx.asks.yesNo ? plainLine(ctx, relevant, terms) : null;
  // "是不是每年都得做清洁生产审核": an obligation the plan does not state is a no, said first, too.
  const saysNoDuty = !!direct && !!ctx.asks.yesNo?.obligation;
  if (direct && (saysNoDuty || !direct.startsWith(t.direct.notStated))) {
    // …followed by the other measures that apply, as a list would give them.
    const quoted = new Set([...direct.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) - 1));
    const others = measureBullets(relevant, terms, quoted);
    return others.length ? [direct, t.otherMeasures, ...others].join("\n") : direct;
  }
  if (ctx.intent === "enterprise_advice")
    return [t.measuresLead(topicOf(ctx.question, ctx.persona)), ...measureBullets(relevant, terms)].join(
      "\n",
    );
  return plainLine(ctx, relevant, terms);
}

/**
 * "不达标的生产线会怎么样": what the policy asks of the standing named, in the plan's words from the
 * clauses cited (policy.json's guidance).
 */
function levelStatusLine(ctx: AnswerContext, status: NamedStatus, relevant: SearchResult[]): string | null {
  const { policy } = ctx.deps.calculators.data;
  const quotes = policy.guidance[status].flatMap((q) => {
    const n = relevant.findIndex((r) => r.passage.unitId === q.unitId);
    return n >= 0 ? [t.levelStatus.quote(q.quote, n + 1)] : [];
  });
  // The national deadline is said by the benchmark calculation, whose result is its source; here
  // only the plan's clauses are quoted.
  return quotes.length ? t.levelStatus.lead[status](quotes) : null;
}

/**
 * "有没有钱支持": the plan's second kind of money beside the first (专项资金, then 信贷 and the project
 * library; 合同能源管理 beside 信贷): the best sentence holding a funding word the first does not.
 */
function otherFunding(ctx: AnswerContext, relevant: SearchResult[], terms: QuestionTerms, first: string) {
  const forms = ctx.deps.language.forms.funding.forms;
  const adds = (s: string) => s !== first && forms.some((f) => s.includes(f) && !first.includes(f));
  return bestSentence(relevant, terms, false, adds);
}

/** The sentence that answers, opened as the question asks (yes or no, or the clause named). */
function plainLine(ctx: AnswerContext, relevant: SearchResult[], terms: QuestionTerms): string {
  const top = relevant[0]!;
  const named = namedClause(ctx, relevant);
  const best = bestSentence(named, terms, asksForFigure(ctx));
  const chosen = best ? relevant[best.passageIndex]! : top;
  // A short clause the question names is its whole answer ("…那块具体指什么"); so is a clause of a few
  // sentences when the question asks for the things it lists ("园区要做哪几件事").
  const listing = ctx.asks.list && !ctx.asks.yesNo;
  const whole = best
    ? listing
      ? wholeClause(ctx, relevant[best.passageIndex]!, LISTING_CLAUSE)
      : named !== relevant
        ? wholeClause(ctx, relevant[best.passageIndex]!)
        : null
    : null;
  const text = whole ?? best?.text ?? firstSentence(top.passage.text, top.passage.breadcrumb.at(-1));
  const opening = directOpening(
    ctx.asks,
    text,
    terms,
    ctx.deps.language.obligation,
    placeOf(ctx, chosen),
    ctx.message,
    subjectShare(ctx, text, "", askedPart(ctx), UNKNOWN_WORD.asked),
    ctx.deps.language.forms.contrasts.pairs,
  );
  const first = `${opening}${asSentence(text)}[${(best?.passageIndex ?? 0) + 1}]`;
  const second = best && !whole ? coveringSentence(named, terms, best, asksForFigure(ctx)) : null;
  return second ? `${first}${asSentence(second.text)}[${second.passageIndex + 1}]` : first;
}

/**
 * "…70%是按企业个数算还是按产值算": the options are what a sentence must answer: the words after 还是 and
 * as many characters before it (the two options of a parallel question).
 */
function askedPart(ctx: AnswerContext): string {
  if (!ctx.asks.alternative) return ctx.message;
  const form = ctx.deps.language.forms.alternative.forms.find((f) => ctx.message.includes(f))!;
  const at = ctx.message.indexOf(form);
  const after = ctx.message.slice(at + form.length).split(/[，,；;。？?！!]/)[0]!;
  const before = ctx.message.slice(Math.max(0, at - after.length - 2), at);
  return `${before} ${after}`;
}

/** A named clause this short is quoted whole in the lead. */
const WHOLE_CLAUSE = 120;

/** A clause asked for what it lists is quoted whole up to this length. */
const LISTING_CLAUSE = 260;

function wholeClause(ctx: AnswerContext, result: SearchResult, limit = WHOLE_CLAUSE): string | null {
  const title = result.passage.breadcrumb.at(-1)!;
  // A listing is quoted from the passage cited, so every figure in it is in what [n] points at.
  const passages =
    limit === WHOLE_CLAUSE ? ctx.deps.knowledge.passagesOfUnit(result.passage.unitId) : [result.passage];
  const sentences = passages
    .flatMap((p) => sentencesOf(p.text))
    // Its heading sentence ("园区循环化改造工程。") is already named by the opening.
    .filter((sentence, i) => i > 0 || sentence.replace(/[。：]$/, "") !== titleOf(title));
  const text = sentences.join("");
  return text.length <= limit && sentences.length > 1 ? text : null;
}

/** "六大行动第三个": the question pointed by its position at an item made of a list of measures. */
function pointsAtList(ctx: AnswerContext): boolean {
  // By position only: "专栏1里说要建哪两类园区" pins the column's items too, but asks something in them.
  if (!ORDINAL.test(ctx.message)) return false;
  const [first] = ctx.pinnedUnitIds;
  const parentId = first ? ctx.deps.knowledge.unit(first)?.parentId : null;
  const parent = parentId ? ctx.deps.knowledge.unit(parentId) : undefined;
  return (
    !!parent && parent.childIds.length >= 2 && parent.childIds.every((id) => ctx.pinnedUnitIds.includes(id))
  );
}

/** Above this share of the question's words in its title, a clause is named by the question. */
const NAMED_TITLE = 0.75;

/**
 * "建材行业产能控制有什么要求", "能源结构优化那块具体指什么": the question names the clause that leads, so
 * its answer is in that clause even where another shares more of its words. The others stay in place
 * (their sentences not eligible), so [n] still points at the cited passage.
 */
function namedClause(ctx: AnswerContext, relevant: SearchResult[]): SearchResult[] {
  const top = ctx.leadCandidates[0];
  // A clause the question pointed at ("基本原则第一条") is the one that answers, whatever shares its words.
  const pointed =
    top?.features.pinned && ORDINAL.test(ctx.message) && relevant[0]?.passage.unitId === top.unitId;
  if (!top || (!pointed && top.features.title < NAMED_TITLE) || relevant[0]?.passage.unitId !== top.unitId)
    return relevant;
  return relevant.map((r) =>
    r.passage.unitId === top.unitId ? r : { ...r, passage: { ...r.passage, text: "" } },
  );
}

/**
 * "资金那块具体说了啥": what a clause the question names says, as a whole, in the plan model's plain
 * words (each figure in them checked against the clause), cited to the clause. Null when the question
 * asks something else, names no clause, or the model has no summary of it.
 */
function contentLine(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  const top = ctx.leadCandidates[0];
  // "责任单位怎么写的" asks for one thing of the clause, not the whole of it.
  if (!ctx.asks.content || ctx.asks.yesNo || asksForOneThing(ctx) || !top) return null;
  if (!top.features.pinned && top.features.title < NAMED_TITLE) return null;
  const index = relevant.findIndex((r) => r.passage.unitId === top.unitId);
  const summary = ctx.deps.planModel?.entry(top.unitId)?.summary;
  if (index < 0 || !summary) return null;
  const place = placeOf(ctx, relevant[index]!);
  return `${t.contentLead(place.title, place.document)}${summary}[${index + 1}]`;
}

/** A second sentence must answer at least this share of what the first did, with words the first lacks. */
const COVER_SHARE = 0.5;

/**
 * "光伏和储能分别有什么目标", "目标是多少，什么时候完成": when the best sentence leaves some of the
 * question's words unanswered, the sentence that best answers those words joins it in the lead.
 */
function coveringSentence(
  relevant: SearchResult[],
  terms: QuestionTerms,
  best: ScoredSentence,
  asksForFigure: boolean,
): ScoredSentence | null {
  const missing = terms.tokens.filter((token) => !best.text.includes(token));
  if (missing.length === 0) return null;
  const rest: QuestionTerms = { ...terms, tokens: missing };
  const found = bestSentence(relevant, rest, asksForFigure, (sentence) => sentence !== best.text);
  const residual = found ? overlap(found.text, rest) : 0;
  const needed = COVER_SHARE * overlap(best.text, terms);
  return found && residual >= needed && residual >= MIN_COVER ? found : null;
}

/** Below this weight the words a second sentence adds are incidental (a 的 or a 企业), not a second part. */
const MIN_COVER = 2;

/**
 * "有补贴吗" after a measure: when none of the passages that will be quoted speaks of money but one
 * retrieved further down does, that one is quoted second, after the measure the question is about.
 */
function withMoneyClause(ctx: AnswerContext): AnswerContext {
  if (!asksAboutMoney(ctx) || ctx.toolRuns.length > 0) return ctx;
  const quoted = ctx.passages.slice(0, QUOTED_PASSAGES);
  if (quoted.length === 0 || quoted.some((r) => speaksOfMoney(ctx, r.passage.text))) return ctx;
  const funding = ctx.passages.findIndex(
    (r, i) => i >= QUOTED_PASSAGES && speaksOfMoney(ctx, r.passage.text),
  );
  if (funding < 0) return ctx;
  const moved = ctx.passages[funding]!;
  const rest = ctx.passages.filter((_, i) => i !== funding);
  return { ...ctx, passages: [rest[0]!, moved, ...rest.slice(1)] };
}

/** A bullet per cited passage, each its sentence that answers the question; passages far off the best are left out. */
function measureBullets(
  relevant: SearchResult[],
  terms: QuestionTerms,
  /** Passages (by index) the lead already quoted. */
  quoted: ReadonlySet<number> = new Set(),
): string[] {
  const found = relevant.slice(0, QUOTED_PASSAGES).map((r, i) => ({
    i,
    best: bestSentenceOf(r.passage.text, terms, false, r.passage.breadcrumb.at(-1)),
    text: r.passage.text,
  }));
  const topScore = Math.max(0, ...found.map((f) => f.best?.score ?? 0));
  const kept = found.filter((f, n) => n === 0 || (f.best?.score ?? 0) >= topScore * MIN_BULLET_SHARE);
  return kept
    .filter((f) => !quoted.has(f.i))
    .map((f) => {
      const sentence = f.best?.text ?? firstSentence(f.text);
      return `- ${asSentence(rowWithTitle(sentence, clauseTitle(relevant[f.i]!)))}[${f.i + 1}]`;
    });
}

/**
 * "水泥熟料：100千克标准煤/吨" is a row of a table that says nothing of what the figure is: quoted alone,
 * it is named by its clause ("重点产品（工序）能效标杆值（水泥熟料）：100千克标准煤/吨").
 */
function rowWithTitle(sentence: string, title: string): string {
  const row = /^([^，。；：:]{1,20})[：:](.+)$/.exec(sentence);
  return row && !sentence.includes(title) ? `${title}（${row[1]}）：${row[2]}` : sentence;
}

/** A bullet whose best sentence matches the question less than this share of the best one's is left out. */
const MIN_BULLET_SHARE = 0.35;

/** "文号和成文日期是什么", "是哪几个部门联合发的": the document's own particulars, from its cover notice. */
function documentLine(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  const basis = basisLine(ctx, relevant);
  if (basis) return basis;
  if (!asksForParticulars(ctx.question)) return null;
  const notice = relevant.findIndex((r) => r.passage.unitId.endsWith(":notice"));
  const meta = notice >= 0 ? ctx.deps.knowledge.document(relevant[notice]!.passage.docId) : undefined;
  if (!meta) return null;
  const [year, month, day] = meta.date.split("-").map(Number);
  const date = `${year}年${month}月${day}日`;
  // Cite the notice's passage that carries the date and the number, so the figures stand on it.
  const dated = relevant.findIndex(
    (r) => r.passage.unitId === relevant[notice]!.passage.unitId && r.passage.text.includes(date),
  );
  const opening = ctx.asks.yesNo ? issuerPremise(ctx.question, meta.issuers) : "";
  return `${opening}${t.documentLead(meta.title, meta.issuers, meta.number, date)}[${(dated >= 0 ? dated : notice) + 1}]`;
}

/**
 * "方案是依据哪些上级文件定的": the preamble's sentence naming the documents it was made on (in 《》).
 */
function basisLine(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  const preambles = documentBasisUnits(ctx.question, ctx.deps.knowledge);
  const at = relevant.findIndex((r) => preambles.includes(r.passage.unitId));
  if (at < 0) return null;
  const sentence = sentencesOf(relevant[at]!.passage.text).find((s) => s.includes("《"));
  if (!sentence) return null;
  const place = placeOf(ctx, relevant[at]!);
  return `${t.direct.says(place.document, place.title)}${asSentence(sentence)}[${at + 1}]`;
}

/**
 * "是省经信厅印发的吧": an office the question names as the issuer is confirmed when it abbreviates one
 * of the document's issuers, and corrected otherwise. Empty when the question names no office.
 */
function issuerPremise(question: string, issuers: string[]): string {
  const named = officesNamedIn(question);
  if (named.length === 0) return "";
  // Any tail of the run may be the office ("是市经信局" → "市经信局").
  const tails = (run: string) => [...run].map((_, at) => run.slice(at)).filter((tail) => tail.length >= 2);
  const confirmed = named.some((run) =>
    tails(run).some((office) => issuers.some((issuer) => abbreviates(office, issuer))),
  );
  return confirmed ? t.unitLeads : t.unitNotNamed;
}

/** Every run of characters ending in an office's last character (局, 委, 厅, 府): a named office. */
function officesNamedIn(question: string): string[] {
  return [...question.matchAll(/[局委厅府]/g)].map((end) =>
    question.slice(Math.max(0, end.index - MAX_OFFICE_NAME), end.index + 1),
  );
}

/** An office's name as people shorten it, at most this long before its last character (省经信厅). */
const MAX_OFFICE_NAME = 8;

/**
 * A calculation cites the plan's clauses for that product (its benchmark, its sector's measures); asked
 * about money as well, the plan's clause on funds comes right after the first of them.
 */
function withCalculatorUnits(ctx: AnswerContext): SearchResult[] {
  const run = ctx.toolRuns.at(-1);
  if (!run || run.error) return ctx.passages;
  const unitIds = ctx.deps.calculators.describe(run.name, run.output).unitIds;
  const own = unitIds.flatMap((id) => ctx.deps.knowledge.passagesOfUnit(id).slice(0, 1));
  const funds = asksAboutMoney(ctx)
    ? ctx.deps.knowledge.passages.filter((p) => FUNDS_HEADING.test(p.breadcrumb.at(-1) ?? "")).slice(0, 1)
    : [];
  return pinnedFirst([...own.slice(0, 1), ...funds, ...own.slice(1)], ctx.passages);
}

/** The heading of the plan's clause on money (四、保障措施 › （二）强化资金支持). */
const FUNDS_HEADING = /资金/;

/**
 * The best passages, at most two from one unit, so a long clause can be quoted whole without crowding
 * out others; a unit the question pointed at may fill every place.
 */
function citationsFrom(
  results: SearchResult[],
  pinnedUnitIds: string[],
  documentOf: (docId: string) => DocumentMeta | undefined,
): Citation[] {
  const perUnit = new Map<string, number>();
  const citations: Citation[] = [];
  for (const { passage } of results) {
    const count = perUnit.get(passage.unitId) ?? 0;
    const cap = pinnedUnitIds.includes(passage.unitId) ? QUOTED_PASSAGES : 2;
    if (count >= cap || citations.length >= QUOTED_PASSAGES || citations.some((c) => c.id === passage.id))
      continue;
    perUnit.set(passage.unitId, count + 1);
    citations.push(citationOf(passage, documentOf(passage.docId)));
  }
  return citations;
}

/**
 * A clause cited short: its place in the plan and the sentence that bears on the question (the
 * widget's chips carry the whole text). A sentence the lead already quotes is not printed twice.
 */
function quoteLine(
  ctx: AnswerContext,
  result: SearchResult,
  index: number,
  terms: QuestionTerms,
  lead: string,
): string {
  const { passage } = result;
  // With several documents, each clause is placed in its own.
  const documents = ctx.deps.knowledge.documents;
  const document = documents.length > 1 ? `《${ctx.deps.knowledge.document(passage.docId)?.title}》 › ` : "";
  const place = `[${index + 1}] ${document}${passage.breadcrumb.join(" › ")}`;
  const sentences = sentencesOf(passage.text);
  const quoted = sentences.filter((s) => !lead.includes(s.replace(/[。；，]$/, "")));
  if (quoted.length === 0) return place;
  if (passage.text.length <= SHORT_CLAUSE) return `${place}：“${quoted.join("")}”`;
  const best = bestSentenceOf(quoted.join(""), terms, false, passage.breadcrumb.at(-1))?.text ?? quoted[0]!;
  return `${place}：“${asSentence(best)}……”`;
}

/** "有什么目标", "谁牵头", "什么时候": a figure, a date or a unit is wanted, not the items of a section. */
function asksForOneThing(ctx: AnswerContext): boolean {
  return ctx.asks.when || ctx.asks.howMuch || ctx.asks.who;
}

/** After a plain "哪些", a list answers only when the question names most of what is listed. */
const NAMED_CONTAINER = 0.6;

/** A quoted document no longer in force says so beside the answer, with its successor when known. */
function notInForce(ctx: AnswerContext, citations: Citation[]): string[] {
  const docIds = [...new Set(citations.map((c) => c.id.split(":")[0]!))];
  return docIds.flatMap((docId) => {
    const meta = ctx.deps.knowledge.document(docId);
    if (!meta || meta.status.state === "现行") return [];
    return [
      t.notInForce(meta.title, meta.status.state, chineseDate(meta.status.date), meta.status.replacedBy),
    ];
  });
}

function chineseDate(iso: string | null): string | null {
  if (!iso) return null;
  const [year, month, day] = iso.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** A clause this short is quoted whole; a longer one by the sentence that bears on the question. */
const SHORT_CLAUSE = 160;

/** What the person can do next, fitted to the question: a calculator for equipment, the notices for money. */
function nextStep(ctx: AnswerContext): string {
  return (
    equipmentNextStep(ctx.question) ?? (ctx.intent === "money_services" ? t.nextStepDefault : t.nextStepAsk)
  );
}

/** "我们厂有很多老电机": the calculator that turns the advice into the plant's own figures. */
function equipmentNextStep(question: string): string | null {
  if (/电机|电动机|马达/.test(question)) return t.nextStepMotor;
  if (/风机|水泵|泵/.test(question)) return t.nextStepVsd;
  return null;
}

/** A clause quoted beside "the plan does not set it" must hold this share of the question's subject. */
const NEAREST_SUBJECT = 0.34;

function composeNoFigure(
  ctx: AnswerContext,
  what: string,
  citations: Citation[],
  relevant: SearchResult[],
  terms: QuestionTerms,
): ComposedAnswer {
  // The clause that comes nearest to what was asked: about money for an amount, about the subject otherwise.
  // A year the plan sets no figure for: its aim for that year in words ("2030年，…入园率进一步提升").
  const year = /(20\d{2})\s*年/.exec(ctx.question)?.[1];
  const itself = year && what === t.missing.yearFigure(year) ? yearItself(year) : null;
  const ofYear = itself ? (x: string) => itself.test(x) : null;
  const eligible = what === t.missing.amount ? (x: string) => speaksOfMoney(ctx, x) : undefined;
  // For where things stand now, the nearest is the target the plan sets for it…
  // The year's aim in the clause retrieved first is the plan's word on it, whatever else it names.
  const yearly = ofYear ? bestSentence(relevant, terms, false, ofYear) : null;
  const yearsAim = yearly?.passageIndex === 0;
  // …and for a year the plan sets no figure of, the figure it sets for another ("争取到2030年，…65户").
  const figureNear = what === t.missing.current || !!itself;
  const found = yearsAim ? yearly : bestSentence(relevant, terms, figureNear, eligible);
  const nearest =
    found && (yearsAim || subjectShare(ctx, found.text, "", ctx.question) >= NEAREST_SUBJECT) ? found : null;
  const lead = nearest
    ? t.noFigureBut(what, nearest.text.replace(/[；，。]$/, "。"), nearest.passageIndex + 1)
    : t.noFigure(what);
  const lines = [
    lead,
    "",
    t.basisHeading,
    ...relevant.map((r, i) => quoteLine(ctx, r, i, terms, lead)),
    "",
    t.nextStepHeading,
    t.nextStepDefault,
  ];
  // "定了具体数量吗": whether the plan sets a figure is answered by its clause that sets none; "要装多少，
  // 有这个数吗" asked for the figure itself, which the plan lacks.
  const purelyPolar =
    !!ctx.asks.yesNo && !ctx.deps.language.forms.yesNo.whWords.some((w) => ctx.question.includes(w));
  // The plan's aim for the year asked, in words, answers it as far as the plan does.
  const answered = (purelyPolar && !!nearest && what === t.missing.figure) || yearsAim;
  return { markdown: lines.join("\n"), citations, status: answered ? "answered" : "unanswerable_no_content" };
}

/**
 * What is still needed, asked once; when an answer can already be given on a stated assumption
 * (understanding's provisional input), it comes first, with its working below the questions.
 */
function composeNeedsInput(ctx: AnswerContext): ComposedAnswer {
  const run = ctx.toolRuns.at(-1);
  const request = ctx.calculatorRequest!;
  const provisional = run?.provisional && !run.error ? run : null;
  const asks = run?.error ? [run.error] : request.missing.map((q) => `- ${q}`);
  const tool = run?.name ?? request.tool;
  const lead = t.needsInput[tool] ?? t.needsInput.benchmark_gap!;
  const example = t.needsInputExample[tool] ?? t.needsInputExample.benchmark_gap!;
  const questions = [lead, ...asks, example].join("\n");
  // "……有补贴吗": the money question is answered from the plan's funds clause while figures are asked.
  const funds = asksAboutMoney(ctx) ? fundsCitation(ctx) : null;
  const citations = funds ? [funds.citation] : [];
  const moneyParagraph = funds ? ["", `${t.directLead}${funds.sentence}[1]${t.moneyTermsNote}`] : [];
  if (!provisional)
    return {
      markdown: [questions, ...moneyParagraph].join("\n"),
      citations,
      status: "answered_needs_input",
    };
  const result = describeRun(ctx, provisional);
  // The answer already given rests on the plan's clause for it (the 15% of 一、（三）), cited as a full answer's is.
  const own = result.unitIds
    .slice(0, 1)
    .flatMap((id) => ctx.deps.knowledge.passagesOfUnit(id).slice(0, 1))
    .filter((p) => !citations.some((c) => c.id === p.id));
  const answered = `${request.provisional?.label ?? ""}${result.lead}${request.provisional?.note ?? ""}`;
  const basis = own.map((p, i) =>
    quoteLine(ctx, pinnedResult(p), citations.length + i, questionTerms(ctx), answered),
  );
  citations.push(...own.map((p) => citationOf(p, ctx.deps.knowledge.document(p.docId))));
  const markdown = [
    answered,
    "",
    questions,
    ...moneyParagraph,
    ...(basis.length ? ["", t.basisHeading, ...basis] : []),
    "",
    t.calculationHeading,
    ...new Set([...(request.notes ?? []), ...result.details]),
  ].join("\n");
  return { markdown, citations, status: "answered_needs_input" };
}

/** The plan's clause on funds and its sentence on money, as the first citation of a reply. */
function fundsCitation(ctx: AnswerContext): { citation: Citation; sentence: string } | null {
  const passage = ctx.deps.knowledge.passages.find((p) => FUNDS_HEADING.test(p.breadcrumb.at(-1) ?? ""));
  if (!passage) return null;
  const sentence =
    passage.text.split(/(?<=。)/).find((x) => speaksOfMoney(ctx, x)) ?? firstSentence(passage.text);
  return { citation: citationOf(passage, ctx.deps.knowledge.document(passage.docId)), sentence };
}

/** The document ("方案", or another document's title) and the clause an answer quotes. */
function placeOf(ctx: AnswerContext, result: SearchResult): { document: string; title: string } {
  const document = ctx.deps.knowledge.document(result.passage.docId)?.shortName ?? "方案";
  return { document, title: clauseTitle(result) };
}

/** A clause's own title without its numbering: "3. 开展节能降碳升级改造" → "开展节能降碳升级改造". */
function clauseTitle(result: SearchResult): string {
  return titleOf(result.passage.breadcrumb.at(-1)!);
}

/** The first sentence of a text; not its heading ("调整优化用能结构。") when it says more after it. */
function firstSentence(text: string, title?: string): string {
  const first = (/^[^。；]+[。；]?/.exec(text)?.[0] ?? text).replace(/；$/, "。");
  return isHeading(first, title) && text.length > first.length
    ? firstSentence(text.slice(first.length))
    : first;
}

/**
 * Whose measures they are: the subject named; "您的企业" only to someone who spoke of their own plant; a
 * consultant asks about enterprises; bureau staff, about the plan's measures, whoever they fall to.
 */
function topicOf(question: string, persona: Persona): string | null {
  const named = /钢铁|建材|水泥|化工|装备制造|电子信息|电机|锅炉|光伏|中小企业/.exec(question)?.[0];
  if (named) return named;
  return persona === "sme" ? "您的企业" : persona === "staff" ? null : "企业";
}
