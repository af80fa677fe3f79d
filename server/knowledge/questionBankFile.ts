import fs from "node:fs";
import path from "node:path";
import { QuestionBank } from "../retrieval/questionBank.js";
import { MODEL_DIR, modelFiles, planModelFor, type PlanModel } from "./planModel.js";

/** The plan model when knowledge/ has one (an added document's directory may not). */
export function planModelIfPresent(knowledgeDir: string): PlanModel | null {
  return fs.existsSync(path.join(knowledgeDir, MODEL_DIR, modelFiles.plan)) ? planModelFor(knowledgeDir) : null;
}

/** The questions the plan model keeps for each clause, as a retriever. */
export function questionBankOf(model: PlanModel, tokenize: (text: string) => string[]): QuestionBank {
  const questions = model
    .unitIds()
    .flatMap((unitId) => (model.entry(unitId)?.questions ?? []).map((question) => ({ unitId, question })));
  return new QuestionBank(questions, tokenize);
}
