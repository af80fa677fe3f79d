import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const pattern = z.object({ about: z.string(), pattern: z.string().min(1) });
const schema = z.object({
  about: z.string(),
  officialActs: z.object({ about: z.string(), words: z.array(z.string().min(1)).min(1) }),
  person: pattern,
  absence: pattern,
  disclaimer: pattern,
});

/** What the LLM answer check reads beyond figures (knowledge/language/answer-check.json), compiled. */
export interface AnswerCheckWords {
  officialActs: RegExp;
  person: RegExp;
  absence: RegExp;
  disclaimer: RegExp;
}

export const ANSWER_CHECK_FILE = "language/answer-check.json";

export function loadAnswerCheckWords(knowledgeDir: string): AnswerCheckWords {
  const data = schema.parse(JSON.parse(fs.readFileSync(path.join(knowledgeDir, ANSWER_CHECK_FILE), "utf8")));
  const longestFirst = [...data.officialActs.words].sort((a, b) => b.length - a.length);
  return {
    officialActs: new RegExp(longestFirst.join("|"), "gu"),
    person: new RegExp(data.person.pattern, "u"),
    absence: new RegExp(data.absence.pattern, "u"),
    disclaimer: new RegExp(data.disclaimer.pattern, "u"),
  };
}
