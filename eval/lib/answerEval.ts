import fs from "node:fs";
import * as z from "zod";
import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import type { AnswerContext } from "../../server/pipeline/context.js";
import type { AnswerPipeline } from "../../server/pipeline/index.js";
import { askInTurn } from "./askInTurn.js";
import { llmNotes } from "./llmFallbacks.js";
import { round } from "./metrics.js";
import { figuresInNoSource } from "./unsupportedFigures.js";

const expectSchema = z.object({
  status: z.string().optional(),
  mustContain: z.array(z.union([z.string(), z.array(z.string())])).optional(),
  /** Must be in the first paragraph (text before the first blank line), where the answer is read. */
  lead: z.array(z.union([z.string(), z.array(z.string())])).optional(),
  mustNotContain: z.array(z.string()).optional(),
  cite: z.array(z.string()).optional(),
  calc: z.record(z.string(), z.unknown()).optional(),
});

export const answerCaseSchema = z.object({
  id: z.string(),
  category: z.string(),
  persona: z.string(),
  turns: z.array(z.string()),
  question: z.string(),
  expect: expectSchema,
});
export type AnswerCase = z.infer<typeof answerCaseSchema>;

export function loadAnswerCases(file: string): AnswerCase[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => answerCaseSchema.parse(JSON.parse(line)));
}

export interface AnswerCaseResult {
  id: string;
  category: string;
  persona: string;
  status: string | null;
  passed: boolean;
  failures: string[];
  unsupportedFigures: string[];
  /** For answers that must contain facts: whether the first paragraph (the direct answer) holds them all. */
  leadHasFacts: boolean | null;
  /** Who wrote the answer, and what the pipeline noted about the LLM (for the --llm fallback counts). */
  mode: AnswerContext["mode"];
  llmNotes: string[];
  ms: number;
}

/** Where the scope is decided: refusals, what the plan does not cover, and requests for a person. */
const REFUSAL_CATEGORIES = new Set(["out_of_scope", "injection", "not_in_plan", "handoff"]);
const FACT_CATEGORIES = new Set([
  "plan_fact",
  "enterprise_advice",
  "responsible_unit",
  "money_services",
  "follow_up",
  "greeting",
]);
const LEAD_CATEGORIES = new Set([
  "plan_fact",
  "enterprise_advice",
  "responsible_unit",
  "money_services",
  "follow_up",
]);

export async function runAnswerCase(
  pipeline: AnswerPipeline,
  knowledge: KnowledgeBase,
  testCase: AnswerCase,
): Promise<AnswerCaseResult> {
  const said = [...testCase.turns, testCase.question];
  const started = performance.now();
  const ctx = await askInTurn(pipeline, said);
  const ms = performance.now() - started;
  const failures = judge(ctx, testCase);
  const unsupportedFigures = figuresInNoSource(ctx, knowledge, said);
  return {
    id: testCase.id,
    category: testCase.category,
    persona: testCase.persona,
    status: ctx.status,
    passed: failures.length === 0,
    failures,
    unsupportedFigures,
    leadHasFacts: leadHasFacts(ctx, testCase),
    mode: ctx.mode,
    llmNotes: llmNotes(ctx),
    ms,
  };
}

/**
 * "Lead with the answer": the facts an answer must contain should be in its first paragraph, not only
 * in the clauses quoted below it. Measured on the answered plan questions that name facts.
 */
function leadHasFacts(ctx: AnswerContext, testCase: AnswerCase): boolean | null {
  const needed = testCase.expect.mustContain ?? [];
  if (!LEAD_CATEGORIES.has(testCase.category) || testCase.expect.status !== "answered" || needed.length === 0)
    return null;
  const lead = ctx.answer.split("\n\n")[0] ?? "";
  return needed.every((entry) =>
    (Array.isArray(entry) ? entry : [entry]).some((option) => lead.includes(option)),
  );
}

function judge(ctx: AnswerContext, testCase: AnswerCase): string[] {
  const { expect } = testCase;
  const failures: string[] = [];
  if (expect.status && ctx.status !== expect.status) failures.push(`status ${ctx.status} ≠ ${expect.status}`);
  for (const needed of expect.mustContain ?? []) {
    const options = Array.isArray(needed) ? needed : [needed];
    if (!options.some((option) => ctx.answer.includes(option)))
      failures.push(`missing “${options.join("|")}”`);
  }
  for (const banned of expect.mustNotContain ?? [])
    if (ctx.answer.includes(banned)) failures.push(`contains “${banned}”`);
  const lead = ctx.answer.split("\n\n")[0] ?? "";
  for (const needed of expect.lead ?? []) {
    const options = Array.isArray(needed) ? needed : [needed];
    if (!options.some((option) => lead.includes(option)))
      failures.push(`first paragraph lacks “${options.join("|")}”`);
  }
  if (expect.cite?.length && !ctx.citations.some((c) => expect.cite!.includes(c.unitId))) {
    failures.push(
      `cites ${ctx.citations.map((c) => c.unitId).join(",") || "nothing"}, wanted ${expect.cite.join("|")}`,
    );
  }
  if (expect.calc) failures.push(...judgeCalculation(ctx, expect.calc));
  return failures;
}

/**
 * The calculator ran with the figures expected. Besides the benchmark fields by name, any key is a path
 * into the result ("standardCoal.totalTce", "co2.totalCo2T", "annualKwh") or, with "input.", into what the
 * calculator was given ("input.ratedPowerKw"); values are compared exactly.
 */
function judgeCalculation(ctx: AnswerContext, calc: Record<string, unknown>): string[] {
  const run = ctx.toolRuns.find((r) => r.name === calc.tool && !r.error);
  if (!run) return [`no ${String(calc.tool)} result`];
  const output = run.output as Record<string, unknown>;
  const failures: string[] = [];
  for (const [key, expected] of Object.entries(calc)) {
    if (key === "tool" || key === "product") continue;
    const actual = key.startsWith("input.") ? at(run.input, key.slice("input.".length)) : at(output, key);
    if (actual !== expected) failures.push(`${key} ${String(actual)} ≠ ${String(expected)}`);
  }
  const product = (output.product as { name?: string } | undefined)?.name;
  if (typeof calc.product === "string" && product !== calc.product)
    failures.push(`product ${product} ≠ ${calc.product}`);
  return failures;
}

/** The value at a dotted path ("input.output", "gap.value") of a calculator's input or output. */
function at(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}

export function summariseAnswers(results: AnswerCaseResult[]) {
  const share = (list: AnswerCaseResult[]) =>
    list.length ? round(list.filter((r) => r.passed).length / list.length) : 1;
  const facts = results.filter((r) => FACT_CATEGORIES.has(r.category));
  const calculations = results.filter((r) => r.category.startsWith("calculation"));
  const refusals = results.filter((r) => REFUSAL_CATEGORIES.has(r.category));
  const byCategory = Object.fromEntries(
    [...new Set(results.map((r) => r.category))].sort().map((c) => [
      c,
      {
        cases: results.filter((r) => r.category === c).length,
        passed: share(results.filter((r) => r.category === c)),
      },
    ]),
  );
  return {
    cases: results.length,
    overall: share(results),
    factsWithCitation: share(facts),
    calculationsExact: share(calculations),
    refusalsCorrect: share(refusals),
    answersWithUnsupportedFigures: results.filter((r) => r.unsupportedFigures.length > 0).length,
    leadHasFacts: share(
      results.filter((r) => r.leadHasFacts !== null).map((r) => ({ ...r, passed: r.leadHasFacts === true })),
    ),
    byCategory,
  };
}
