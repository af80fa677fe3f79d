import { messages } from "../../messages.js";
import type { AnswerContext, ToolRun } from "../context.js";

/**
 * Runs the calculator the message asked for, or records exactly which inputs are still missing; while
 * something is missing, runs the provisional input understanding found (the answer that can already be
 * given, on an assumption the reply states).
 */
export async function runTools(ctx: AnswerContext): Promise<void> {
  const request = ctx.calculatorRequest;
  if (!request || request.verdict) return;
  const provisional = request.missing.length > 0 ? request.provisional : undefined;
  if (request.missing.length > 0 && !provisional) return;
  const input = provisional?.input ?? request.input;
  const outcome = ctx.deps.calculators.run(request.tool, input);
  const run: ToolRun = outcome.ok
    ? { name: request.tool, input, output: outcome.output }
    : {
        name: request.tool,
        input,
        output: outcome.details ?? null,
        error: messages.answer.calculatorRefused(outcome.message),
      };
  if (provisional) {
    // A provisional answer that fails says nothing: the questions are asked on their own.
    if (!outcome.ok) return;
    run.provisional = true;
  }
  ctx.toolRuns.push(run);
  ctx.emit({ type: "tool", run });
}
