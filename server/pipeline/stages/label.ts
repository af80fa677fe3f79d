import { messages } from "../../messages.js";
import type { AnswerContext } from "../context.js";

/** Every generated answer says it was generated; canned refusals and prompts for input say nothing more. */
export async function label(ctx: AnswerContext): Promise<void> {
  const generated =
    ctx.status === "answered" ||
    ctx.status === "unanswerable_no_content" ||
    ctx.status?.startsWith("error_llm");
  if (!generated) return;
  // An English question is answered from the plan's Chinese text; the note says so in English.
  const note = ctx.english ? `\n\n${messages.answer.englishNote}` : "";
  const text = `${note}\n\n${aiLabel(ctx)}`;
  ctx.answer += text;
  ctx.emit({ type: "delta", text });
}

/** The label names the documents the answer quotes (for the plan alone, the plan's usual label). */
function aiLabel(ctx: AnswerContext): string {
  const titles = [...new Set(ctx.citations.map((c) => c.document).filter((t): t is string => !!t))];
  return titles.length ? messages.answer.aiLabelFor(titles) : messages.answer.aiLabel;
}
