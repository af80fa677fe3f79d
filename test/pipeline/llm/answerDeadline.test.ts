import { beforeEach, describe, expect, it } from "vitest";
import type { AnswerEvent } from "../../../server/pipeline/context.js";
import type { ScriptedReply } from "../../support/scriptedOpenAi.js";
import { TEST_LLM_TIMEOUTS, useTestServices } from "../../support/services.js";

/**
 * LLM_TOTAL_TIMEOUT_MS bounds the whole answer, tool rounds included: three rounds that each stay
 * within a turn's time-outs (first token at once, 900 ms in all) add up past the 2000 ms total.
 */
const env = useTestServices({ llm: true });

beforeEach(() => env.llmServer!.respondWith({ kind: "status", status: 500 }));

const slowCall = (n: number): ScriptedReply => ({
  kind: "tool_call",
  name: "benchmark_gap",
  arguments: '{"product":"水泥熟料","unitConsumption":110}',
  id: `call_${n}`,
  delayMs: 900,
});

describe("when tool rounds together outlast LLM_TOTAL_TIMEOUT_MS", () => {
  it("stops at the total with error_llm_timeout and serves the offline answer", async () => {
    env.llmServer!.respondWith(slowCall(1), slowCall(2), slowCall(3), {
      kind: "text",
      chunks: ["按您给出的110千克标准煤/吨计算，比标杆值高10千克标准煤/吨（10%）[1]。"],
    });
    const events: AnswerEvent[] = [];
    const started = performance.now();
    const ctx = await env.services.pipeline.answer({
      message: "水泥行业有哪些节能降碳措施",
      conversationId: "c_test",
      history: [],
      emit: (event) => events.push(event),
    });
    const ms = performance.now() - started;
    expect(ctx).toMatchObject({ status: "error_llm_timeout", mode: "offline" });
    expect(ctx.notes.some((note) => note.startsWith("llm_timeout:"))).toBe(true);
    // More than one round ran, and the whole answer ended near the total, not after the third round.
    expect(env.llmServer!.requests.length).toBeGreaterThanOrEqual(2);
    expect(ms).toBeGreaterThanOrEqual(TEST_LLM_TIMEOUTS.totalTimeoutMs - 50);
    expect(ms).toBeLessThan(TEST_LLM_TIMEOUTS.totalTimeoutMs + 600);
  });

  it("still records a person who left as gone, not as a time-out", async () => {
    env.llmServer!.respondWith(slowCall(1), slowCall(2), slowCall(3));
    const abort = new AbortController();
    setTimeout(() => abort.abort("error_client_gone"), 300);
    const ctx = await env.services.pipeline.answer({
      message: "水泥行业有哪些节能降碳措施",
      conversationId: "c_test",
      history: [],
      signal: abort.signal,
    });
    expect(ctx.status).toBe("error_client_gone");
  });
});
