import { describe, expect, it } from "vitest";
import { messages } from "../../../server/messages.js";
import type { Status } from "../../../server/pipeline/statuses.js";
import { label } from "../../../server/pipeline/stages/label.js";
import { useTestServices } from "../../support/services.js";
import { makeContext } from "../factories.js";

const env = useTestServices();
const AI_LABEL = messages.answer.aiLabel;

async function labelled(status: Status, answer = "回答正文。") {
  const ctx = await makeContext(env.deps, { message: "问题", status, answer });
  await label(ctx);
  return ctx;
}

describe("label", () => {
  it("says the label names AI generation and the plan", () => {
    expect(AI_LABEL).toContain("人工智能生成");
    expect(AI_LABEL).toContain("《淮南市工业领域碳达峰实施方案》");
  });

  describe("on a generated answer", () => {
    it.each([
      "answered",
      "unanswerable_no_content",
      "error_llm_timeout",
      "error_llm_unavailable",
      "error_llm_unsupported_claim",
    ] as const)("appends the AI-generated label to %s and sends it as the last delta", async (status) => {
      const ctx = await labelled(status);
      expect(ctx.answer).toBe(`回答正文。\n\n${AI_LABEL}`);
      expect(ctx.events).toEqual([{ type: "delta", text: `\n\n${AI_LABEL}` }]);
    });
  });

  describe("on a canned reply", () => {
    it.each([
      "guardrails_injection",
      "guardrails_off_topic",
      "answered_needs_input",
      "answered_help",
      "invalid_empty",
      "error_internal",
    ] as const)("adds nothing to %s", async (status) => {
      const ctx = await labelled(status, "固定答复。");
      expect(ctx.answer).toBe("固定答复。");
      expect(ctx.events).toEqual([]);
    });
  });
});
