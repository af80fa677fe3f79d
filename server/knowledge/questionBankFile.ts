import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { QuestionBank } from "../retrieval/questionBank.js";

export const PLAN_MODEL_FILE = "model/plan-model.json";

const bankSchema = z.object({
  units: z.record(z.string(), z.object({ questions: z.array(z.string()).default([]) }).passthrough()),
});

/** The question bank kept in the plan model; null when the model has not been written. */
export function loadQuestionBank(knowledgeDir: string, tokenize: (text: string) => string[]): QuestionBank | null {
  const file = path.join(knowledgeDir, PLAN_MODEL_FILE);
  if (!fs.existsSync(file)) return null;
  const { units } = bankSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const questions = Object.entries(units).flatMap(([unitId, entry]) =>
    entry.questions.map((question) => ({ unitId, question })),
  );
  return new QuestionBank(questions, tokenize);
}
