import { messages } from "../../messages.js";
import type { Passage, Unit, UnitKind } from "../../knowledge/types.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext, Citation } from "../context.js";
import type { Status } from "../statuses.js";
import { pinnedFirst, pinnedResult } from "../search.js";
import { asksAboutDocument } from "../understand/documentQuestion.js";
import { figureThePlanLacks } from "./missingFigure.js";
import { questionTerms } from "./questionTerms.js";
import { bestPassageIndex, bestSentence, bestSentenceOf, overlap, sentencesOf, type QuestionTerms } from "./sentences.js";

const MAX_CITATIONS = 3;
const t = messages.answer;

export interface ComposedAnswer {
  markdown: string;
  citations: Citation[];
  status: Status;
}

const ASKS_FOR_FIGURE = /多少|几|比例|百分|目标|标杆值|基准值|限额|降到|降至|达到|什么时候|何时|哪一?年|哪天|日期|截止|金额|电话|号码|文号/;

/** The grounded extractive answer: a direct line from the plan, the clauses behind it, who is responsible, what next. */
export function composeOffline(ctx: AnswerContext): ComposedAnswer {
  if (ctx.intent === "greeting") return { markdown: t.help, citations: [], status: "answered_help" };
  const run = ctx.toolRuns.at(-1);
  const needsInput = ctx.calculatorRequest && !calculatorVerdict(ctx) && (ctx.calculatorRequest.missing.length > 0 || run?.error);
  if (needsInput) return composeNeedsInput(ctx);

  const list = ASKS_FOR_LIST.test(ctx.question) ? listOfItems(ctx, ctx.passages) : null;
  const base = withCalculatorUnits(ctx);
  const citations = citationsFrom(list ? pinnedFirst(list.cited, base) : base, ctx.pinnedUnitIds);
  // The lead sentence and every check use the cited passages, so [n] always points at what was quoted.
  const relevant = citations.map((c) => ctx.passages.find((r) => r.passage.id === c.id) ?? pinnedResult(ctx.deps.knowledge.passage(c.id)!));
  if (citations.length === 0) return { markdown: t.noContent, citations: [], status: "unanswerable_no_content" };

  const missingFigure = figureThePlanLacks(ctx, relevant);
  if (missingFigure) return composeNoFigure(missingFigure, citations);

  const lines = [list?.text ?? leadLine(ctx, relevant), "", t.basisHeading, ...citations.map(quoteLine)];
  const responsible = responsibleLines(relevant);
  if (responsible.length) lines.push("", t.responsibleHeading, ...responsible);
  const description = run && !run.error ? ctx.deps.calculators.describe(run.name, run.output) : null;
  if (description) lines.push("", t.calculationHeading, ...description.details);
  lines.push("", t.nextStepHeading, description?.nextStep ?? (run ? t.nextStepCalculation : equipmentNextStep(ctx.question) ?? t.nextStepDefault));
  return { markdown: lines.join("\n"), citations, status: "answered" };
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

function leadLine(ctx: AnswerContext, relevant: SearchResult[]): string {
  const run = ctx.toolRuns.at(-1);
  if (run && !run.error) return ctx.deps.calculators.describe(run.name, run.output).lead;
  const verdict = calculatorVerdict(ctx);
  if (verdict) return verdict;
  const top = relevant[0]!;
  const terms = questionTerms(ctx);
  const documentLead = documentLine(ctx, relevant);
  if (documentLead) return documentLead;
  // "有补贴吗？找谁？": what the plan says about money first, then whom the measure belongs to.
  const money = ASKS_ABOUT_MONEY.test(ctx.question) ? bestSentence(relevant, terms, false, (s) => MONEY_TEXT.test(s)) : null;
  // The plan names funds but no amounts; say so rather than let the person infer a subsidy scheme.
  const moneyLine = money ? `${t.directLead}${money.text.replace(/[；，]$/, "。")}[${money.passageIndex + 1}]${t.moneyTermsNote}` : null;
  if (ctx.intent === "responsible_unit") {
    const responsible = responsibleLead(relevant, terms, ctx.pinnedUnitIds);
    if (responsible) return moneyLine ? `${moneyLine}\n${responsible}` : responsible;
  }
  if (moneyLine) return moneyLine;
  if (ctx.intent === "enterprise_advice") return [t.measuresLead(topicOf(ctx.question)), ...measureBullets(relevant, terms)].join("\n");
  const best = bestSentence(relevant, terms, ASKS_FOR_FIGURE.test(ctx.question));
  if (!best) return `${t.directLead}${firstSentence(top.passage.text)}[1]`;
  return `${t.directLead}${best.text.replace(/[；，]$/, "。")}[${best.passageIndex + 1}]`;
}

/**
 * "强化用能监督管理由谁牵头": the 责任单位 of the clause that matches the question. When a measure's clauses
 * have different units and the question does not tell them apart (or points at the measure as a whole),
 * each clause is named with its units.
 */
function responsibleLead(relevant: SearchResult[], terms: QuestionTerms, pinnedUnitIds: string[]): string | null {
  // "它的牵头单位是谁": the measure the follow-up points at, whatever else matches its words.
  const pinned = relevant.some((r) => r.passage.responsibleUnits && pinnedUnitIds.includes(r.passage.unitId));
  const eligible = (r: SearchResult) => !!r.passage.responsibleUnits && (!pinned || pinnedUnitIds.includes(r.passage.unitId));
  const index = bestPassageIndex(relevant, terms, eligible);
  const chosen = relevant[index];
  if (!chosen?.passage.responsibleUnits) return null;
  const title = chosen.passage.breadcrumb.at(-1)!.replace(/^\d+\.\s*/, "");
  const score = (r: SearchResult) => overlap(r.passage.text, terms);
  const clauses = relevant
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.passage.unitId === chosen.passage.unitId && r.passage.responsibleUnits && r.passage.responsibleUnits.raw !== chosen.passage.responsibleUnits!.raw)
    // A measure pointed at as a whole ("它的牵头单位") is answered whole.
    .filter(({ r }) => pinned || score(r) * CLEARLY_BETTER >= score(chosen));
  if (clauses.length === 0) return `${t.responsibleAnswer(title, chosen.passage.responsibleUnits.raw)}[${index + 1}]`;
  const parts = [{ r: chosen, i: index }, ...clauses]
    .sort((a, b) => a.i - b.i)
    .map(({ r, i }) => t.responsiblePart(clauseSummary(r), r.passage.responsibleUnits!.raw, i + 1));
  return t.responsibleParts(title, parts);
}

/** One clause's share of the question's words must exceed another's this many times to be the only answer. */
const CLEARLY_BETTER = 1.5;

/** A clause named by its first sentence of substance, up to its first comma: "完善能源消耗总量和强度调控". */
function clauseSummary(result: SearchResult): string {
  const title = result.passage.breadcrumb.at(-1)!.replace(/^\d+\.\s*/, "");
  const sentences = sentencesOf(result.passage.text).filter((sentence) => !sentence.startsWith(title));
  return (sentences[0] ?? title).split(/[，。；]/)[0]!;
}

/** A question about money (补贴, 贷款, 资金) and the plan's sentences that speak of it. */
const ASKS_ABOUT_MONEY = /补贴|补助|奖励|奖补|资金|扶持|贷款|信贷|融资|金融|给钱|发钱|补钱|拿钱|有钱|税收|减税|免税|退税/;
const MONEY_TEXT = /资金|信贷|金融|贷款|融资|税收|奖励|补贴|补助/;

/** A bullet per cited passage, each its sentence that answers the question; passages far off the best are left out. */
function measureBullets(relevant: SearchResult[], terms: QuestionTerms): string[] {
  const found = relevant
    .slice(0, MAX_CITATIONS)
    .map((r, i) => ({ i, best: bestSentenceOf(r.passage.text, terms, false, r.passage.breadcrumb.at(-1)), text: r.passage.text }));
  const topScore = Math.max(0, ...found.map((f) => f.best?.score ?? 0));
  const kept = found.filter((f, n) => n === 0 || (f.best?.score ?? 0) >= topScore * MIN_BULLET_SHARE);
  return kept.map((f) => `- ${(f.best?.text ?? firstSentence(f.text)).replace(/[；，]$/, "。")}[${f.i + 1}]`);
}

/** A bullet whose best sentence matches the question less than this share of the best one's is left out. */
const MIN_BULLET_SHARE = 0.35;

/** "文号和成文日期是什么", "是哪几个部门联合发的": the document's own particulars, from its cover notice. */
function documentLine(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  if (!asksAboutDocument(ctx.question)) return null;
  const notice = relevant.findIndex((r) => r.passage.unitId.endsWith(":notice"));
  const meta = notice >= 0 ? ctx.deps.knowledge.document(relevant[notice]!.passage.docId) : undefined;
  if (!meta) return null;
  const [year, month, day] = meta.date.split("-").map(Number);
  const date = `${year}年${month}月${day}日`;
  // Cite the notice's passage that carries the date and the number, so the figures stand on it.
  const dated = relevant.findIndex((r) => r.passage.unitId === relevant[notice]!.passage.unitId && r.passage.text.includes(date));
  return `${t.documentLead(meta.title, meta.issuers, meta.number, date)}[${(dated >= 0 ? dated : notice) + 1}]`;
}

/** A list of the plan's own units ("有哪几条", "几大行动"), not of things inside one sentence ("哪几个行业"). */
const ASKS_FOR_LIST =
  /有哪几条|哪几条|有哪些条|有哪几项|哪几项|分别是什么|都有哪些(措施|任务|行动|内容|工程)?|有哪些(工程|行动|任务|条|项)|包括哪些|包含哪些|几大(行动|任务|部分)|行动名称|哪几(大|个)(行动|任务|工程|专栏)/;

/** Which children a container lists: a part its sections (or sectors), a section its items, a column its entries. */
const LISTED_CHILDREN: Partial<Record<UnitKind, ReadonlySet<UnitKind>>> = {
  part: new Set(["section", "sector"]),
  section: new Set(["item"]),
  column: new Set(["column_item"]),
  sector: new Set(["sector_row"]),
};

/**
 * "资源循环利用减碳行动有哪几条？", "重点任务有哪几大行动", "专栏5里有哪些工程": the children of the container
 * the question names, by their titles as the plan writes them, one per line (so a follow-up "第三条" can
 * point at one). The candidates are the cited units and their ancestors; the one whose label and title
 * the question holds most of wins, the nearest on a tie.
 */
function listOfItems(ctx: AnswerContext, relevant: SearchResult[]): { text: string; cited: Passage[] } | null {
  const { knowledge } = ctx.deps;
  const candidates: Unit[] = [];
  for (const r of relevant.slice(0, MAX_CITATIONS)) {
    for (let unit = knowledge.unit(r.passage.unitId); unit; unit = unit.parentId ? knowledge.unit(unit.parentId) : undefined) {
      if (!candidates.includes(unit)) candidates.push(unit);
    }
  }
  const listed = (unit: Unit) => unit.childIds.map((id) => knowledge.unit(id)!).filter((child) => LISTED_CHILDREN[unit.kind]?.has(child.kind));
  const containers = candidates.filter((unit) => listed(unit).length >= 2);
  const named = (unit: Unit) => containment(`${unit.label}${unit.title}`, ctx.question);
  const container = [...containers].sort((a, b) => named(b) - named(a))[0];
  if (!container || named(container) === 0) return null;
  const items = listed(container);
  const lines = items.map((item, i) => `${i + 1}. ${item.title}`);
  // The container's own words are the clause behind the list; without any, its first items'.
  const own = knowledge.passagesOfUnit(container.id).slice(0, 1);
  const cited = own.length ? own : items.flatMap((item) => knowledge.passagesOfUnit(item.id).slice(0, 1)).slice(0, MAX_CITATIONS);
  return { text: [`${t.listLead(container.breadcrumb.at(-1)!)}[1]`, ...lines].join("\n"), cited };
}

/** The share of a title's character pairs that the question holds: how much of the title it names. */
function containment(title: string, question: string): number {
  const pairs = (text: string) => new Set([...text.replace(/[\s\p{P}\p{S}]/gu, "")].map((c, i, all) => c + (all[i + 1] ?? "")).slice(0, -1));
  const wanted = pairs(title);
  const asked = pairs(question);
  if (wanted.size === 0) return 0;
  return [...wanted].filter((pair) => asked.has(pair)).length / wanted.size;
}

/** A calculation cites the plan's clauses for that product (its benchmark, its sector's measures). */
function withCalculatorUnits(ctx: AnswerContext): SearchResult[] {
  const run = ctx.toolRuns.at(-1);
  if (!run || run.error) return ctx.passages;
  const unitIds = ctx.deps.calculators.describe(run.name, run.output).unitIds;
  return pinnedFirst(unitIds.flatMap((id) => ctx.deps.knowledge.passagesOfUnit(id).slice(0, 1)), ctx.passages);
}

/**
 * The best passages, at most two from one unit, so a long clause can be quoted whole without crowding
 * out others; a unit the question pointed at may fill every place.
 */
function citationsFrom(results: SearchResult[], pinnedUnitIds: string[] = []): Citation[] {
  const perUnit = new Map<string, number>();
  const citations: Citation[] = [];
  for (const { passage } of results) {
    const count = perUnit.get(passage.unitId) ?? 0;
    const cap = pinnedUnitIds.includes(passage.unitId) ? MAX_CITATIONS : 2;
    if (count >= cap || citations.length >= MAX_CITATIONS || citations.some((c) => c.id === passage.id)) continue;
    perUnit.set(passage.unitId, count + 1);
    citations.push({ id: passage.id, unitId: passage.unitId, breadcrumb: passage.breadcrumb.join(" › "), quote: passage.text, responsibleUnits: passage.responsibleUnits });
  }
  return citations;
}

function quoteLine(citation: Citation, index: number): string {
  return `[${index + 1}] ${citation.breadcrumb}：“${citation.quote}”`;
}

function responsibleLines(results: SearchResult[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { passage } of results.slice(0, MAX_CITATIONS)) {
    const units = passage.responsibleUnits;
    if (!units || seen.has(units.raw)) continue;
    seen.add(units.raw);
    const title = passage.breadcrumb.at(-1)!;
    const parts = [units.lead.length ? t.lead(units.lead.join("、")) : "", units.support.length ? t.support(units.support.join("、")) : ""];
    lines.push(`- ${title}：${parts.filter(Boolean).join("；")}`);
  }
  // "均需各县、区人民政府、园区管委会负责，下同": the counties and parks share every measure after 二（一）1.
  const local = results.slice(0, MAX_CITATIONS).some((r) => r.passage.responsibleUnits?.alsoResponsible?.length);
  if (lines.length && local) lines.push(t.countyNote);
  return lines;
}

/** "我们厂有很多老电机": the calculator that turns the advice into the plant's own figures. */
function equipmentNextStep(question: string): string | null {
  if (/电机|电动机|马达/.test(question)) return t.nextStepMotor;
  if (/风机|水泵|泵/.test(question)) return t.nextStepVsd;
  return null;
}

function composeNoFigure(what: string, citations: Citation[]): ComposedAnswer {
  const lines = [t.noFigure(what), "", t.basisHeading, ...citations.map(quoteLine), "", t.nextStepHeading, t.nextStepDefault];
  return { markdown: lines.join("\n"), citations, status: "unanswerable_no_content" };
}

function composeNeedsInput(ctx: AnswerContext): ComposedAnswer {
  const run = ctx.toolRuns.at(-1);
  const asks = run?.error ? [run.error] : ctx.calculatorRequest!.missing.map((q) => `- ${q}`);
  const tool = run?.name ?? ctx.calculatorRequest!.tool;
  const lead = t.needsInput[tool] ?? t.needsInput.benchmark_gap!;
  const example = t.needsInputExample[tool] ?? t.needsInputExample.benchmark_gap!;
  return { markdown: [lead, ...asks, example].join("\n"), citations: [], status: "answered_needs_input" };
}

function firstSentence(text: string): string {
  return (/^[^。；]+[。；]?/.exec(text)?.[0] ?? text).replace(/；$/, "。");
}

function topicOf(question: string): string {
  return /钢铁|建材|水泥|化工|装备制造|电子信息|电机|锅炉|光伏|中小企业/.exec(question)?.[0] ?? "您的企业";
}
