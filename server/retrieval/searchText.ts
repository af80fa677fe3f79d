import type { Passage } from "../knowledge/types.js";

/** What of a passage is indexed: its place in the plan (titles without numbering) and its words. */
export function passageSearchText(passage: Passage): string {
  const titles = passage.breadcrumb.map((crumb) => crumb.replace(/^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.\s*)/, ""));
  return `${titles.join(" ")} ${passage.text}`;
}
