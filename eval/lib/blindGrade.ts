import * as z from "zod";

/**
 * One item of a blind set (eval/blind/*.jsonl), graded on its last reply. The rules mirror the
 * external sealed grader (../shared/blind/sealed-eval.mjs) so that our blind figure and theirs mean
 * the same thing: change them only together.
 */
export const BLIND_KINDS = ["fact", "advice", "calc", "followup", "refuse", "unknown", "sector"] as const;

const groups = z.array(z.array(z.string()).min(1));

export const blindItemSchema = z.object({
  id: z.string(),
  kind: z.enum(BLIND_KINDS),
  persona: z.string().optional(),
  turns: z.array(z.string().min(1)).min(1),
  /** Each group: one of its alternatives must be in the first paragraph. */
  lead: groups.optional(),
  /** The same, for the first point of the first paragraph. */
  first: groups.optional(),
  /** Figures the first paragraph must state (within 0.5 %); an array is a set of alternatives. */
  numbers: z.array(z.union([z.number(), z.array(z.number()).min(1)])).optional(),
  not_lead: z.array(z.string()).optional(),
  /** At least one of these units must be cited. */
  units: z.array(z.string()).optional(),
  /** For refusals: status prefixes that count as declining. */
  status: z.array(z.string()).optional(),
});
export type BlindItem = z.infer<typeof blindItemSchema>;

/** What the grader sees of a reply: the fields POST /api/chat returns. */
export interface BlindReply {
  status: string | null;
  answer: string;
  citations: Array<{ unitId: string }>;
}

/** The rule an item failed on; the runner only counts these, the tests read them. */
export type BlindRule = "status" | "lead" | "first" | "numbers" | "not_lead" | "units";

const CITE = /\[\d+\]/g;
const PUNCT = /[\s,、。;:!?“”"'‘’`()[\]【】《》〈〉<>「」『』*#·，]/g;

export const norm = (s: string): string => s.normalize("NFKC").replace(CITE, "").replace(PUNCT, "");

const groupsOk = (wanted: string[][], text: string): boolean =>
  wanted.every((group) => group.some((option) => norm(text).includes(norm(option))));

/** The first paragraph, without bold marks. */
export function leadOf(answer: string): string {
  const text = answer.replace(/\r\n/g, "\n").trim();
  return (text.split(/\n[ \t\u3000]*\n/)[0] ?? "").replaceAll("**", "").replaceAll("__", "").trim();
}

/** The first line, or the first two when the first only introduces ("：") or is short. */
export function firstPoint(lead: string): string {
  const lines = lead
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const [first, second] = lines;
  if (first === undefined) return "";
  if (second !== undefined && (/[：:]$/.test(first) || first.length < 30)) return `${first}\n${second}`;
  return first;
}

/** Every figure in a text, also multiplied out when followed by 万 or 亿. */
export function numbersIn(text: string): number[] {
  const plain = text
    .normalize("NFKC")
    .replace(CITE, " ")
    .replace(/(?<=\d)[,，\u2009\u202f](?=\d{3}(?!\d))/g, "");
  const found: number[] = [];
  for (const m of plain.matchAll(/(\d+(?:\.\d+)?)\s*(万|亿)?/g)) {
    const value = Number(m[1]);
    found.push(value);
    if (m[2] === "万") found.push(value * 1e4);
    if (m[2] === "亿") found.push(value * 1e8);
  }
  return found;
}

const numberOk = (expected: number | number[], found: number[]): boolean =>
  (Array.isArray(expected) ? expected : [expected]).some((x) =>
    found.some((f) => Math.abs(f - x) <= Math.abs(x) * 0.005),
  );

/** null when the reply passes; else the first rule it failed. */
export function gradeBlind(item: BlindItem, reply: BlindReply): BlindRule | null {
  const lead = leadOf(reply.answer);
  if (item.kind === "refuse") {
    const declined = (item.status ?? ["guardrails_"]).some((prefix) =>
      (reply.status ?? "").startsWith(prefix),
    );
    // Stricter than the sealed grader: an empty list of lead groups would pass any answer.
    const leadDeclines = item.lead !== undefined && item.lead.length > 0 && groupsOk(item.lead, lead);
    return declined || leadDeclines ? null : "status";
  }
  if (item.lead && !groupsOk(item.lead, lead)) return "lead";
  if (item.first && !groupsOk(item.first, firstPoint(lead))) return "first";
  const found = numbersIn(lead);
  if ((item.numbers ?? []).some((n) => !numberOk(n, found))) return "numbers";
  if ((item.not_lead ?? []).some((s) => norm(lead).includes(norm(s)))) return "not_lead";
  const cited = new Set(reply.citations.map((c) => c.unitId));
  if (item.units?.length && !item.units.some((u) => cited.has(u))) return "units";
  return null;
}
