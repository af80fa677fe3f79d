import type { Unit } from "../../knowledge/types.js";
import { characterPairs, smallNumeral } from "../../language/text.js";
import type { Citation, Turn } from "../context.js";
import { listedChildren } from "../compose/listOfItems.js";
import { findTopic } from "./topics.js";
import { clauseQuoted, itemAt, listNamed, ORDINAL, type UnitIndex } from "./ordinal.js";

export interface Resolution {
  question: string;
  pinnedUnitIds: string[];
}

const DEICTIC_REFERENCE =
  /^(这|那|上面|上述|刚才|前面|上一)(一)?(条|个|项|款|点|段|规定|措施|内容)|^(它|这个|那个)/;
/**
 * The levels a product's energy use is measured against (the 2021/2023 notices' and the standards'
 * words), and the plan's own target for it ("2025年目标"): the figures a question about a product asks.
 */
const LEVELS =
  /(?:20\d{2}年的?)?目标值|(?:20\d{2}年的?)?目标|基准水平|标杆水平|基准值|标杆值|基准|标杆|限定值|先进值|准入值/;

const SAME_SUBJECT = /(我们|咱们|这个|该|本)(这个)?(行业|产品|企业|厂)|我们(的)?(厂|企业|公司)/;
const ASKED_FOR_LIST = /(哪几条|哪些条|几条|哪几项|哪些措施|有哪些|哪几个|列出|分别是)/;
const CHILD_KINDS = new Set(["item", "column_item", "sector_row"]);

export type UnitLookup = UnitIndex;

/** After "资源循环利用减碳行动有哪几条", "第三条" is the third item of that action, not the third quote. */
function listedItem(message: string, previous: Turn, knowledge: UnitLookup): Unit | null {
  const ordinal = ORDINAL.exec(message);
  if (!ordinal || !ASKED_FOR_LIST.test(previous.resolvedQuestion)) return null;
  const n = smallNumeral(ordinal[1]!);
  for (const citation of previous.citations) {
    const unit = knowledge.unit(citation.unitId);
    const parent = unit && CHILD_KINDS.has(unit.kind) && unit.parentId ? knowledge.unit(unit.parentId) : unit;
    const children = (parent?.childIds ?? [])
      .map((id) => knowledge.unit(id))
      .filter((u): u is Unit => !!u && CHILD_KINDS.has(u.kind));
    if (children[n - 1]) return children[n - 1]!;
  }
  return null;
}

/** A short confirming tag after a clause ("，也是他们？", "，一样吗？"): it adds no subject of its own. */
const TRAILING_TAG = /[，,]\s*(也是|还是|一样|同样|也)[^，,。？?！!]{0,4}[？?吗呢]*[？?。]*$/;

const ELLIPTICAL =
  /^(那|那么|还有|再问一下|再问|另外)?[，, ]*(.{1,14}?)(呢|怎么样|如何|咋样|的呢|的话)[？?。！!]*$/;

/**
 * Turns a follow-up into a question that stands on its own. "第二条由谁负责？" pins the second
 * citation of the previous answer; "那水泥呢？" re-asks the previous question about 水泥.
 */
export function resolveFollowUp(
  message: string,
  history: Turn[],
  knowledge: UnitLookup,
  namesNoSubject: (message: string) => boolean = () => false,
  /** The words of a message that name a subject (see understand/content.ts). */
  subjectWords: (message: string) => string[] = () => [],
  /** Whether a message names a topic of its own (a product, an industry, equipment): then none carries over. */
  namesTopic: (message: string) => boolean = (message) => findTopic(message) !== null,
  /** The topic a message names, to carry over: a sector, product or equipment, or an industry. */
  topicOf: (message: string) => string | null = findTopic,
): Resolution {
  const withinSubject = (text: string, unit: Unit) => {
    const words = subjectWords(text);
    const own = unitText(unit, knowledge);
    // Most of its words (not every one: "处理" for the clause's 淘汰) are the clause's own.
    const inside = words.filter((word) => own.includes(word));
    return text.length <= SHORT_FOLLOW_UP && words.length > 0 && inside.length * 2 >= words.length;
  };
  // An item with no words of its own (a section made of measures) is pointed at through its measures.
  const pin = (unit: Unit) => ({
    question: `${unit.title} ${message}`,
    pinnedUnitIds: !unit.text && unit.childIds.length ? [...unit.childIds] : [unit.id],
  });
  // "基本原则第一条是啥", "六大行动第三个": the item of the list the message names.
  const named = itemAt(message, listNamed(message, knowledge), knowledge);
  if (named) return pin(named);
  // "“完善服务机制”有哪些要求？" right after 健全政策体系: a clause named whole is no follow-up of another
  // (a list so named is left to understand, which points at its items).
  const quoted = clauseQuoted(message, knowledge);
  if (quoted)
    return {
      question: message,
      pinnedUnitIds: listedChildren(quoted, knowledge).length >= 2 ? [] : [quoted.id],
    };
  const previous = history.at(-1);
  if (!previous) return { question: message, pinnedUnitIds: [] };

  // "第二条呢" after "基本原则第一条是啥" or "六大行动都有哪些": an item of the list the person named; else
  // of the list the previous answer gave.
  const following = itemAt(message, listAskedAbout(history, knowledge), knowledge);
  if (following) return pin(following);
  const listed = listedItem(message, previous, knowledge);
  if (listed) return pin(listed);
  const cited = referencedCitation(message, previous.citations);
  if (cited)
    return { question: `${cited.breadcrumb.split(" › ").at(-1)} ${message}`, pinnedUnitIds: [cited.unitId] };

  // "我们是做水泥的" … "我们这个行业要达到什么水平？": the earlier topic carries over.
  const earlierTopic = history
    .map((turn) => topicOf(turn.resolvedQuestion))
    .filter(Boolean)
    .at(-1);
  if (earlierTopic && !namesTopic(message) && SAME_SUBJECT.test(message)) {
    return { question: `${earlierTopic} ${message}`, pinnedUnitIds: [] };
  }

  // "那细颗粒物和臭氧协同治理呢，也是他们？": a short tag after the elliptical clause asks the same again.
  const main = message.trim().replace(TRAILING_TAG, "");
  const elliptical = ELLIPTICAL.exec(main);
  if (elliptical && main.length <= 18) {
    // The whole phrase, not only the topic found in it: "那清洁生产审核呢？" is about 审核 too.
    const newTopic = elliptical[2]!.trim();
    // "2030年呢？": the same question of another year, not another subject.
    const year = /^(20\d{2})\s*年?$/.exec(newTopic)?.[1];
    if (year) {
      const question = /20\d{2}\s*年/.test(previous.resolvedQuestion)
        ? previous.resolvedQuestion.replace(/20\d{2}(\s*年)/, `${year}$1`)
        : `${year}年 ${previous.resolvedQuestion}`;
      return { question, pinnedUnitIds: [] };
    }
    // "那基准呢" after "合成氨的标杆是多少", "那标杆值呢" after "熟料2025年目标是多少": the other figure of
    // the same product, asked the same way.
    const level = LEVELS.exec(newTopic)?.[0];
    if (level && LEVELS.test(previous.resolvedQuestion))
      return { question: previous.resolvedQuestion.replace(LEVELS, level), pinnedUnitIds: [] };
    // After a calculation, "那合成氨呢？" asks about 合成氨's benchmark; the earlier figures were for another product.
    if (previous.calculatorRequest)
      return { question: `${newTopic}的能效标杆值和政策要求`, pinnedUnitIds: [] };
    const oldTopic = findTopic(previous.resolvedQuestion);
    const question = oldTopic
      ? previous.resolvedQuestion.replace(oldTopic, newTopic)
      : `${newTopic} ${previous.resolvedQuestion}`;
    // "产品方面呢" after 钢铁's 产能控制: the clause beside it that the new words name; "园区呢" after the
    // clause that covers 绿色工厂 and 绿色园区 alike: that clause again.
    const subject = subjectOf(history, knowledge);
    const sibling = subject ? siblingNamed(newTopic, subject, knowledge, subjectWords) : null;
    // "产品优化呢" after 产能控制: a clause beside it titled by the very words is meant, though the
    // subject's text holds them too ("优化…产能规模").
    const titled = sibling && (sibling.title.includes(newTopic) || newTopic.includes(sibling.title));
    if (sibling && titled) return { question: `${sibling.title} ${question}`, pinnedUnitIds: [sibling.id] };
    if (subject && withinSubject(newTopic, subject)) return { question, pinnedUnitIds: [subject.id] };
    if (sibling) return { question: `${sibling.title} ${question}`, pinnedUnitIds: [sibling.id] };
    return { question, pinnedUnitIds: [] };
  }
  // "截止到哪一年？", "适用于哪些企业？": a question that names nothing is about the conversation's subject;
  // so is a short one whose words are all the subject clause's own ("存量的怎么处理" after 两高项目).
  const subject = subjectOf(history, knowledge);
  if (subject && (namesNoSubject(message) || withinSubject(message, subject)))
    return { question: `${subject.title} ${message}`, pinnedUnitIds: [subject.id] };
  return { question: message, pinnedUnitIds: [] };
}

/**
 * The list the conversation is going through: the one the person last named ("六大行动第一个是什么"),
 * looking back past their own ordinal follow-ups ("第三个呢") but no further. Their words, not the
 * resolved question, whose added title would name the item instead of its list.
 */
function listAskedAbout(history: Turn[], knowledge: UnitLookup): Unit | null {
  for (const turn of [...history].reverse()) {
    const list = listNamed(turn.question, knowledge);
    if (list) return list;
    if (!ORDINAL.test(turn.question)) return null;
  }
  return null;
}

/** The clause beside `subject` (same parent and kind) whose title holds a word of `topic`, when exactly one does. */
function siblingNamed(
  topic: string,
  subject: Unit,
  knowledge: UnitLookup,
  subjectWords: (message: string) => string[],
): Unit | null {
  const parent = subject.parentId ? knowledge.unit(subject.parentId) : undefined;
  // The words of the topic, or, when the tokenizer reads it as one word the plan lacks ("产品方面"),
  // its character pairs.
  const own = subjectWords(topic);
  const words = own.length ? own : characterPairs(topic);
  if (!parent || words.length === 0) return null;
  const named = parent.childIds
    .map((id) => knowledge.unit(id))
    // Clauses of the same kind: a sector's row beside its rows, not beside its table of benchmarks.
    .filter(
      (u): u is Unit =>
        !!u && u.id !== subject.id && u.kind === subject.kind && words.some((w) => u.title.includes(w)),
    );
  return named.length === 1 ? named[0]! : null;
}

/** A follow-up this short that names only words of the subject clause asks about that clause. */
const SHORT_FOLLOW_UP = 14;

function unitText(unit: Unit, knowledge: UnitLookup): string {
  return [unit.title, unit.text, ...unit.childIds.map((id) => knowledge.unit(id)?.text ?? "")].join("");
}

/**
 * What the conversation is about: the clause that led the last answer that quoted one (its first [n]).
 * A calculator's question or a refusal in between does not change it.
 */
export function subjectOf(history: Turn[], knowledge: UnitLookup): Unit | null {
  const turn = [...history].reverse().find((t) => t.citations.length > 0);
  if (!turn) return null;
  // The clause the answer led with ("有。方案写明：…专项资金…[2]"), which may not be the first cited.
  const led = Number(/\[(\d+)\]/.exec(turn.answer ?? "")?.[1] ?? 1);
  const citation = turn.citations[led - 1] ?? turn.citations[0]!;
  return knowledge.unit(citation.unitId) ?? null;
}

function referencedCitation(message: string, citations: Citation[]): Citation | null {
  if (citations.length === 0) return null;
  const ordinal = ORDINAL.exec(message);
  if (ordinal) {
    const n = smallNumeral(ordinal[1]!);
    return citations[n - 1] ?? null;
  }
  return DEICTIC_REFERENCE.test(message.trim()) ? citations[0]! : null;
}
