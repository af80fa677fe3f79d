import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { Passage } from "../knowledge/types.js";

const NUMBERING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.\s*)/;
/** A heading without its numbering: "3. 开展节能降碳升级改造" → "开展节能降碳升级改造". */
export const titleOf = (crumb: string) => crumb.replace(NUMBERING, "");

/** What of a passage is indexed: its place in the plan (titles without numbering) and its words. */
export function passageSearchText(passage: Passage): string {
  return `${passage.breadcrumb.map(titleOf).join(" ")} ${passage.text}`;
}

/** The parts of a passage that BM25 weighs separately. */
export interface PassageFields {
  /** Its own unit's title: "开展节能降碳升级改造", "重点任务". */
  title: string;
  /** The titles above it, shared with every sibling: "重点任务 节能提效助力减碳行动". */
  context: string;
  text: string;
  /**
   * For a unit whose text introduces the units under it (二、重点任务 before its six actions), their
   * titles: the text is the overview, so "重点任务分成哪几大行动" should find it.
   */
  children: string;
}

export function passageFields(passage: Passage, knowledge: KnowledgeBase): PassageFields {
  const titles = passage.breadcrumb.map(titleOf);
  const unit = knowledge.unit(passage.unitId);
  const children = (unit?.childIds ?? []).map((id) => knowledge.unit(id)?.title ?? "");
  return {
    title: titles.at(-1) ?? "",
    context: titles.slice(0, -1).join(" "),
    text: passage.text,
    children: children.join(" "),
  };
}
