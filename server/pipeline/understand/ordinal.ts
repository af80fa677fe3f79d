import type { Unit } from "../../knowledge/types.js";
import { smallNumeral } from "../../language/text.js";
import { listedChildren } from "../compose/listOfItems.js";

export interface UnitIndex {
  readonly units: Unit[];
  unit(id: string): Unit | undefined;
}

/** "第二条", "第3个", "第一项": a position in a list. */
export const ORDINAL = /第\s*([一二三四五六七八九十]|\d{1,2})\s*(条|个|项|点|段|处)/;

/** "六大行动", "五个方面": a list named by how many it holds and what its items are. */
const COUNTED_LIST =
  /(?<!第\s*)([一二三四五六七八九十两]|\d{1,2})\s*(?:大|个|项|条)\s*(\p{Script=Han}{1,4})/gu;

/** A title shorter than this names too little to be told from ordinary words. */
const MIN_TITLE = 3;

/**
 * The list a question names: a unit of the plan with items of its own, named by its title ("基本原则"),
 * its label ("专栏8"), or by its count and the word its items' titles end in ("六大行动": the part
 * whose six sections are each a …行动). The longest name wins; null when none is named.
 */
export function listNamed(question: string, knowledge: UnitIndex): Unit | null {
  let best: { unit: Unit; length: number } | null = null;
  const consider = (unit: Unit, length: number) => {
    if (!best || length > best.length) best = { unit, length };
  };
  const { lists, byCount } = listsOf(knowledge);
  for (const unit of lists) {
    if (unit.title.length >= MIN_TITLE && question.includes(unit.title)) consider(unit, unit.title.length);
    if (/\d/.test(unit.label) && question.includes(unit.label)) consider(unit, unit.label.length);
  }
  for (const match of question.matchAll(COUNTED_LIST)) {
    const count = smallNumeral(match[1]!);
    const noun = match[2]!;
    for (let end = noun.length; end >= 2; end--) {
      const word = noun.slice(0, end);
      const unit = byCount
        .get(count)
        ?.find(({ items }) => items.every((item) => item.title.endsWith(word)))?.unit;
      if (unit) {
        consider(unit, match[0].length);
        break;
      }
    }
  }
  return (best as { unit: Unit } | null)?.unit ?? null;
}

/**
 * "“完善服务机制”有哪些要求？": the clause a question names by its whole title in quotes, as 猜你想问
 * names them. A title several clauses share ("技术创新", a path of each industry) names the one whose
 * enclosing units the question names too ("钢铁行业的“技术创新”").
 */
export function clauseQuoted(question: string, knowledge: UnitIndex): Unit | null {
  if (!question.includes("“")) return null;
  const quoted = knowledge.units.filter(
    (unit) => unit.title.length >= 2 && question.includes(`“${unit.title}”`),
  );
  const enclosingNamed = (unit: Unit) => {
    for (let up = unit.parentId ? knowledge.unit(unit.parentId) : undefined; up;) {
      if (up.title.length >= 2 && question.includes(up.title)) return true;
      up = up.parentId ? knowledge.unit(up.parentId) : undefined;
    }
    return false;
  };
  const [only, ...more] = quoted.length > 1 ? quoted.filter(enclosingNamed) : quoted;
  return only && more.length === 0 ? only : null;
}

interface ListIndex {
  /** The units with two items or more, in the plan's order. */
  lists: Unit[];
  /** Every unit with its items, by how many it has, in the plan's order. */
  byCount: Map<number, Array<{ unit: Unit; items: Unit[] }>>;
}

const listIndexes = new WeakMap<UnitIndex, ListIndex>();

/** The plan's lists, found once per knowledge base rather than for every message. */
function listsOf(knowledge: UnitIndex): ListIndex {
  let index = listIndexes.get(knowledge);
  if (!index) {
    index = { lists: [], byCount: new Map() };
    for (const unit of knowledge.units) {
      const items = listedChildren(unit, knowledge);
      if (items.length >= 2) index.lists.push(unit);
      const same = index.byCount.get(items.length) ?? [];
      same.push({ unit, items });
      index.byCount.set(items.length, same);
    }
    listIndexes.set(knowledge, index);
  }
  return index;
}

/** The item a question points at by its position in `list` ("第二条"), or null. */
export function itemAt(question: string, list: Unit | null, knowledge: UnitIndex): Unit | null {
  const ordinal = ORDINAL.exec(question);
  if (!ordinal || !list) return null;
  return listedChildren(list, knowledge)[smallNumeral(ordinal[1]!) - 1] ?? null;
}
