import type { Passage, Unit, UnitKind } from "../../knowledge/types.js";
import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext } from "../context.js";
import { QUOTED_PASSAGES } from "./sentences.js";
import { characterPairs, chineseNumeral } from "../../language/text.js";
import { weightBeyond } from "./subject.js";
import { asksAboutMoney } from "./questionTerms.js";

const t = messages.answer;

/** A list of the plan's own units ("有哪几条", "几大行动"), not of things inside one sentence ("哪几个行业"). */
export const ASKS_FOR_LIST =
  /有哪几条|哪几条|有哪些条|有哪几项|哪几项|分别是什么|都有哪些(措施|任务|行动|内容|工程)?|有哪些(工程|行动|任务|条|项)|包括哪些|包含哪些|几大(行动|任务|部分)|行动名称|哪几(大|个)(行动|任务|工程|专栏)/;

/** A count of things with its noun ("六大行动", "四个方面"). */
const COUNTED_ITEMS =
  /[一二三四五六七八九十两\d]+(?:大|个|项|条|类|方面)[\u4e00-\u9fff]{1,4}?(?=[有是包都分，,？?]|$)/;

/** Which children a container lists: a part its sections (or sectors), a section its items, a column its entries. */
const LISTED_CHILDREN: Partial<Record<UnitKind, ReadonlySet<UnitKind>>> = {
  part: new Set(["section", "sector"]),
  // 基本原则 are unnumbered paragraphs of their section, listed as its numbered items are.
  section: new Set(["item", "paragraph"]),
  column: new Set(["column_item"]),
  sector: new Set(["sector_row"]),
};

/**
 * "资源循环利用减碳行动有哪几条？", "重点任务有哪几大行动", "专栏5里有哪些工程": the children of the container
 * the question names, by their titles as the plan writes them, one per line (so a follow-up "第三条" can
 * point at one). The candidates are the cited units and their ancestors; the one whose label and title
 * the question holds most of wins, the nearest on a tie.
 */
export function listOfItems(
  ctx: AnswerContext,
  relevant: SearchResult[],
  /** How much of the container's title the question must name: any of it after "有哪几条", most of it after a mere "哪些". */
  minNamed = 0,
  /** The person pointed at the list by an item's position ("六大行动第三个"): its items are the answer. */
  pointed = false,
): { text: string; cited: Passage[] } | null {
  const { knowledge } = ctx.deps;
  const candidates: Unit[] = [];
  for (const r of relevant.slice(0, QUOTED_PASSAGES)) {
    for (const unit of knowledge.lineage(r.passage.unitId))
      if (!candidates.includes(unit)) candidates.push(unit);
  }
  const listed = (unit: Unit) => listedChildren(unit, knowledge);
  const containers = candidates.filter((unit) => listed(unit).length >= 2);
  // "专栏3讲了什么": a container whose items the question pinned is named whole.
  const pinnedWhole = (unit: Unit) =>
    unit.childIds.length > 0 && unit.childIds.every((id) => ctx.pinnedUnitIds.includes(id));
  // "水泥行业有哪些措施": an industry the plan model maps onto a sector's path names that path; not when
  // it asks about money ("水泥厂有哪些补贴"), which the path's measures do not answer.
  const asksMoney = asksAboutMoney(ctx);
  const sectorNamed = (unit: Unit) => !asksMoney && ctx.industry?.industry.planSector === unit.id;
  // "六大行动有哪几个": a count the container's own words give its items names it too.
  const counted = COUNTED_ITEMS.exec(ctx.question)?.[0];
  const countsThem = (unit: Unit) =>
    !!counted && knowledge.passagesOfUnit(unit.id).some((p) => p.text.includes(counted));
  const named = (unit: Unit) =>
    pinnedWhole(unit) || sectorNamed(unit) || countsThem(unit)
      ? 1
      : containment(`${unit.label}${unit.title}`, ctx.question);
  const container = [...containers].sort((a, b) => named(b) - named(a))[0];
  if (!container || named(container) === 0 || named(container) < minNamed) return null;
  // "加大绿色低碳产品供给那条…": an item named as fully as its container is what the question is about.
  const itemNamed = Math.max(0, ...candidates.filter((u) => listed(u).length < 2).map(named));
  if (minNamed > 0 && itemNamed >= named(container)) return null;
  if (!pointed && asksBeyond(ctx, container, countsThem(container) ? counted! : "")) return null;
  const items = listed(container);
  // Each item by its title and, where the plan model has one, what it does in plain words.
  const summary = (item: Unit) => ctx.deps.planModel?.entry(item.id)?.summary;
  const lines = items.map((item, i) => {
    const plain = summary(item);
    return plain ? `${i + 1}. ${item.title}：${plain}` : `${i + 1}. ${item.title}`;
  });
  // The container's own words are the clause behind the list; without any, its first items'.
  // An item pointed at by its position ("六大行动第三个") is named where its list is ("……六大行动").
  const list = pointed && container.parentId ? knowledge.passagesOfUnit(container.parentId).slice(0, 1) : [];
  const own = knowledge.passagesOfUnit(container.id).slice(0, 1);
  // The item pointed at ("专栏2第三条") is quoted first: it is what the conversation is now about.
  const first = (item: Unit) => knowledge.passagesOfUnit(item.id).slice(0, 1);
  // (The resolution pins it first; naming its column pins the column's other entries after it.)
  const pointedItems = pointed ? items.filter((item) => item.id === ctx.pinnedUnitIds[0]) : [];
  const rest = items.filter((item) => !pointedItems.includes(item));
  const cited = own.length
    ? own
    : [...pointedItems.flatMap(first), ...list, ...rest.flatMap(first)].slice(0, QUOTED_PASSAGES);
  const document = knowledge.document(container.docId)?.shortName;
  return {
    text: [
      `${t.listLead(container.breadcrumb.at(-1)!, chineseNumeral(items.length), document)}[1]`,
      ...lines,
    ].join("\n"),
    cited,
  };
}

/** Above this weight, the question's own words beyond the container's name ask about something in it. */
const BEYOND_WEIGHT = 1.5;

/**
 * "某原则里对增量和存量分别是什么态度": words beyond the container's name (and beyond question forms)
 * ask about something inside it, which a list of its items does not answer.
 */
function asksBeyond(ctx: AnswerContext, container: Unit, countedAs = ""): boolean {
  // "专栏7分成哪几类产品": a word most of its items' titles share names what the items are.
  const items = listedChildren(container, ctx.deps.knowledge);
  const shared = (word: string) =>
    items.filter((item) => item.title.includes(word)).length * 2 > items.length;
  // The industry named for the sector ("水泥" for 建材行业) is the container's name, not something beyond it.
  const alias = ctx.industry?.industry.planSector === container.id ? ctx.industry.alias : "";
  return (
    weightBeyond(ctx, `${container.label}${container.title}${alias}${countedAs}`, shared) >= BEYOND_WEIGHT
  );
}

/** The children a container lists, in the plan's order. */
export function listedChildren(unit: Unit, knowledge: { unit(id: string): Unit | undefined }): Unit[] {
  return unit.childIds
    .map((id) => knowledge.unit(id))
    .filter((child): child is Unit => !!child && !!LISTED_CHILDREN[unit.kind]?.has(child.kind));
}

/** The share of a title's character pairs that the question holds: how much of the title it names. */
function containment(title: string, question: string): number {
  const wanted = new Set(characterPairs(title));
  const asked = new Set(characterPairs(question));
  if (wanted.size === 0) return 0;
  return [...wanted].filter((pair) => asked.has(pair)).length / wanted.size;
}
