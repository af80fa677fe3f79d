import type { AnswerContext } from "../context.js";
import type { QuestionTerms } from "./sentences.js";
import { functionalWords } from "../understand/content.js";
import { holdsAnyForm } from "../../language/questionForms.js";

/**
 * The person's own words count fully, plan terms from the synonym table half, and words a follow-up's
 * resolution brought in ("那银行贷款这块呢" → the earlier question's 专项资金) little: they are context
 * that breaks ties, not the question.
 */
const CONTEXT_WEIGHT = 0.1;

const made = new WeakMap<AnswerContext, { key: string; terms: QuestionTerms }>();

/**
 * The terms of the answer's question: made once per answer (the lead ranking and the composer both
 * weigh by them), and made again only if what they are made of has changed since.
 */
export function questionTerms(ctx: AnswerContext): QuestionTerms {
  const key = JSON.stringify([ctx.message, ctx.question, ctx.asks.yesNo, ctx.asks.when]);
  const cached = made.get(ctx);
  const terms = cached?.key === key ? cached.terms : termsOf(ctx);
  if (terms !== cached?.terms) made.set(ctx, { key, terms });
  // Each caller gets its own lists, so none can change another's terms.
  return { ...terms, tokens: [...terms.tokens], years: terms.years && [...terms.years] };
}

function termsOf(ctx: AnswerContext): QuestionTerms {
  const { searcher } = ctx.deps;
  const own = new Set(searcher.tokenize(ctx.message));
  const resolved = searcher.tokenize(ctx.question);
  const added = searcher.expand(ctx.question);
  const synonyms = new Set(added);
  const weight = (token: string) =>
    searcher.termWeight(token) * (own.has(token) ? 1 : synonyms.has(token) ? 0.5 : CONTEXT_WEIGHT);
  const frame = frameWords(ctx);
  // "到2025年培育65户吧": a year a polar question states is a claim to check, not which sentence to pick.
  const years = ctx.asks.yesNo ? [] : [...ctx.question.matchAll(/(20\d{2})\s*年?/g)].map((m) => m[1]!);
  const determiners = ctx.deps.language.forms.askedKind.forms;
  // "那变压器呢": a follow-up asks for the kind its question stands for asked for.
  const askedKind =
    kindAsked(ctx.message, determiners, searcher.tokenize(ctx.message)) ??
    kindAsked(ctx.question, determiners, resolved);
  return {
    tokens: [...new Set([...own, ...resolved, ...added])],
    weight,
    frame,
    years,
    askedKind,
    asksForDocument: asksForDocument(ctx.message, ctx.deps.language.forms.askedKind.documentKinds),
    asksWhen: ctx.asks.when,
    asksTime: ctx.asks.time,
    prohibitionWords: ctx.deps.language.forms.prohibition.forms.some((f) => ctx.message.includes(f))
      ? ctx.deps.language.obligation.prohibition
      : undefined,
    asksQuantity: ctx.deps.language.forms.quantity.forms.some((f) => ctx.message.includes(f)),
  };
}

/** Frame words and question forms: what a question says about the answer it wants, not its subject. */
function frameWords(ctx: AnswerContext): ReadonlySet<string> {
  return functionalWords(ctx.deps.language.forms);
}

/** "适用于哪些企业" → 企业: the word right after a determiner that asks which ones of a kind. */
function kindAsked(message: string, determiners: string[], tokens: string[]): string | undefined {
  for (const determiner of determiners) {
    const at = message.indexOf(determiner);
    if (at < 0) continue;
    const rest = message.slice(at + determiner.length);
    const word = tokens.find((token) => token.length >= 2 && rest.startsWith(token));
    if (word) return word;
  }
  return undefined;
}

/** "按什么标准评", "依据哪个文件": a wh-word right before a kind of document. */
function asksForDocument(message: string, kinds: string[]): boolean {
  return kinds.some((kind) => new RegExp(`(什么|啥|哪个|哪份|哪项|哪些|哪部|哪几个)${kind}`).test(message));
}

const ASKS_FOR_FIGURE =
  /多少|几|比例|百分|目标|标杆值|基准值|限额|降到|降至|达到|什么时候|何时|哪一?年|哪天|日期|截止|金额|电话|号码|文号/;

/** A figure, a date or a year is what the question wants (its words, or its question forms). */
export const asksForFigure = (ctx: AnswerContext) =>
  ASKS_FOR_FIGURE.test(ctx.question) || ctx.asks.when || ctx.asks.howMuch;

/** Whether a question asks about money, and whether a sentence of the plan speaks of it (knowledge/language). */
export const asksAboutMoney = (ctx: AnswerContext) =>
  holdsAnyForm(ctx.deps.language.forms.money, ctx.question);
export const speaksOfMoney = (ctx: AnswerContext, text: string) =>
  holdsAnyForm(ctx.deps.language.forms.funding, text);
