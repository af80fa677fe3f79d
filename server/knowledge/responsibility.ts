import type { ResponsibleUnits } from "./types.js";

/** Matches "（责任单位：…）" and the bare form "（市经济和信息化局牵头，…）" used under 三、. */
export const RESPONSIBILITY_CLAUSE = /（(?:责任单位：)?([^（）]*?(?:牵头|负责|配合)[^（）]*?)）/g;

const COUNTY_PHRASE = "各县、区人民政府";

export function parseResponsibleUnits(raw: string): ResponsibleUnits {
  const lead: string[] = [];
  const support: string[] = [];
  const shared: string[] = [];
  for (const part of raw.split(/[，,]/).map((p) => p.trim()).filter(Boolean)) {
    if (part === "下同") continue;
    if (part.includes("牵头")) lead.push(...splitUnits(part.replace(/牵头.*$/, "")));
    else if (/配合$/.test(part)) support.push(...splitUnits(part.replace(/配合$/, "")));
    else if (/按职责分工负责$/.test(part)) shared.push(...splitUnits(part.replace(/等?按职责分工负责$/, "")));
    else if (/负责$/.test(part)) {
      // "均需各县、区人民政府、园区管委会负责" applies to every measure alongside the named lead.
      const units = splitUnits(part.replace(/^均需/, "").replace(/负责$/, ""));
      if (part.startsWith("均需")) support.push(...units);
      else lead.push(...units);
    }
  }
  // Where no unit leads, the units "按职责分工负责" share the lead.
  if (lead.length === 0) lead.push(...shared);
  else support.push(...shared);
  return { lead: unique(lead), support: unique(support), raw };
}

/**
 * The units a clause makes responsible for every later measure too: with "下同", the units that "均需…负责"
 * (or, in a clause without 均需, every unit it names). Empty when the clause does not say 下同.
 */
export function carriedForwardUnits(raw: string): string[] {
  const parts = raw.split(/[，,]/).map((p) => p.trim());
  if (!parts.includes("下同")) return [];
  const shared = parts.filter((part) => part.startsWith("均需") && part.endsWith("负责"));
  if (shared.length === 0) {
    const { lead, support } = parseResponsibleUnits(raw);
    return unique([...lead, ...support]);
  }
  return unique(shared.flatMap((part) => splitUnits(part.replace(/^均需/, "").replace(/负责$/, ""))));
}

function splitUnits(text: string): string[] {
  const protectedText = text.replace(COUNTY_PHRASE, "各县区人民政府");
  return protectedText
    .split("、")
    .map((unit) => unit.trim().replace(/等$/, ""))
    .filter((unit) => unit.length > 1);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
