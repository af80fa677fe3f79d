import { messages } from "../../messages.js";
import { beijingDay } from "../../time.js";
import type { AnswerContext } from "../context.js";
import { isGreetingOrHelp } from "../guard/greeting.js";
import { understandCalculation } from "../understand/calculation/conversation.js";
import { documentBasisUnits, documentNoticeUnits } from "../understand/documentQuestion.js";
import { resolveFollowUp, subjectOf } from "../understand/followUp.js";
import { findTopic } from "../understand/topics.js";
import { holdsAnyForm } from "../../language/questionForms.js";
import { classifyIntent } from "../understand/intent.js";
import { levelStatusAsked } from "../understand/levelStatus.js";
import { personaOf } from "../understand/persona.js";
import { readAsks } from "../understand/asks.js";
import { contentWords, wordsBeyondAskedKind } from "../understand/content.js";
import { listNamed } from "../understand/ordinal.js";
import { listedChildren } from "../compose/listOfItems.js";

export async function understand(ctx: AnswerContext): Promise<void> {
  if (ctx.intent === "greeting") return;
  const subjectWords = (message: string) => contentWords(message, ctx.deps.language.forms, ctx.deps.searcher);
  const resolution = resolveFollowUp(
    ctx.message,
    ctx.history,
    ctx.deps.knowledge,
    // An industry named ("我们是物流公司") is a subject, though the plan never uses the word; the kind
    // asked for ("都提了哪些产品") is not one.
    (message) =>
      wordsBeyondAskedKind(message, subjectWords(message), ctx.deps.language.forms).length === 0 &&
      !ctx.deps.planModel?.industryFor(message).length,
    subjectWords,
    (message) => namesTopic(ctx, message),
    // "我是做纺织的" … "对我们行业有啥要求": an industry the plan never names carries over too.
    (message) => findTopic(message) ?? ctx.deps.planModel?.industryFor(message)[0]?.alias ?? null,
  );
  ctx.question = resolution.question;
  ctx.subjectUnitId = subjectOf(ctx.history, ctx.deps.knowledge)?.id ?? null;
  // "有补贴吗" after 电机能效提升: the money is in the plan's funding clauses, not in the clause before;
  // the question keeps that clause's title to search by, but is not held to it.
  const asksMoney = holdsAnyForm(ctx.deps.language.forms.money, ctx.message);
  ctx.pinnedUnitIds = [
    ...(asksMoney && resolution.question !== ctx.message ? [] : resolution.pinnedUnitIds),
    ...namedColumnEntries(ctx),
    ...documentNoticeUnits(ctx.question, ctx.deps.knowledge),
    ...documentBasisUnits(ctx.question, ctx.deps.knowledge),
  ];

  const reading = { ...ctx.deps.reading, year: Number(beijingDay().slice(0, 4)) };
  const calculation = understandCalculation({
    message: ctx.message,
    question: ctx.question,
    history: ctx.history,
    reading,
  });
  ctx.calculatorRequest = calculation.request;
  if (calculation.dropped) {
    // "算了": the calculation is dropped; whatever else the message asks is a new question.
    const rest = calculation.dropped.rest;
    if (!rest || isGreetingOrHelp(rest)) {
      ctx.stop("answered_help", messages.answer.calculationDropped);
      return;
    }
    ctx.question = rest;
    ctx.pinnedUnitIds = [];
    ctx.calculatorRequest = understandCalculation({
      message: rest,
      question: rest,
      history: [],
      reading,
    }).request;
  }
  // "不达标的生产线会怎么样": what the policy asks of that standing, from the clauses that say it.
  // A look-up of the levels it names gives way to it; a calculation of the plant's own figures does not.
  const lookup = ctx.calculatorRequest?.tool === "benchmark_lookup";
  ctx.levelStatus =
    ctx.calculatorRequest && !lookup ? null : levelStatusAsked(ctx.question, ctx.deps.language.forms);
  if (ctx.levelStatus && lookup) ctx.calculatorRequest = null;
  if (ctx.levelStatus) {
    const guidance = ctx.deps.calculators.data.policy.guidance[ctx.levelStatus].map((q) => q.unitId);
    ctx.pinnedUnitIds = [...new Set([...guidance, ...ctx.pinnedUnitIds])];
  }
  // Read from the resolved question: "那X呢？" asks what the question it stands for asked.
  ctx.asks = readAsks(ctx.question, ctx.deps.language.forms, ctx.deps.searcher.tokenize(ctx.question));
  // "保障措施分几块": a question for the items of a list the plan names points at every item of it.
  // ("加大绿色低碳产品供给那条…哪些领域" names a clause inside, whose longer title is the subject.)
  const named =
    ctx.asks.list && ctx.pinnedUnitIds.length === 0 ? listNamed(ctx.question, ctx.deps.knowledge) : null;
  const list = named && !longerTitleNamed(ctx, named.title) ? named : null;
  if (list) ctx.pinnedUnitIds = listedChildren(list, ctx.deps.knowledge).map((u) => u.id);
  ctx.industry = ctx.deps.planModel?.industryFor(ctx.question)[0] ?? null;
  // Whom to ask is read from the question forms ("是经信局负责吧", "牵头和参与的单位"); "一个什么样的管理体系":
  // a word of managing without them is not a question about who manages.
  ctx.intent = classifyIntent(ctx.question, ctx.calculatorRequest?.tool ?? null, ctx.asks.who);
  ctx.persona = personaOf(
    ctx.history.map((turn) => turn.question),
    ctx.message,
  );
}

/** Whether the question names a clause by a title longer than `title` (a more particular subject). */
function longerTitleNamed(ctx: AnswerContext, title: string): boolean {
  return ctx.deps.knowledge.units.some(
    (u) => u.title.length > title.length && ctx.question.includes(u.title),
  );
}

/** "专栏3讲了什么": a column named by its number is what the question is about. */
function namedColumnEntries(ctx: AnswerContext): string[] {
  const number = /专栏\s*(\d{1,2})/.exec(ctx.question)?.[1];
  if (!number) return [];
  const column = ctx.deps.knowledge.units.find(
    (unit) => unit.kind === "column" && unit.label === `专栏${number}`,
  );
  return column?.childIds ?? [];
}

/** "我们厂电炉钢…" after talk of motors: a product of the catalogue or an industry is a topic of its own. */
function namesTopic(ctx: AnswerContext, message: string): boolean {
  if (findTopic(message) || ctx.deps.planModel?.industryFor(message).length) return true;
  const { products, uncatalogued } = ctx.deps.calculators.data;
  return [...products, ...uncatalogued].some((p) => [p.name, ...p.aliases].some((a) => message.includes(a)));
}
