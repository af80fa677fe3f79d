import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { ResponsibleUnits } from "../../knowledge/types.js";
import { bestPassageIndex, overlap, QUOTED_PASSAGES, sentencesOf, type QuestionTerms } from "./sentences.js";

const t = messages.answer;

/** A measure's title without its number: "4. 强化用能监督管理" → "强化用能监督管理". */
const measureTitle = (result: SearchResult) => result.passage.breadcrumb.at(-1)!.replace(/^\d+\.\s*/, "");

/**
 * "强化用能监督管理由谁牵头": the 责任单位 of the clause that matches the question. When a measure's clauses
 * have different units and the question does not tell them apart (or points at the measure as a whole),
 * each clause is named with its units.
 */
export function responsibleLead(
  relevant: SearchResult[],
  terms: QuestionTerms,
  pinnedUnitIds: string[],
  /** "是经信局负责吧": the office a polar question names (officeNamed), confirmed or corrected first. */
  office: string | null = null,
): string | null {
  // "它的牵头单位是谁": the measure the follow-up points at, whatever else matches its words.
  const pinned = relevant.some((r) => r.passage.responsibleUnits && pinnedUnitIds.includes(r.passage.unitId));
  const eligible = (r: SearchResult) =>
    !!r.passage.responsibleUnits && (!pinned || pinnedUnitIds.includes(r.passage.unitId));
  const index = bestPassageIndex(relevant, terms, eligible);
  const chosen = relevant[index];
  if (!chosen?.passage.responsibleUnits) return null;
  const title = measureTitle(chosen);
  const score = (r: SearchResult) => overlap(r.passage.text, terms);
  const clauses = relevant
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        r.passage.unitId === chosen.passage.unitId &&
        r.passage.responsibleUnits &&
        r.passage.responsibleUnits.raw !== chosen.passage.responsibleUnits!.raw,
    )
    // A measure pointed at as a whole ("它的牵头单位") is answered whole.
    .filter(({ r }) => pinned || score(r) * CLEARLY_BETTER >= score(chosen));
  const opening = office ? unitPremise(office, chosen.passage.responsibleUnits) : "";
  if (clauses.length === 0)
    return `${opening}${t.responsibleAnswer(title, chosen.passage.responsibleUnits.raw)}[${index + 1}]`;
  const parts = [{ r: chosen, i: index }, ...clauses]
    .sort((a, b) => a.i - b.i)
    .map(({ r, i }) => t.responsiblePart(clauseSummary(r), r.passage.responsibleUnits!.raw, i + 1));
  return `${opening}${t.responsibleParts(title, parts)}`;
}

/**
 * "是经信局负责吧": the office a confirming question names (see officeNamed) is confirmed when it leads
 * the measure and corrected when the measure does not name it.
 */
export function unitPremise(office: string, units: ResponsibleUnits): string {
  const among = (list: string[]) => list.some((unit) => abbreviates(office, unit));
  if (among(units.lead)) return t.unitLeads;
  return among(units.support) ? t.unitSupports : t.unitNotNamed;
}

const officesByKnowledge = new WeakMap<object, string[]>();

/** Every office the knowledge base's clauses make responsible, leading or helping. */
export function officesOf(knowledge: {
  passages: Array<{ responsibleUnits: ResponsibleUnits | null }>;
}): string[] {
  let offices = officesByKnowledge.get(knowledge);
  if (!offices) {
    const all = knowledge.passages.flatMap((p) => [
      ...(p.responsibleUnits?.lead ?? []),
      ...(p.responsibleUnits?.support ?? []),
    ]);
    offices = [...new Set(all)];
    officesByKnowledge.set(knowledge, offices);
  }
  return offices;
}

/**
 * The office a question names, read as Chinese abbreviates an office (经信局 of 市经济和信息化局, 发改委
 * of 市发展改革委: the short name's characters in order, the same last one): the longest run of the
 * question, ending in 局, 委 or 厅, that abbreviates one of `offices` (every unit the plan makes
 * responsible, so that only a real office is read). Null when it names none.
 */
export function officeNamed(question: string, offices: string[]): string | null {
  let best: string | null = null;
  for (const end of question.matchAll(/[局委厅]/g)) {
    for (let start = Math.max(0, end.index - MAX_SHORT_NAME); start < end.index - 1; start++) {
      const candidate = question.slice(start, end.index + 1);
      if (best && candidate.length <= best.length) continue;
      if (offices.some((office) => abbreviates(candidate, office))) best = candidate;
    }
  }
  return best;
}

/** An office's short name is at most this long before its last character (市市场监督管理局 → 市场监管局). */
const MAX_SHORT_NAME = 8;

/** Whether `short` is `full` abbreviated: every character of it in order, ending on the same one. */
export function abbreviates(short: string, full: string): boolean {
  if (short.at(-1) !== full.at(-1)) return false;
  let at = 0;
  for (const char of full) if (char === short[at]) at++;
  return at === short.length;
}
/** One clause's share of the question's words must exceed another's this many times to be the only answer. */
const CLEARLY_BETTER = 1.5;

/** A clause named by its first sentence of substance, up to its first comma: "完善能源消耗总量和强度调控". */
function clauseSummary(result: SearchResult): string {
  const title = measureTitle(result);
  const sentences = sentencesOf(result.passage.text).filter((sentence) => !sentence.startsWith(title));
  return (sentences[0] ?? title).split(/[，。；]/)[0]!;
}

/** The 责任单位 section: each cited measure's lead and supporting units, once each. */
export function responsibleLines(results: SearchResult[], withCounties = true): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { passage } of results.slice(0, QUOTED_PASSAGES)) {
    const units = passage.responsibleUnits;
    if (!units || seen.has(units.raw)) continue;
    seen.add(units.raw);
    const title = passage.breadcrumb.at(-1)!;
    const parts = [
      units.lead.length ? t.lead(units.lead.join("、")) : "",
      units.support.length ? t.support(units.support.join("、")) : "",
    ];
    lines.push(`- ${title}：${parts.filter(Boolean).join("；")}`);
  }
  // "均需各县、区人民政府、园区管委会负责，下同": the counties and parks share every measure after 二（一）1.
  const local = results
    .slice(0, QUOTED_PASSAGES)
    .some((r) => r.passage.responsibleUnits?.alsoResponsible?.length);
  if (lines.length && local && withCounties) lines.push(t.countyNote);
  return lines;
}
