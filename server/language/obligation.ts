import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  about: z.string(),
  mandatory: z.array(z.string().min(1)),
  encouraged: z.array(z.string().min(1)),
  prohibition: z.array(z.string().min(1)),
  /** Government bodies a sentence may open with, assigning them its task. */
  assignedTo: z.array(z.string().min(1)),
});

export type ObligationWords = z.infer<typeof schema>;
export type Strength = "mandatory" | "encouraged" | "neutral";

export const OBLIGATION_FILE = "language/obligation.json";

export function loadObligationWords(knowledgeDir: string): ObligationWords {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(knowledgeDir, OBLIGATION_FILE), "utf8")));
}

/** A sentence binds when it orders or forbids; it encourages when it only promotes. */
export function strengthOf(sentence: string, words: ObligationWords): Strength {
  if (words.mandatory.some((w) => sentence.includes(w))) return "mandatory";
  if (words.encouraged.some((w) => sentence.includes(w))) return "encouraged";
  return "neutral";
}

/**
 * "各县区、园区结合自身工业发展实际，编制本地相关方案": a sentence that opens with a government body gives
 * that body a task, bare verb or not; one that promotes ("鼓励…") does not.
 */
export function assignsTask(sentence: string, words: ObligationWords): boolean {
  const opening = sentence.replace(/^\s*[\d一二三四五六七八九十]+[、.．]\s*/, "");
  return (
    words.assignedTo.some((body) => opening.startsWith(body)) && strengthOf(sentence, words) !== "encouraged"
  );
}

/** The words that decided it, as written, for the answer to show. */
export function strengthWords(sentence: string, words: ObligationWords, strength: Strength): string[] {
  const list = strength === "mandatory" ? words.mandatory : strength === "encouraged" ? words.encouraged : [];
  return list.filter((w) => sentence.includes(w));
}
