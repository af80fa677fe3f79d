import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { createLogger, createServices } from "../../server/services.js";
import type { AppServices } from "../../server/services.js";
import { loadAnswerCases, runAnswerCase } from "../../eval/lib/answerEval.js";
import { root } from "../support/services.js";

/**
 * A second document beside the plan: a fixture written for this test (a superseded trial measure of an
 * imaginary city), so its clauses, its "下同" and its status can be checked without touching the plan.
 */
const FIXTURE = path.join(root, "test/fixtures/documents/demo2021.md");

async function servicesWith(knowledgeDir: string): Promise<AppServices> {
  const config = { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }, root), knowledgeDir };
  return createServices(
    { ...config, embeddings: null, llm: null, databaseFile: ":memory:" },
    createLogger({ logLevel: "silent" }),
  );
}

let work: string;
let withSecond: AppServices;
let planOnly: AppServices;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "two-documents-"));
  fs.cpSync(path.join(root, "knowledge"), work, { recursive: true });
  fs.copyFileSync(FIXTURE, path.join(work, "documents", "demo2021.md"));
  withSecond = await servicesWith(work);
  planOnly = await servicesWith(path.join(root, "knowledge"));
}, 60_000);

afterAll(async () => {
  await withSecond?.storage.close?.();
  await planOnly?.storage.close?.();
  fs.rmSync(work, { recursive: true, force: true });
});

async function ask(services: AppServices, question: string) {
  return services.pipeline.answer({ message: question, conversationId: "docs", history: [] });
}

describe("with a second document in knowledge/", () => {
  it("cites its clauses under its own name: opening, basis line, citation and AI label", async () => {
    const ctx = await ask(withSecond, "园区能源管理员多久报送一次能源消费台账？");
    expect(ctx.citations[0]).toMatchObject({
      unitId: "demo2021:2.1.1",
      document: "示例市工业园区节能管理办法（试行）",
    });
    expect(ctx.answer.split("\n")[0]).toMatch(
      /^《示例市工业园区节能管理办法（试行）》在“建立园区能源管理员制度”中提出：.*每季度/,
    );
    expect(ctx.answer).toContain("[1] 《示例市工业园区节能管理办法（试行）》 › 二、管理措施");
    // The label names the documents quoted, this one first.
    expect(ctx.answer).toMatch(/依据《示例市工业园区节能管理办法（试行）》[^）]*原文整理/);
  });

  it("says the document is no longer in force and names its successor", async () => {
    const ctx = await ask(withSecond, "园区能源审计多久做一次？");
    const lead = ctx.answer.split("\n\n")[0]!;
    expect(lead).toContain(
      "注意：《示例市工业园区节能管理办法（试行）》已于2024年1月1日被替代，现行文件为《示例市工业园区节能管理办法》",
    );
  });

  it("keeps its “下同” inside itself: the plan's clauses do not get its units, nor its clauses the plan's", () => {
    const kb = withSecond.knowledge;
    const planClause = kb.passagesOfUnit("hn2023:2.2.3")[0]!;
    expect(planClause.responsibleUnits?.alsoResponsible?.join("")).not.toContain("园区管委会负责");
    const own = kb.passagesOfUnit("demo2021:2.1.2")[0]!;
    expect(own.responsibleUnits?.alsoResponsible ?? []).not.toContain("各县、区人民政府");
  });

  it("does not lower the plan's development eval: no case that passes without it fails with it", async () => {
    const cases = loadAnswerCases(path.join(root, "eval/answer-cases.jsonl"));
    const lost: string[] = [];
    for (const testCase of cases) {
      const before = await runAnswerCase(planOnly.pipeline, planOnly.knowledge, testCase);
      const after = await runAnswerCase(withSecond.pipeline, withSecond.knowledge, testCase);
      if (before.passed && !after.passed) lost.push(`${testCase.id}: ${after.failures.join("; ")}`);
    }
    expect(lost).toEqual([]);
  }, 120_000);
});
