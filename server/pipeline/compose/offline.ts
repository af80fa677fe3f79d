import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext, Citation } from "../context.js";
import type { Status } from "../statuses.js";
import { questionKey, similarity } from "../curated.js";
import { pinnedFirst, pinnedResult } from "../search.js";
import { bestSentence } from "./sentences.js";

const MAX_CITATIONS = 3;
const t = messages.answer;

export interface ComposedAnswer {
  markdown: string;
  citations: Citation[];
  status: Status;
}

const ASKS_FOR_FIGURE = /多少|几|比例|百分|目标|标杆值|基准值|限额|降到|降至|达到|什么时候|何时|哪一?年|哪天|日期|截止|金额|电话|号码|文号/;
const ASKS_FOR_QUANTITY = /多少|几个百分点|百分之几|比例是|具体数值|具体指标/;
const ASKS_FOR_AMOUNT = /(补贴|补助|奖励|奖补|资金|支持|贷款|钱).{0,8}(多少|几万|几千|金额|标准|额度|比例)|(多少|几)(钱|万|元)|每吨.{0,6}(补|奖)/;

/** The grounded extractive answer: a direct line from the plan, the clauses behind it, who is responsible, what next. */
export function composeOffline(ctx: AnswerContext): ComposedAnswer {
  if (ctx.intent === "greeting") return { markdown: t.help, citations: [], status: "answered_help" };
  const run = ctx.toolRuns.at(-1);
  const needsInput = ctx.calculatorRequest && (ctx.calculatorRequest.missing.length > 0 || (run?.error && !lookupRefusal(ctx)));
  if (needsInput) return composeNeedsInput(ctx);

  const citations = citationsFrom(withCalculatorUnits(ctx));
  // The lead sentence and every check use the cited passages, so [n] always points at what was quoted.
  const relevant = citations.map((c) => ctx.passages.find((r) => r.passage.id === c.id) ?? pinnedResult(ctx.deps.knowledge.passage(c.id)!));
  if (citations.length === 0) return { markdown: t.noContent, citations: [], status: "unanswerable_no_content" };

  const missingFigure = figureThePlanLacks(ctx, relevant);
  if (missingFigure) return composeNoFigure(missingFigure, citations);

  const lines = [leadLine(ctx, relevant), "", t.basisHeading, ...citations.map(quoteLine)];
  const responsible = responsibleLines(relevant);
  if (responsible.length) lines.push("", t.responsibleHeading, ...responsible);
  const description = run && !run.error ? ctx.deps.calculators.describe(run.name, run.output) : null;
  if (description) lines.push("", t.calculationHeading, ...description.details);
  lines.push("", t.nextStepHeading, description?.nextStep ?? (run ? t.nextStepCalculation : t.nextStepDefault));
  return { markdown: lines.join("\n"), citations, status: "answered" };
}

/** "天然气制合成氨的标杆是多少": the lookup's reason (the plan's figure does not cover it) is the answer; nothing is missing. */
function lookupRefusal(ctx: AnswerContext): string | null {
  const run = ctx.toolRuns.at(-1);
  if (!run?.error || run.name !== "benchmark_lookup") return null;
  return (run.output as { message?: string } | null)?.message ?? run.error;
}

function leadLine(ctx: AnswerContext, relevant: SearchResult[]): string {
  const run = ctx.toolRuns.at(-1);
  if (run && !run.error) return ctx.deps.calculators.describe(run.name, run.output).lead;
  const refusal = lookupRefusal(ctx);
  if (refusal) return refusal;
  const top = relevant[0]!;
  if (ctx.intent === "responsible_unit") {
    const withUnits = relevant.find((r) => r.passage.responsibleUnits) ?? top;
    if (withUnits.passage.responsibleUnits) {
      const title = withUnits.passage.breadcrumb.at(-1)!.replace(/^\d+\.\s*/, "");
      return `${t.responsibleAnswer(title, withUnits.passage.responsibleUnits.raw)}[${relevant.indexOf(withUnits) + 1}]`;
    }
  }
  if (ctx.intent === "enterprise_advice") {
    const bullets = relevant.slice(0, MAX_CITATIONS).map((r, i) => `- ${firstSentence(r.passage.text)}[${i + 1}]`);
    return [t.measuresLead(topicOf(ctx.question)), ...bullets].join("\n");
  }
  const listed = ASKS_FOR_LIST.test(ctx.question) ? listOfItems(ctx, relevant) : null;
  if (listed) return listed;
  const { tokens, weight } = questionTerms(ctx);
  const best = bestSentence(relevant, tokens, ASKS_FOR_FIGURE.test(ctx.question), weight);
  if (!best) return `${t.directLead}${firstSentence(top.passage.text)}[1]`;
  return `${t.directLead}${best.text.replace(/[；，]$/, "。")}[${best.passageIndex + 1}]`;
}

const ASKS_FOR_LIST = /有哪几条|哪几条|有哪些条|有哪几项|哪几项|分别是什么|都有哪些(措施|任务|行动|内容|工程)?|包括哪些|包含哪些/;
const LISTED_KINDS = new Set(["item", "column_item", "sector_row"]);

/**
 * "资源循环利用减碳行动有哪几条？": the numbered items of the section the best passage belongs to, by
 * their titles as the plan writes them, one per line (so a follow-up "第三条" can point at one).
 */
function listOfItems(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  const { knowledge } = ctx.deps;
  const containers = relevant.slice(0, MAX_CITATIONS).flatMap((r) => {
    const unit = knowledge.unit(r.passage.unitId);
    const container = unit && LISTED_KINDS.has(unit.kind) && unit.parentId ? knowledge.unit(unit.parentId) : unit;
    return container ? [container] : [];
  });
  // The section the question names ("资源循环利用减碳行动") wins over one that merely holds the best passage.
  const named = (title: string) => similarity(questionKey(title), questionKey(ctx.question));
  const container = [...containers].sort((a, b) => named(b.title) - named(a.title))[0];
  const items = (container?.childIds ?? [])
    .map((id) => knowledge.unit(id))
    .filter((child) => child !== undefined && LISTED_KINDS.has(child.kind));
  if (!container || items.length < 2) return null;
  const lines = items.map((item, i) => `${i + 1}. ${item!.title}`);
  return [t.listLead(container.breadcrumb.at(-1)!), ...lines].join("\n");
}

/** A calculation cites the plan's clauses for that product (its benchmark, its sector's measures). */
function withCalculatorUnits(ctx: AnswerContext): SearchResult[] {
  const run = ctx.toolRuns.at(-1);
  if (!run || run.error) return ctx.passages;
  const unitIds = ctx.deps.calculators.describe(run.name, run.output).unitIds;
  return pinnedFirst(unitIds.flatMap((id) => ctx.deps.knowledge.passagesOfUnit(id).slice(0, 1)), ctx.passages);
}

/** The best passages, at most two from one unit, so a long clause can be quoted whole without crowding out others. */
function citationsFrom(results: SearchResult[]): Citation[] {
  const perUnit = new Map<string, number>();
  const citations: Citation[] = [];
  for (const { passage } of results) {
    const count = perUnit.get(passage.unitId) ?? 0;
    if (count >= 2 || citations.length >= MAX_CITATIONS || citations.some((c) => c.id === passage.id)) continue;
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
  return lines;
}

/** Things people ask about that the plan never sets; named only when no passage mentions them. */
const UNCOVERED_SUBJECTS = ["罚款", "处罚", "电价", "配额", "收费", "费用", "分成", "有效期", "补贴标准", "申报条件", "碳价", "价格"];
const NAMED_ORGANISATION = /([\u4e00-\u9fff]{2,12}(?:集团|有限公司|股份公司|公司))/;
/** "节能服务公司", "外面公司": kinds of company, not a named one. */
const GENERIC_ORGANISATION = /我|你|他|外面|第三方|服务|咨询|节能|这家|那家|哪家|一家|其他|相关|大公司|小公司|电网|供电/;

/** "手机[手机号已隐去]": the person gave their own number (redacted by checkInput); they did not ask for one. */
const GIVEN_CONTACT = /(手机号?|电话|号码|邮箱|身份证号?)?\s*(是|为|：|:)?\s*\[[^\]]{1,12}已隐去\]/g;

/** "每吨补贴多少钱", "2035年目标", "罚款多少" when no retrieved clause has such a figure: say so, never invent one. */
function figureThePlanLacks(ctx: AnswerContext, relevant: SearchResult[]): string | null {
  if (ctx.calculatorRequest) return null;
  const texts = relevant.slice(0, MAX_CITATIONS).map((r) => r.passage.text).join("");
  const inPlan = (words: string) => ctx.deps.knowledge.passages.some((p) => p.text.includes(words));
  if (ASKS_FOR_AMOUNT.test(ctx.question) && !/\d+(\.\d+)?\s*(万?元|亿元)/.test(texts)) return t.missing.amount;
  const year = /(20\d{2})\s*年/.exec(ctx.question)?.[1];
  if (year && !inPlan(`${year}年`)) return t.missing.year(year);
  if (/电话|手机|号码|联系方式|地址|邮箱/.test(ctx.question.replace(GIVEN_CONTACT, ""))) return t.missing.contact;
  if (/截止|截至|申报时间|什么时候申报|申报日期/.test(ctx.question)) return t.missing.deadline;
  const subject = UNCOVERED_SUBJECTS.find((word) => ctx.question.includes(word) && !inPlan(word));
  if (subject) return t.missing.subject(subject);
  const organisation = NAMED_ORGANISATION.exec(ctx.question)?.[1];
  if (organisation && !GENERIC_ORGANISATION.test(organisation) && !inPlan(organisation)) return t.missing.organisation(organisation);
  if (ASKS_FOR_QUANTITY.test(ctx.question)) {
    const { tokens, weight } = questionTerms(ctx);
    const best = bestSentence(relevant, tokens, true, weight);
    if (best && !/\d/.test(best.text)) return t.missing.figure;
  }
  return null;
}

function composeNoFigure(what: string, citations: Citation[]): ComposedAnswer {
  const lines = [t.noFigure(what), "", t.basisHeading, ...citations.map(quoteLine), "", t.nextStepHeading, t.nextStepDefault];
  return { markdown: lines.join("\n"), citations, status: "unanswerable_no_content" };
}

function composeNeedsInput(ctx: AnswerContext): ComposedAnswer {
  const run = ctx.toolRuns.at(-1);
  const asks = run?.error ? [run.error] : ctx.calculatorRequest!.missing.map((q) => `- ${q}`);
  return { markdown: [t.needsInput, ...asks, t.needsInputExample].join("\n"), citations: [], status: "answered_needs_input" };
}

/** The person's own words count fully; plan terms added from the synonym table count half. */
function questionTerms(ctx: AnswerContext): { tokens: string[]; weight: (token: string) => number } {
  const own = new Set(ctx.deps.searcher.tokenize(ctx.question));
  const added = ctx.deps.searcher.expand(ctx.question);
  const weight = (token: string) => ctx.deps.searcher.termWeight(token) * (own.has(token) ? 1 : 0.5);
  return { tokens: [...own, ...added], weight };
}

function firstSentence(text: string): string {
  return (/^[^。；]+[。；]?/.exec(text)?.[0] ?? text).replace(/；$/, "。");
}

function topicOf(question: string): string {
  return /钢铁|建材|水泥|化工|装备制造|电子信息|电机|锅炉|光伏|中小企业/.exec(question)?.[0] ?? "您的企业";
}
