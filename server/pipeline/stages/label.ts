import { messages } from "../../messages.js";
import type { AnswerContext } from "../context.js";

/** Every generated answer says it was generated; canned refusals and prompts for input say nothing more. */
export async function label(ctx: AnswerContext): Promise<void> {
  const generated =
    ctx.status === "answered" ||
    ctx.status === "unanswerable_no_content" ||
    ctx.status?.startsWith("error_llm");
  if (!generated) return;
  const text = `\n\n${messages.answer.aiLabel}`;
  ctx.answer += text;
  ctx.emit({ type: "delta", text });
}
