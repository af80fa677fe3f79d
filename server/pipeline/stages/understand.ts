import type { CalculatorRequest } from "../calculatorPort.js";
import type { AnswerContext } from "../context.js";
import { documentNoticeUnits } from "../understand/documentQuestion.js";
import { resolveFollowUp } from "../understand/followUp.js";
import { classifyIntent } from "../understand/intent.js";
import { guessPersona } from "../understand/persona.js";
import { readAsks } from "../understand/asks.js";
import { contentWords } from "../understand/content.js";

export async function understand(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting") return;
  const namesNoSubject = (message: string) =>
    contentWords(message, ctx.deps.language.forms, ctx.deps.searcher).length === 0;
  const resolution = resolveFollowUp(ctx.message, ctx.history, ctx.deps.knowledge, namesNoSubject);
  ctx.question = resolution.question;
  ctx.pinnedUnitIds = [
    ...resolution.pinnedUnitIds,
    ...namedColumnEntries(ctx),
    ...documentNoticeUnits(ctx.question, ctx.deps.knowledge),
  ];

  // Read from the resolved question: "那X呢？" asks what the question it stands for asked.
  ctx.asks = readAsks(ctx.question, ctx.deps.language.forms);
  ctx.industry = ctx.deps.planModel?.industryFor(ctx.question)[0] ?? null;
  ctx.calculatorRequest = lookupOrCalculation(ctx);
  ctx.intent = classifyIntent(ctx.question, ctx.calculatorRequest?.tool ?? null);
  // "一个什么样的管理体系": a word of managing is not a question about who manages.
  if (ctx.intent === "responsible_unit" && !ctx.asks.who)
    ctx.intent = classifyIntent(ctx.question, null, false);
  ctx.persona = guessPersona([...ctx.history.map((turn) => turn.question), ctx.message].join("\n"));
}

const WANTS_CALCULATION =
  /算一下|算算|算一算|帮我算|计算|测算|达标|对一下标杆|对照标杆|差多少|差距|差标杆|对标|能省|节约多少|省多少|节能多少|要节能|需节能|节省多少|减碳多少|减排多少|离标杆|够标杆|先进吗|落后吗|回本|回收期|节电|节能量|进度/;
/** "把15kW电机换成二级能效": a plant's equipment and a change to it, which the savings calculators work out. */
const CHANGES_EQUIPMENT =
  /(电机|电动机|马达|风机|水泵|泵).{0,20}(换|更换|改成|升级|变频|改造)|(换|更换|升级|改造|加装).{0,12}(电机|电动机|马达|变频)/;
const ASKS_TO_WORK_OUT =
  /对一下标杆|对照标杆|对标一下|对下标杆|算一下|算算|算一算|帮我算|计算|测算|达标|差多少|差距多大|能省|省多少|节约多少|回本|回收期|先进吗|落后吗|够标杆|离标杆/;
const GIVES_OWN_FIGURE =
  /\d+(?:\.\d+)?\s*(?:千克|公斤|kg|吨|万吨|tce|kgce|千瓦时|度|kwh|万千瓦时|亿千瓦时|千瓦|kw)/i;
const COMPARES = /标杆|基准|达标|先进|差|比/;
const ABOUT_OWN_PLANT = /我们|我厂|我司|咱们|客户|这家|一家|企业|厂/;

/**
 * A message is a calculation when it completes one the assistant asked about, or when the person
 * wants a comparison or saving worked out and gives figures (or asks about their own plant). A
 * question about the plan's own figures ("熟料目标是100还是102？") is not.
 */
function calculatorRequest(ctx: AnswerContext): CalculatorRequest | null {
  const { calculators } = ctx.deps;
  const previous = ctx.history.at(-1);
  const pending = previous?.status === "answered_needs_input" ? previous.calculatorRequest : null;
  const text = ctx.question;
  const ownFigure = GIVES_OWN_FIGURE.test(ctx.message);
  const wants =
    (WANTS_CALCULATION.test(text) && (ownFigure || ABOUT_OWN_PLANT.test(text))) ||
    (ownFigure && (COMPARES.test(text) || CHANGES_EQUIPMENT.test(text)));
  if (!pending && !wants) return null;
  const earlier =
    pending ??
    ctx.history
      .map((turn) => turn.calculatorRequest)
      .filter((r) => r !== null)
      .at(-1) ??
    null;
  // "我们吨氨是1150公斤标煤" after "合成氨的标杆值是多少？": the product (or output) was said a turn earlier.
  const context = previous?.resolvedQuestion;
  const candidates = [
    calculators.parseMessage(text, earlier),
    context ? calculators.parseMessage(`${context}。${text}`, earlier) : null,
  ];
  const best = candidates
    .filter((c): c is CalculatorRequest => c !== null)
    // Fewest questions left first; then the reading that understood more (the output said a turn earlier).
    .sort(
      (a, b) =>
        a.missing.length - b.missing.length || Object.keys(b.input).length - Object.keys(a.input).length,
    )[0];
  if (best) return best;
  // With nothing of the plant's known, only a request to work something out asks for its figures:
  // "我们厂能耗达标了吗" does; "对标的时候方案认可哪些标准" asks about the plan.
  return wants && ASKS_TO_WORK_OUT.test(text) ? calculators.blankBenchmarkRequest() : null;
}

/**
 * "合成氨要做到多少才算达到标杆？", "30吨电弧炉的标杆是多少": a question about the levels themselves is a
 * lookup, even where it reads like a comparison still short of the plant's own figure.
 */
function lookupOrCalculation(ctx: AnswerContext): CalculatorRequest | null {
  const calculation = calculatorRequest(ctx);
  const lookup = ctx.deps.calculators.parseLookup(ctx.question);
  if (!lookup) return calculation;
  if (!calculation) return lookup;
  const completesEarlier = ctx.history.at(-1)?.status === "answered_needs_input";
  const asksOnlyForLevels =
    calculation.tool === "benchmark_gap" &&
    calculation.missing.length > 0 &&
    !WANTS_CALCULATION.test(ctx.question) &&
    !GIVES_CONSUMPTION.test(ctx.message);
  return asksOnlyForLevels && !completesEarlier ? lookup : calculation;
}

/** An energy figure of the plant's own (a capacity "30吨电弧炉" is not one). */
const GIVES_CONSUMPTION =
  /\d+(?:\.\d+)?\s*(?:千克|公斤|kg|tce|kgce|千瓦时|度|kwh|万千瓦时|亿千瓦时|吨标|标煤|标准煤)/i;

/** "专栏3讲了什么": a column named by its number is what the question is about. */
function namedColumnEntries(ctx: AnswerContext): string[] {
  const number = /专栏\s*(\d{1,2})/.exec(ctx.question)?.[1];
  if (!number) return [];
  const column = ctx.deps.knowledge.units.find(
    (unit) => unit.kind === "column" && unit.label === `专栏${number}`,
  );
  return column?.childIds ?? [];
}
