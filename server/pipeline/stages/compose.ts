import type { AnswerContext } from "../context.js";
import { composeOffline } from "../compose/offline.js";
import { composeWithLlm } from "../compose/llm.js";
import { answerDeadline } from "../llm/llmClient.js";

/** Offline by default; with an LLM configured, the LLM writes and the offline answer is the fallback. */
export async function compose(ctx: AnswerContext): Promise<void> {
  const offline = composeOffline(ctx);
  const llmUseful = ctx.deps.llm && offline.status === "answered";
  if (llmUseful) {
    // LLM_TOTAL_TIMEOUT_MS bounds the whole answer, every tool round included (error_llm_timeout).
    const outer = ctx.signal;
    const deadline = answerDeadline(outer, ctx.deps.config.llm?.totalTimeoutMs ?? 30_000);
    ctx.signal = deadline.signal;
    try {
      await composeWithLlm(ctx, offline);
    } finally {
      deadline.clear();
      ctx.signal = outer;
    }
    return;
  }
  ctx.finish({
    answer: offline.markdown,
    citations: offline.citations,
    status: offline.status,
    mode: "offline",
  });
}
