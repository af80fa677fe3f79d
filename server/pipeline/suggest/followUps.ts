import type { KnowledgeBase } from "../../knowledge/knowledgeBase.js";
import type { Unit } from "../../knowledge/types.js";
import { messages } from "../../messages.js";
import { listedChildren } from "../compose/listOfItems.js";

const t = messages.suggestions;
export const MAX_SUGGESTIONS = 3;

/** A question offered after an answer, and the unit of the plan it asks about. */
export interface FollowUp {
  question: string;
  unitId: string;
  kind: "responsible" | "sibling" | "list";
}

/** What the person has already seen or asked: no follow-up repeats it. */
export interface Seen {
  /** The answer as shown. */
  answer: string;
  /** The questions of the conversation, this one included. */
  asked: string[];
}

/**
 * "猜你想问": two or three questions from the plan's structure around what the answer cites, never
 * written freely: who answers for the measure (its 责任单位), a clause beside it in the same list, and
 * the list it belongs to. The answer's subject is the unit of its first citation, or the list whose
 * items the answer itself names ("（二）…包括以下几条"). Nothing the answer already shows or the person
 * already asked is offered again.
 */
export function followUps(knowledge: KnowledgeBase, citedUnitIds: string[], seen: Seen): FollowUp[] {
  // The answer's own words, before its sections (**依据**, **责任单位**) that quote around it.
  const body = seen.answer.split(/^\*\*[^*\n]+\*\*\s*$/m)[0] ?? "";
  // Its lead is the clause its first [n] cites (the citations' own order may put another first).
  const marker = Number(/\[(\d{1,2})\]/.exec(body)?.[1] ?? 1);
  const lead = [citedUnitIds[marker - 1], ...citedUnitIds]
    .map((id) => (id ? knowledge.unit(id) : undefined))
    .find((unit) => !!unit);
  if (!lead) return [];
  const named = (unit: Unit) => unit.title.length >= 2 && body.includes(unit.title);
  const parentOf = (unit: Unit) => (unit.parentId ? knowledge.unit(unit.parentId) : undefined);

  const leadParent = parentOf(lead);
  const listed = leadParent ? listedChildren(leadParent, knowledge) : [];
  // A list shown names its items (three of them, or both of a pair); a clause and one beside it are not one.
  const shown = leadParent && listed.length >= 2 && listed.filter(named).length >= Math.min(3, listed.length);
  const subject = shown ? leadParent : lead;
  const parent = parentOf(subject);

  const offered: FollowUp[] = [];
  const offer = (unit: Unit | undefined, kind: FollowUp["kind"], question: string | null) => {
    if (!unit || !question) return;
    const key = normalise(question);
    if (offered.some((f) => normalise(f.question) === key)) return;
    if (seen.asked.some((asked) => normalise(asked) === key)) return;
    offered.push({ question, unitId: unit.id, kind });
  };

  const owner = knowledge.lineage(subject.id).find((unit) => unit.responsibility.length > 0);
  const leads = owner?.responsibility.flatMap((r) => r.units.lead) ?? [];
  if (owner && !leads.some((name) => seen.answer.includes(name)))
    offer(owner, "responsible", t.responsible(nameOf(owner, knowledge)));

  // Beside it: the units of its family under the same parent (the parts of the plan have none); those of
  // its own kind first (an item's items before its section's 专栏), each after it then before it, nearest
  // first; a clause the answer quoted comes after the rest.
  const row = (parent ? parent.childIds : knowledge.units.filter((u) => !u.parentId).map((u) => u.id))
    .map((id) => knowledge.unit(id))
    .filter((u): u is Unit => !!u && familyOf(u) === familyOf(subject) && u.docId === subject.docId);
  const at = row.indexOf(subject);
  const near = [...row.slice(at + 1), ...row.slice(0, Math.max(at, 0)).reverse()].filter((u) => !named(u));
  const rank = (u: Unit) => (citedUnitIds.includes(u.id) ? 2 : 0) + (u.kind === subject.kind ? 0 : 1);
  const [next, ...others] = near
    .map((u, i) => ({ u, i }))
    .sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i)
    .map(({ u }) => u);
  offer(next, "sibling", next ? askAbout(next, knowledge) : null);

  if (parent && listedChildren(parent, knowledge).length >= 2)
    offer(parent, "list", askAbout(parent, knowledge));

  for (const other of others) {
    if (offered.length >= MAX_SUGGESTIONS) break;
    offer(other, "sibling", askAbout(other, knowledge));
  }
  return offered.slice(0, MAX_SUGGESTIONS);
}

/** Units that stand beside each other in a list: a section's items and its 专栏; an industry's paths, benchmarks and targets. */
function familyOf(unit: Unit): string {
  if (unit.kind === "column") return "item";
  if (unit.kind === "sector_benchmark" || unit.kind === "sector_target") return "sector_row";
  return unit.kind;
}

/** The question that asks for a unit: its items when it lists some, else what it says. */
function askAbout(unit: Unit, knowledge: KnowledgeBase): string | null {
  const industry = industryOf(unit, knowledge);
  if (unit.kind === "sector_row" && industry) return t.sectorPath(industry, unit.title);
  if (unit.kind === "sector_benchmark" && industry) return t.sectorBenchmarks(industry);
  if (unit.kind === "sector_target" && industry) return t.sectorTarget(industry);
  if (unit.kind === "notice" || unit.kind === "preamble") return null;
  const name = nameOf(unit, knowledge);
  return listedChildren(unit, knowledge).length >= 2 ? t.list(name) : t.clause(name);
}

/** How a question names a unit: its title, with its label for a 专栏 ("专栏3 工业能效提升", whose first entry shares the title). */
function nameOf(unit: Unit, knowledge: KnowledgeBase): string {
  if (unit.kind === "column") return `${unit.label} ${unit.title}`;
  const industry = industryOf(unit, knowledge);
  return industry && unit.kind !== "sector" ? `${industry}${unit.title}` : unit.title;
}

function industryOf(unit: Unit, knowledge: KnowledgeBase): string | null {
  return knowledge.lineage(unit.id).find((u) => u.kind === "sector")?.title ?? null;
}

const normalise = (question: string) => question.replace(/[\s“”"'‘’？?。！!，,]/g, "");
