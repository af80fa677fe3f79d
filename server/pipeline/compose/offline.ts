import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext, Citation } from "../context.js";
import type { Status } from "../statuses.js";
import { pinnedFirst, pinnedResult } from "../search.js";
import { asksAboutDocument } from "../understand/documentQuestion.js";
import { ASKS_FOR_LIST, listOfItems } from "./listOfItems.js";
import { figureThePlanLacks } from "./missingFigure.js";
import { questionTerms } from "./questionTerms.js";
import { responsibleLead, responsibleLines } from "./responsible.js";
import { bestSentence, bestSentenceOf, QUOTED_PASSAGES, type QuestionTerms } from "./sentences.js";

const t = messages.answer;

export interface ComposedAnswer {
  markdown: string;
  citations: Citation[];
  status: Status;
}

const ASKS_FOR_FIGURE =
  /多少|几|比例|百分|目标|标杆值|基准值|限额|降到|降至|达到|什么时候|何时|哪一?年|哪天|日期|截止|金额|电话|号码|文号/;

/** The grounded extractive answer: a direct line from the plan, the clauses behind it, who is responsible, what next. */
export function composeOffline(ctx: AnswerContext): ComposedAnswer {
  if (ctx.intent === "greeting") return { markdown: t.help, citations: [], status: "answered_help" };
  const run = ctx.toolRuns.at(-1);
  const needsInput =
    ctx.calculatorRequest &&
    !calculatorVerdict(ctx) &&
    (ctx.calculatorRequest.missing.length > 0 || run?.error);
  if (needsInput) return composeNeedsInput(ctx);

  const list = ASKS_FOR_LIST.test(ctx.question) ? listOfItems(ctx, ctx.passages) : null;
  const base = withCalculatorUnits(ctx);
  const citations = citationsFrom(list ? pinnedFirst(list.cited, base) : base, ctx.pinnedUnitIds);
  // The lead sentence and every check use the cited passages, so [n] always points at what was quoted.
  const relevant = citations.map(
    (c) => ctx.passages.find((r) => r.passage.id === c.id) ?? pinnedResult(ctx.deps.knowledge.passage(c.id)!),
  );
  if (citations.length === 0 && !(run && !run.error))
    return { markdown: t.noContent, citations: [], status: "unanswerable_no_content" };

  const terms = questionTerms(ctx);
  const missingFigure = figureThePlanLacks(ctx, relevant, terms);
  if (missingFigure) return composeNoFigure(missingFigure, citations);

  const lines = [list?.text ?? leadLine(ctx, relevant, terms)];
  if (citations.length) lines.push("", t.basisHeading, ...citations.map(quoteLine));
  const responsible = responsibleLines(relevant);
  if (responsible.length) lines.push("", t.responsibleHeading, ...responsible);
  const description = run && !run.error ? ctx.deps.calculators.describe(run.name, run.output) : null;
  if (description)
    lines.push(
      "",
      t.calculationHeading,
      ...new Set([...(ctx.calculatorRequest?.notes ?? []), ...description.details]),
    );
  lines.push(
    "",
    t.nextStepHeading,
    description?.nextStep ??
      (run ? t.nextStepCalculation : (equipmentNextStep(ctx.question) ?? t.nextStepDefault)),
  );
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

function leadLine(ctx: AnswerContext, relevant: SearchResult[], terms: QuestionTerms): string {
  const run = ctx.toolRuns.at(-1);
  if (run && !run.error) {
    const result = ctx.deps.calculators.describe(run.name, run.output).lead;
    // "……能省多少，有补贴吗": the result first, then what the plan says about money.
    const money = ASKS_ABOUT_MONEY.test(ctx.question)
      ? bestSentence(relevant, terms, false, (s) => MONEY_TEXT.test(s))
      : null;
    return money
      ? `${result}\n${t.directLead}${money.text.replace(/[；，]$/, "。")}[${money.passageIndex + 1}]${t.moneyTermsNote}`
      : result;
  }
  const verdict = calculatorVerdict(ctx);
  if (verdict) return verdict;
  const top = relevant[0]!;
  const documentLead = documentLine(ctx, relevant);
  if (documentLead) return documentLead;
  // "有补贴吗？找谁？": what the plan says about money first, then whom the measure belongs to.
  const money = ASKS_ABOUT_MONEY.test(ctx.question)
    ? bestSentence(relevant, terms, false, (s) => MONEY_TEXT.test(s))
    : null;
  // The plan names funds but no amounts; say so rather than let the person infer a subsidy scheme.
  const moneyLine = money
    ? `${t.directLead}${money.text.replace(/[；，]$/, "。")}[${money.passageIndex + 1}]${t.moneyTermsNote}`
    : null;
  if (ctx.intent === "responsible_unit") {
    const responsible = responsibleLead(relevant, terms, ctx.pinnedUnitIds);
    if (responsible) return moneyLine ? `${moneyLine}\n${responsible}` : responsible;
  }
  if (moneyLine) return moneyLine;
  if (ctx.intent === "enterprise_advice")
    return [t.measuresLead(topicOf(ctx.question)), ...measureBullets(relevant, terms)].join("\n");
  const best = bestSentence(relevant, terms, ASKS_FOR_FIGURE.test(ctx.question));
  if (!best) return `${t.directLead}${firstSentence(top.passage.text)}[1]`;
  return `${t.directLead}${best.text.replace(/[；，]$/, "。")}[${best.passageIndex + 1}]`;
}

/** A question about money (补贴, 贷款, 资金) and the plan's sentences that speak of it. */
const ASKS_ABOUT_MONEY =
  /补贴|补助|奖励|奖补|资金|扶持|贷款|信贷|融资|金融|给钱|发钱|补钱|拿钱|有钱|税收|减税|免税|退税/;
const MONEY_TEXT = /资金|信贷|金融|贷款|融资|税收|奖励|补贴|补助/;

/** A bullet per cited passage, each its sentence that answers the question; passages far off the best are left out. */
function measureBullets(relevant: SearchResult[], terms: QuestionTerms): string[] {
  const found = relevant.slice(0, QUOTED_PASSAGES).map((r, i) => ({
    i,
    best: bestSentenceOf(r.passage.text, terms, false, r.passage.breadcrumb.at(-1)),
    text: r.passage.text,
  }));
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
  const dated = relevant.findIndex(
    (r) => r.passage.unitId === relevant[notice]!.passage.unitId && r.passage.text.includes(date),
  );
  return `${t.documentLead(meta.title, meta.issuers, meta.number, date)}[${(dated >= 0 ? dated : notice) + 1}]`;
}

/**
 * A calculation cites the plan's clauses for that product (its benchmark, its sector's measures); asked
 * about money as well, the plan's clause on funds comes right after the first of them.
 */
function withCalculatorUnits(ctx: AnswerContext): SearchResult[] {
  const run = ctx.toolRuns.at(-1);
  if (!run || run.error) return ctx.passages;
  const unitIds = ctx.deps.calculators.describe(run.name, run.output).unitIds;
  const own = unitIds.flatMap((id) => ctx.deps.knowledge.passagesOfUnit(id).slice(0, 1));
  const funds = ASKS_ABOUT_MONEY.test(ctx.question)
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
function citationsFrom(results: SearchResult[], pinnedUnitIds: string[] = []): Citation[] {
  const perUnit = new Map<string, number>();
  const citations: Citation[] = [];
  for (const { passage } of results) {
    const count = perUnit.get(passage.unitId) ?? 0;
    const cap = pinnedUnitIds.includes(passage.unitId) ? QUOTED_PASSAGES : 2;
    if (count >= cap || citations.length >= QUOTED_PASSAGES || citations.some((c) => c.id === passage.id))
      continue;
    perUnit.set(passage.unitId, count + 1);
    citations.push({
      id: passage.id,
      unitId: passage.unitId,
      breadcrumb: passage.breadcrumb.join(" › "),
      quote: passage.text,
      responsibleUnits: passage.responsibleUnits,
    });
  }
  return citations;
}

function quoteLine(citation: Citation, index: number): string {
  return `[${index + 1}] ${citation.breadcrumb}：“${citation.quote}”`;
}

/** "我们厂有很多老电机": the calculator that turns the advice into the plant's own figures. */
function equipmentNextStep(question: string): string | null {
  if (/电机|电动机|马达/.test(question)) return t.nextStepMotor;
  if (/风机|水泵|泵/.test(question)) return t.nextStepVsd;
  return null;
}

function composeNoFigure(what: string, citations: Citation[]): ComposedAnswer {
  const lines = [
    t.noFigure(what),
    "",
    t.basisHeading,
    ...citations.map(quoteLine),
    "",
    t.nextStepHeading,
    t.nextStepDefault,
  ];
  return { markdown: lines.join("\n"), citations, status: "unanswerable_no_content" };
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
  const funds = ASKS_ABOUT_MONEY.test(ctx.question) ? fundsCitation(ctx) : null;
  const citations = funds ? [funds.citation] : [];
  const moneyParagraph = funds ? ["", `${t.directLead}${funds.sentence}[1]${t.moneyTermsNote}`] : [];
  if (!provisional)
    return {
      markdown: [questions, ...moneyParagraph].join("\n"),
      citations,
      status: "answered_needs_input",
    };
  const result = ctx.deps.calculators.describe(provisional.name, provisional.output);
  const markdown = [
    `${result.lead}${request.provisional?.note ?? ""}`,
    "",
    questions,
    ...moneyParagraph,
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
    passage.text.split(/(?<=。)/).find((x) => MONEY_TEXT.test(x)) ?? firstSentence(passage.text);
  return { citation: citationsFrom([pinnedResult(passage)])[0]!, sentence };
}

function firstSentence(text: string): string {
  return (/^[^。；]+[。；]?/.exec(text)?.[0] ?? text).replace(/；$/, "。");
}

function topicOf(question: string): string {
  return /钢铁|建材|水泥|化工|装备制造|电子信息|电机|锅炉|光伏|中小企业/.exec(question)?.[0] ?? "您的企业";
}
