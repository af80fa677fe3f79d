import { documentNames } from "../../calculators/sources.js";
import { checkGrounding } from "../check/grounding.js";
import { llmAnswerCheckFor } from "../check/llmAnswer.js";
import { composeOffline } from "../compose/offline.js";
import { serveOffline } from "../compose/llm.js";
import type { AnswerContext } from "../context.js";

/**
 * The last word on an LLM answer, read whole once: every citation points at a given passage, every
 * figure is in the passages its sentence cites (or a calculator result, or the person's own words said
 * as theirs), no link but to the allowlist, no official act the plan does not make, none of the
 * model's rules repeated, not too long (check/llmAnswer.ts). Offline answers are checked for
 * citations and figures; a failure there is a defect of ours, recorded for the eval and the logs.
 */
export async function checkAnswer(ctx: AnswerContext): Promise<void> {
  if (ctx.status !== "answered") return;
  if (ctx.mode === "llm") {
    const problems = await llmAnswerCheckFor(ctx).final(ctx.answer);
    if (problems.length === 0 && ctx.citations.length > 0) return;
    ctx.notes.push(
      `llm_answer_rejected:${problems.map((p) => `${p.kind}:${p.detail}`).join(",") || "no_citation"}`,
    );
    serveOffline(ctx, composeOffline(ctx), "error_llm_unsupported_claim", { reset: true });
    return;
  }
  const cited = ctx.citations.map((c) => ctx.deps.knowledge.passage(c.id)).filter((p) => p !== undefined);
  const problems = checkGrounding(
    ctx.answer,
    {
      passages: cited,
      toolRuns: ctx.toolRuns,
      question: ctx.question,
      documents: documentNames(ctx.deps.calculators.data),
    },
    { final: false },
  );
  if (problems.length) ctx.notes.push(`offline_unsupported:${problems.map((p) => p.detail).join(",")}`);
}
