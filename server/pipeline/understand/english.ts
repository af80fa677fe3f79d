import fs from "node:fs";
import path from "node:path";
import * as z from "zod";
import { isEnglish } from "../guard/scope.js";

const pair = z.tuple([z.string().min(1), z.string().min(1)]);
const fileSchema = z.object({
  about: z.string(),
  terms: z.array(pair).min(1),
  forms: z.array(pair).min(1),
  polar: z.array(z.string().min(1)),
});

export const ENGLISH_WORDS_FILE = "language/english.json";

export interface EnglishWords {
  /** every phrase, terms and forms together, longest first */
  phrases: Array<{ english: string; chinese: string; term: boolean }>;
  polar: Set<string>;
}

export function loadEnglishWords(knowledgeDir: string): EnglishWords {
  const file = path.join(knowledgeDir, ENGLISH_WORDS_FILE);
  const data = fileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const phrases = [
    ...data.terms.map(([english, chinese]) => ({ english, chinese, term: true })),
    ...data.forms.map(([english, chinese]) => ({ english, chinese, term: false })),
  ].sort((a, b) => b.english.length - a.english.length);
  return { phrases, polar: new Set(data.polar) };
}

/** An English question as the Chinese the plan's clauses and the question forms are read in. */
export interface EnglishReading {
  chinese: string;
  /** how many of the plan's terms it names (0: nothing of the plan's domain) */
  terms: number;
}

/**
 * "What is the plan's benchmark for coal-to-olefins?" → "是什么方案标杆值煤制烯烃？": the plan's terms and
 * the question's forms, longest phrase first, in the order said; figures kept (a year as 2025年); every
 * other word dropped; a question that opens with an auxiliary ("Is there …") ends in 吗. Null for a
 * message that is not English.
 */
export function readEnglish(message: string, words: EnglishWords): EnglishReading | null {
  if (!isEnglish(message)) return null;
  const text = message
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[‐‑–—]/g, "-");
  const out: string[] = [];
  let terms = 0;
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const phrase = words.phrases.find((p) => startsWithWord(rest, p.english));
    if (phrase) {
      out.push(phrase.chinese);
      if (phrase.term) terms++;
      at += phrase.english.length;
      continue;
    }
    const figure = /^(\d+(?:\.\d+)?)(\s*%)?/.exec(rest);
    if (figure) {
      const year = !figure[2] && /^(19|20)\d{2}$/.test(figure[1]!);
      out.push(year ? `${figure[1]}年` : `${figure[1]}${figure[2] ? "%" : ""}`);
      at += figure[0].length;
      continue;
    }
    const word = /^[a-z][a-z-]*/.exec(rest);
    at += word ? word[0].length : 1;
  }
  const first = /^[a-z]+/.exec(text.trim())?.[0] ?? "";
  const polar = words.polar.has(first) ? "吗" : "";
  return { chinese: `${out.join("")}${polar}？`, terms };
}

/** Whether `text` opens with `phrase` as whole words. */
function startsWithWord(text: string, phrase: string): boolean {
  return text.startsWith(phrase) && !/[a-z0-9]/.test(text.charAt(phrase.length));
}
