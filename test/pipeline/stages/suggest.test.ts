import { describe, expect, it } from "vitest";
import { messages } from "../../../server/messages.js";
import { suggest } from "../../../server/pipeline/stages/suggest.js";
import { useTestServices } from "../../support/services.js";
import { citation, converse, makeContext, turn } from "../factories.js";

const env = useTestServices();
const t = messages.suggestions;

describe("suggest", () => {
  describe("through the pipeline", () => {
    it("offers two or three questions after an answer that quotes the plan", async () => {
      const [ctx] = await converse(env.services.pipeline, "企业开展节能降碳改造有哪些支持政策？");
      expect(ctx!.status).toBe("answered");
      expect(ctx!.suggestions.length).toBeGreaterThanOrEqual(2);
      expect(ctx!.suggestions.length).toBeLessThanOrEqual(3);
    });

    it("offers nothing after a refusal, a greeting or a request for a person", async () => {
      for (const message of ["推荐一部好看的电视剧", "你好", "转人工"]) {
        const [ctx] = await converse(env.services.pipeline, message);
        expect(ctx!.status, message).not.toBe("answered");
        expect(ctx!.suggestions, message).toEqual([]);
      }
    });
  });

  it("leaves out a question asked earlier in the conversation", async () => {
    const asked = t.responsible("开展节能降碳升级改造");
    const ctx = await makeContext(env.deps, {
      message: "节能降碳改造有什么要求？",
      status: "answered",
      answer: "方案在“开展节能降碳升级改造”中提出：推进能源资源节约、集约利用。[1]",
      citations: [
        citation("hn2023:2.2.3", "二、重点任务 › （二）节能提效助力减碳行动 › 3. 开展节能降碳升级改造"),
      ],
      history: [turn(asked, [], { question: asked })],
    });
    await suggest(ctx);
    expect(ctx.suggestions).not.toContain(asked);
    expect(ctx.suggestions[0]).toBe(t.clause("强化用能监督管理"));
  });

  it("offers nothing for an answer that is not answered", async () => {
    const ctx = await makeContext(env.deps, {
      status: "unanswerable_no_content",
      answer: "方案中没有……[1]",
      citations: [citation("hn2023:2.2.3", "…")],
    });
    await suggest(ctx);
    expect(ctx.suggestions).toEqual([]);
  });
});
