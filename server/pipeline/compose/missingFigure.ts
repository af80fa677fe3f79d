import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext } from "../context.js";
import { asksAboutDocument } from "../understand/documentQuestion.js";
import { bestSentence, characterPairs, QUOTED_PASSAGES, type QuestionTerms } from "./sentences.js";

const t = messages.answer;

const ASKS_FOR_QUANTITY = /多少|几个百分点|百分之几|比例是|具体数值|具体指标/;
/** "每吨补贴多少钱", "每瓦能补几毛钱", "奖励标准是多少". */
const ASKS_FOR_AMOUNT =
  /(补贴|补助|奖励|奖补|资金|支持|贷款|钱).{0,8}(多少|几万|几千|金额|标准|额度|比例)|(多少|几)(钱|万|元)|几(毛|块|分)钱|每(吨|瓦|千瓦|兆瓦|度|千瓦时|户|台|套|平方米?|个)[^，。？?]{0,6}(补|奖|给|返)/;
/** "申报要交哪些材料", "在哪儿申报": how to apply, which the plan leaves to the notices that follow it. */
const ASKS_FOR_PROCEDURE =
  /申报材料|申请材料|材料清单|(交|提交|准备|需要)哪些材料|申报流程|申请流程|办理流程|申报入口|申报网址|网上申报|在哪(里|儿)?(申报|申请|办理)|网址|网站/;
/** "年耗多少吨以上就算重点用能单位": the threshold that makes something what it is. */
const ASKS_FOR_THRESHOLD =
  /(?:多少|几).{0,12}(?:就算|才算|算是|才能算|就是|属于)([\u4e00-\u9fff]{2,12}?)(?:了|吗|呢|[？?。！!]|$)/;
/** "超低排放改造最晚要在哪年完成": a deadline, and the words before it name what it is for. */
const ASKS_FOR_DEADLINE =
  /([\u4e00-\u9fff]{2,16}?)(?:最晚|最迟|的期限|要在哪一?年|哪一?年(?:之?前)?完成|什么时候(?:之?前)?完成|何时完成)/;
const APPLICATION_DEADLINE = /截止|截至|申报时间|什么时候申报|申报日期/;

/** Things people ask about that the plan never sets; named only when no passage mentions them. */
const UNCOVERED_SUBJECTS = [
  "罚款",
  "处罚",
  "电价",
  "配额",
  "收费",
  "费用",
  "分成",
  "有效期",
  "补贴标准",
  "申报条件",
  "碳价",
  "价格",
];
const NAMED_ORGANISATION = /([\u4e00-\u9fff]{2,12}(?:集团|有限公司|股份公司|公司))/;
/** "节能服务公司", "外面公司": kinds of company, not a named one. */
const GENERIC_ORGANISATION =
  /我|你|他|外面|第三方|服务|咨询|节能|这家|那家|哪家|一家|其他|相关|大公司|小公司|电网|供电/;

/** "手机[手机号已隐去]": the person gave their own number (redacted by checkInput); they did not ask for one. */
const GIVEN_CONTACT = /(手机号?|电话|号码|邮箱|身份证号?)?\s*(是|为|：|:)?\s*\[[^\]]{1,12}已隐去\]/g;

/**
 * "每吨补贴多少钱", "2035年目标", "罚款多少", "申报要交哪些材料" when no retrieved clause has the answer:
 * what the plan does not set, to say so rather than quote a clause as if it answered. Null when the
 * quoted clauses may well answer it.
 */
export function figureThePlanLacks(
  ctx: AnswerContext,
  relevant: SearchResult[],
  terms: QuestionTerms,
): string | null {
  // A calculator's figures, and the document's own number and date, are not the plan's content.
  if (ctx.calculatorRequest || asksAboutDocument(ctx.question)) return null;
  const question = ctx.question;
  const texts = relevant
    .slice(0, QUOTED_PASSAGES)
    .map((r) => r.passage.text)
    .join("");
  const inPlan = (words: string) => ctx.deps.knowledge.passages.some((p) => p.text.includes(words));
  if (ASKS_FOR_AMOUNT.test(question) && !/\d+(\.\d+)?\s*(万?元|亿元)/.test(texts)) return t.missing.amount;
  if (ASKS_FOR_PROCEDURE.test(question)) return t.missing.procedure;
  const year = /(20\d{2})\s*年/.exec(question)?.[1];
  if (year && !inPlan(`${year}年`)) return t.missing.year(year);
  if (/电话|手机|号码|联系方式|地址|邮箱/.test(question.replace(GIVEN_CONTACT, ""))) return t.missing.contact;
  if (APPLICATION_DEADLINE.test(question)) return t.missing.deadline;
  const deadline = deadlineLacking(question, texts, (words) => mostlyInPlan(words, ctx));
  if (deadline) return deadline;
  const threshold = ASKS_FOR_THRESHOLD.exec(question)?.[1];
  if (threshold && !sentenceWithFigureAbout(threshold, texts)) return t.missing.threshold(threshold);
  const subject = UNCOVERED_SUBJECTS.find((word) => question.includes(word) && !inPlan(word));
  if (subject) return t.missing.subject(subject);
  const organisation = NAMED_ORGANISATION.exec(question)?.[1];
  if (organisation && !GENERIC_ORGANISATION.test(organisation) && !inPlan(organisation))
    return t.missing.organisation(organisation);
  if (ASKS_FOR_QUANTITY.test(question)) {
    const best = bestSentence(relevant, terms, true);
    if (best && !/\d/.test(best.text)) return t.missing.figure;
  }
  return null;
}

/**
 * "超低排放改造最晚哪年完成": the plan sets no deadline when it never names the thing ("超低排放"), or
 * when none of the quoted clauses carries a year.
 */
function deadlineLacking(question: string, texts: string, named: (words: string) => boolean): string | null {
  const match = ASKS_FOR_DEADLINE.exec(question);
  if (!match) return null;
  // "钢厂的超低排放改造" → "超低排放改造": the last phrase before the deadline words names the task.
  const task =
    match[1]!
      .split(/[的之]/)
      .filter(Boolean)
      .at(-1) ?? match[1]!;
  const core = task.replace(/(改造|建设|工作|任务|项目)$/, "");
  if (core.length >= 2 && !named(core)) return t.missing.subject(task);
  return /20\d{2}\s*年/.test(texts) ? null : t.missing.deadline;
}

/** Whether a quoted clause says something about `subject` with a figure in the same sentence. */
function sentenceWithFigureAbout(subject: string, texts: string): boolean {
  return texts.split(/[。；！？\n]/).some((sentence) => sentence.includes(subject) && /\d/.test(sentence));
}

/**
 * Whether the plan speaks of `words`, allowing other wording around them: most of their character
 * pairs occur in it ("省级园区循环化" is; "超低排放", whose 超低 and 低排 never occur, is not).
 */
function mostlyInPlan(words: string, ctx: AnswerContext): boolean {
  const pairs = characterPairs(words);
  if (pairs.length === 0) return true;
  const found = pairs.filter((pair) => ctx.deps.knowledge.passages.some((p) => p.text.includes(pair)));
  return found.length / pairs.length >= MOSTLY;
}

const MOSTLY = 0.6;
