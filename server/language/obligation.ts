import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  about: z.string(),
  mandatory: z.array(z.string().min(1)),
  encouraged: z.array(z.string().min(1)),
  prohibition: z.array(z.string().min(1)),
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

/** The words that decided it, as written, for the answer to show. */
export function strengthWords(sentence: string, words: ObligationWords, strength: Strength): string[] {
  const list = strength === "mandatory" ? words.mandatory : strength === "encouraged" ? words.encouraged : [];
  return list.filter((w) => sentence.includes(w));
}
