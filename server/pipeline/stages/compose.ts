import type { AnswerContext } from "../context.js";
import { composeOffline } from "../compose/offline.js";
import { composeWithLlm } from "../compose/llm.js";

/** Offline by default; with an LLM configured, the LLM writes and the offline answer is the fallback. */
export async function compose(ctx: AnswerContext): Promise<void> {
  const offline = composeOffline(ctx);
  const llmUseful = ctx.deps.llm && offline.status === "answered";
  if (llmUseful) {
    await composeWithLlm(ctx, offline);
    return;
  }
  ctx.finish({
    answer: offline.markdown,
    citations: offline.citations,
    status: offline.status,
    mode: "offline",
  });
}
