import { messages } from "../../messages.js";
import type { AnswerContext } from "../context.js";

/** Runs the calculator the message asked for, or records exactly which inputs are still missing. */
export async function runTools(ctx: AnswerContext): Promise<void> {
  const request = ctx.calculatorRequest;
  if (!request || request.missing.length > 0) return;
  const outcome = ctx.deps.calculators.run(request.tool, request.input);
  const run = outcome.ok
    ? { name: request.tool, input: request.input, output: outcome.output }
    : {
        name: request.tool,
        input: request.input,
        output: outcome.details ?? null,
        error: messages.answer.calculatorRefused(outcome.message),
      };
  ctx.toolRuns.push(run);
  ctx.emit({ type: "tool", run });
}
