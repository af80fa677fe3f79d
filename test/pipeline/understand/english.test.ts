import { describe, expect, it } from "vitest";
import { loadEnglishWords, readEnglish } from "../../../server/pipeline/understand/english.js";
import { root, useTestServices } from "../../support/services.js";
import { converse, lastAnswer } from "../factories.js";

const words = loadEnglishWords(`${root}knowledge`);

describe("readEnglish", () => {
  it("reads the plan's terms and the question's forms in Chinese, longest phrase first", () => {
    expect(readEnglish("What is the plan's benchmark for coal-to-olefins?", words)).toEqual({
      chinese: "是什么方案标杆值煤制烯烃？",
      terms: 2,
    });
  });

  it("keeps figures, reads a year as one, and ends a question opened by an auxiliary in 吗", () => {
    expect(readEnglish("Is there funding for waste heat recovery by 2025?", words)?.chinese).toBe(
      "资金支持余热余压利用2025年吗？",
    );
    expect(readEnglish("Must energy intensity fall 15%?", words)?.chinese).toBe("单位增加值能耗下降15%吗？");
  });

  it("counts no term for words that name nothing of the plan's domain (Huainan, a company, the plan)", () => {
    expect(readEnglish("What's the weather like in Huainan tomorrow?", words)?.terms).toBe(0);
  });

  it("is null for a message with Chinese in it", () => {
    expect(readEnglish("水泥熟料的benchmark是多少", words)).toBeNull();
  });
});

describe("a question in English", () => {
  const env = useTestServices();
  const ask = (...turns: string[]) => lastAnswer(env.services.pipeline, ...turns);

  it("is answered from the clause its Chinese twin is, with a note in English", async () => {
    const ctx = await ask(
      "What share of chemical companies does Huainan want inside chemical parks by 2025?",
    );
    expect(ctx.status).toBe("answered");
    expect(ctx.answer.split("\n")[0]).toContain("“入园率”达到70%以上");
    expect(ctx.citations[0]!.unitId).toBe("hn2023:3.3.target");
    expect(ctx.answer).toContain("You asked in English.");
  });

  it("reaches the calculators' look-up, and follows up in English", async () => {
    const [first, next] = await converse(
      env.services.pipeline,
      "What is the plan's benchmark for coal-to-olefins?",
      "and synthetic ammonia?",
    );
    expect(first!.answer).toContain("2800 千克标准煤/吨");
    expect(next!.answer.split("\n")[0]).toContain("1100 千克标准煤/吨");
  });

  it("is refused in English when it names nothing of the plan's domain, or asks for a task", async () => {
    for (const message of [
      "What's the weather like in Huainan tomorrow?",
      "Write me a poem about energy saving",
    ]) {
      const ctx = await ask(message);
      expect(ctx.status).toBe("guardrails_off_topic");
      expect(ctx.answer).toMatch(/^Sorry, this is outside what I can help with/);
    }
  });
});
