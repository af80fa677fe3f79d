import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext } from "../context.js";
import { asksAboutDocument } from "../understand/documentQuestion.js";
import { functionalWords } from "../understand/content.js";
import { nearestClause } from "./direct.js";
import { subjectShare } from "./subject.js";
import { bestSentence, QUOTED_PASSAGES, sentencesOf, type QuestionTerms } from "./sentences.js";
import { characterPairs } from "../../language/text.js";

/** A year, a date, a period or a frequency ("全国节能宣传周", "“十四五”期间", "每季度"): what can answer a question of time. */
const SAYS_WHEN = /\d|[年月日周季]|期间|定期|每|十[四五六]五/;
/** A point in time, as a deadline needs: a frequency ("定期") is no answer to "什么时候之前". */
const SAYS_BY_WHEN = /\d|十[四五六]五|年底|年末|月底|月末/;

/** Below this share of the question's subject words, a sentence with a figure is about something else. */
const ABOUT_SUBJECT = 0.34;
/** Below this share, a sentence holds nothing of the question's subject at all. */
const SOME_SUBJECT = 0.1;

const t = messages.answer;

/**
 * An amount, a year the plan never names, a procedure, a contact, a deadline, a threshold or a
 * regulatory instrument (knowledge/language/unset-figures.json) that no retrieved clause holds: what
 * the plan does not set, to say so rather than quote a clause as if it answered. Null when the quoted
 * clauses may well answer it.
 */
export function figureThePlanLacks(
  ctx: AnswerContext,
  relevant: SearchResult[],
  terms: QuestionTerms,
): string | null {
  // A calculator's figures, and the document's own number and date, are not the plan's content.
  if (ctx.calculatorRequest || asksAboutDocument(ctx.question)) return null;
  const question = ctx.question;
  const words = ctx.deps.language.unset;
  const texts = relevant
    .slice(0, QUOTED_PASSAGES)
    .map((r) => r.passage.text)
    .join("");
  const inPlan = (phrase: string) => ctx.deps.knowledge.mentions(phrase);
  if (words.amount.test(question) && !words.amountFigure.test(texts))
    return words.penalty.test(question) ? t.missing.penalty : t.missing.amount;
  if (words.procedure.test(question)) return t.missing.procedure;
  // "专精特新企业认定要满足啥条件": the criteria are the departments' own rules, unless the clause names them.
  if (words.criteria.asked.test(question) && !criteriaNamed(words.criteria.named, ctx))
    return t.missing.criteria;
  // "目前入园率到多少了": the plan's targets are not where things stand now.
  if (words.current.test(ctx.message)) return t.missing.current;
  if (words.namedEntities.test(ctx.message)) return t.missing.namedEntities;
  if (words.allocation.test(ctx.message)) return t.missing.allocation;
  const year = /(20\d{2})\s*年/.exec(question)?.[1];
  if (year && !inPlan(`${year}年`)) return t.missing.year(year);
  // "2030年能耗下降多少": the plan names the year, but gives it no figure (its figures are for 2025).
  // A question that states its own figure ("65户吧？") checks a premise instead.
  const ownFigure = /\d/.test(question.replace(/20\d{2}\s*年?/g, ""));
  if (year && words.numberAsked.test(question) && !ownFigure && !figureForYear(year, ctx))
    return t.missing.yearFigure(year);
  if (words.contact.test(question.replace(words.givenContact, ""))) return t.missing.contact;
  if (words.applicationDeadline.test(question)) return t.missing.deadline;
  const deadline = deadlineLacking(words.deadline, question, texts, (named) => mostlyInPlan(named, ctx));
  if (deadline) return deadline;
  // "截止到哪一年？" of a clause that names no year: the plan sets it no date.
  if (words.yearAsked.test(ctx.message) && !/20\d{2}\s*年/.test(texts)) return t.missing.when;
  // "哪一年实现碳中和": asked with a word of time, and the sentence that answers best gives none.
  if (ctx.asks.time) {
    // A year in a document's title ("《…行动计划（2021-2023年）》") is not a time the plan sets.
    const best = (bestSentence(relevant, terms, true)?.text ?? "0").replace(/《[^》]*》/g, "《》");
    const says = words.byWhen.test(question) ? SAYS_BY_WHEN : SAYS_WHEN;
    // A time in a sentence about something else ("2025年，电弧炉…" for 碳中和) is no answer either; a
    // follow-up pinned to its clause ("那到哪年完成") is about that clause, whatever its words.
    if (
      !says.test(best) ||
      (ctx.pinnedUnitIds.length === 0 && subjectShare(ctx, best, "", ctx.question) < SOME_SUBJECT)
    )
      return t.missing.when;
  }
  const threshold = words.threshold.exec(question)?.[1];
  if (threshold && !sentenceWithFigureAbout(threshold, texts)) return t.missing.threshold(threshold);
  const subject = words.regulatoryInstruments.find((word) => question.includes(word) && !inPlan(word));
  if (subject) return t.missing.subject(subject);
  // A technical acronym in a Chinese question ("PUE", "CCER") that the plan never uses is a subject it
  // does not treat, whatever clause shares the question's other words.
  const acronym = /\p{Script=Han}/u.test(question)
    ? (question.match(/\b[A-Z][A-Z0-9]{1,7}\b(?:[ /-]?T?[ /-]?\d+(?:[.-]\d+)*)?/g) ?? []).find(
        (word) => !inPlanIgnoringCase(word, ctx),
      )
    : undefined;
  if (acronym) return t.missing.subject(acronym);
  // "方案对充电桩建设有什么要求": a subject the plan never speaks of, whatever clause shares the rest.
  const asked = words.topicAsked.exec(ctx.message);
  // What the plan requires of or offers a subject: only one wholly outside it ("充电桩") is one it does not
  // treat; a figure or scale asked of one: any word outside it ("光伏装机容量") leaves it unset.
  const topic = asked && unknownTopic(asked.slice(1).find(Boolean), ctx, asked[1] ? "every" : "some");
  if (topic) return t.missing.subject(topic);
  const organisation = words.namedOrganisation.exec(question)?.[1];
  if (organisation && !words.genericOrganisation.test(organisation) && !inPlan(organisation))
    return t.missing.organisation(organisation);
  if (words.quantity.test(question)) {
    // The figure must be in the part of the sentence about what is asked: "能耗下降15%，二氧化碳排放
    // 下降完成省下达目标" sets no percentage for the second.
    // …and the sentence must be about what is asked: a benchmark of another product is no answer.
    const best = bestSentence(relevant, terms, true);
    if (best && (!/\d/.test(nearestClause(best.text, terms)) || subjectShare(ctx, best.text) < ABOUT_SUBJECT))
      return t.missing.figure;
  }
  return null;
}

/** Whether some sentence of the documents names the rules that decide the question's subject ("依据《绿色工厂评价要求》"). */
function criteriaNamed(named: RegExp, ctx: AnswerContext): boolean {
  return ctx.deps.knowledge.passages.some((p) =>
    sentencesOf(p.text).some(
      (sentence) => named.test(sentence) && subjectShare(ctx, sentence, "", ctx.question) >= ABOUT_SUBJECT,
    ),
  );
}

/** "2030年…", not "较2020年…": a year a figure is compared with is not the year the figure is for. */
export function yearItself(year: string): RegExp {
  return new RegExp(`(?<!较|比|相比|与)${year}年`);
}

/** Whether some sentence of the documents gives a figure for the year (a digit besides years) on the question's subject. */
function figureForYear(year: string, ctx: AnswerContext): boolean {
  const itself = yearItself(year);
  return ctx.deps.knowledge.passages.some((p) =>
    sentencesOf(p.text).some(
      (sentence) =>
        itself.test(sentence) &&
        /\d/.test(sentence.replace(/20\d{2}\s*年?/g, "")) &&
        // Of the question as resolved: "那标杆值呢" after "熟料2025年目标是多少" is still about clinker;
        // and by more than the year, which every sentence looked at holds.
        subjectShare(ctx, sentence, "", ctx.question) >= ABOUT_SUBJECT &&
        subjectShare(ctx, sentence, "", ctx.question.replace(/20\d{2}\s*年?/g, "")) >= SOME_SUBJECT,
    ),
  );
}

/**
 * A task's deadline: the plan sets none when it never names the task, or when none of the quoted
 * clauses carries a year.
 */
function deadlineLacking(
  pattern: RegExp,
  question: string,
  texts: string,
  named: (words: string) => boolean,
): string | null {
  const match = pattern.exec(question);
  if (!match) return null;
  // "X的Y改造": the last phrase before the deadline words names the task.
  const task = (
    match[1]!
      .split(/[的之]/)
      .filter(Boolean)
      .at(-1) ?? match[1]!
  )
    // "超低排放改造要在什么时候完成": the modal and the preposition before the time are not the task's name.
    .replace(/(必须|需要|应当|应该|要|应|需|得)?(在|于)?$/, "");
  // "那到哪年完成": a pointing word and a preposition name no task.
  const core = task
    .replace(/^(那么|那个|这个|那|这)/, "")
    .replace(/(到|在|要|得)$/, "")
    .replace(/(改造|建设|工作|任务|项目)$/, "");
  if (core.length >= 2 && !named(core)) return t.missing.subject(task);
  return /20\d{2}\s*年/.test(texts) ? null : t.missing.deadline;
}

/**
 * The subject asked about, without the words that frame it ("我们", "建设"), when a word of it is one the
 * plan never speaks of (充电桩, 装机); else null.
 */
function unknownTopic(
  phrase: string | undefined,
  ctx: AnswerContext,
  /** Whether every word of the subject must be outside the plan, or some. */
  outside: "every" | "some",
): string | null {
  // "对这类设备…": a subject pointed at, named before; "对我们日常生产…": the asker's own work, which a
  // plan for all enterprises speaks of whatever words it is put in.
  if (!phrase || /^(我们|咱们|我|本厂|我厂|[这那])/.test(phrase)) return null;
  const core = phrase.replace(/^(方案|你们)+/, "").replace(/(建设|工作|方面|领域|行业|企业|项目|问题)$/, "");
  // An everyday word for one of the plan's terms ("余热发电" for 余热余压) is the plan's subject.
  if (core.length < 2 || ctx.deps.searcher.expand(core).length > 0) return null;
  // The words as written ("装机容量", not only its known part 容量), less the forms of asking.
  const functional = functionalWords(ctx.deps.language.forms);
  const measures = ctx.deps.language.unset.measureNouns;
  const words = ctx.deps.searcher
    .segment(core)
    .filter((word) => /^\p{Script=Han}{2,}$/u.test(word) && !functional.has(word) && !measures.has(word));
  const unknown = (word: string) => unknownToPlan(word, ctx);
  return words.length > 0 && (outside === "every" ? words.every(unknown) : words.some(unknown)) ? core : null;
}

/**
 * A word the plan never speaks of: not in its index, no everyday word for one of its terms (空压机 for
 * 压缩机), no industry its model maps, and most of its character pairs nowhere in its text.
 */
function unknownToPlan(word: string, ctx: AnswerContext): boolean {
  const { searcher, planModel } = ctx.deps;
  return (
    searcher.termWeight(word) === 0 &&
    searcher.expand(word).length === 0 &&
    !planModel?.industryFor(word).length &&
    !mostlyInPlan(word, ctx)
  );
}

function inPlanIgnoringCase(word: string, ctx: AnswerContext): boolean {
  const lower = word.toLowerCase();
  return ctx.deps.knowledge.passages.some((p) => p.text.toLowerCase().includes(lower));
}

/** Whether a quoted clause says something about `subject` with a figure in the same sentence. */
function sentenceWithFigureAbout(subject: string, texts: string): boolean {
  return texts.split(/[。；！？\n]/).some((sentence) => sentence.includes(subject) && /\d/.test(sentence));
}

/**
 * Whether the plan speaks of `words`, allowing other wording around them: most of their character
 * pairs occur in it (a phrase whose pairs never occur in the plan is a subject it does not treat).
 */
function mostlyInPlan(words: string, ctx: AnswerContext): boolean {
  const pairs = characterPairs(words);
  if (pairs.length === 0) return true;
  const found = pairs.filter((pair) => ctx.deps.knowledge.mentions(pair));
  return found.length / pairs.length >= MOSTLY;
}

const MOSTLY = 0.6;
