import { documentNames } from "../../server/calculators/sources.js";
import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { checkGrounding } from "../../server/pipeline/check/grounding.js";
import type { AnswerContext } from "../../server/pipeline/context.js";

/**
 * Figures in an answer that appear in no cited passage, no calculator result and nothing the person
 * said (`said`: every message of the conversation).
 */
export function figuresInNoSource(ctx: AnswerContext, knowledge: KnowledgeBase, said: string[]): string[] {
  // Help and requests for input are canned text that states nothing about the plan.
  if (
    !ctx.status ||
    !/^(answered|unanswerable|error_llm)/.test(ctx.status) ||
    ["answered_help", "answered_needs_input"].includes(ctx.status)
  )
    return [];
  const cited = ctx.citations.map((c) => knowledge.passage(c.id)).filter((p) => p !== undefined);
  return checkGrounding(
    ctx.answer,
    {
      passages: cited,
      toolRuns: ctx.toolRuns,
      question: said.join("\n"),
      documents: documentNames(ctx.deps.calculators.data),
    },
    { final: false },
  )
    .filter((p) => p.kind === "unsupported_figure")
    .map((p) => p.detail);
}
