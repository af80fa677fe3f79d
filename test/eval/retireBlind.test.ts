import { describe, expect, it } from "vitest";
import { answerCaseSchema } from "../../eval/lib/answerEval.js";
import { nextIds, toAnswerCase } from "../../eval/lib/retireBlind.js";

describe("retiring a blind item into the answer cases", () => {
  it("keeps the conversation, the facts, the wrong clauses and the units, in the answer-case format", () => {
    const retired = toAnswerCase(
      {
        id: "b1-003",
        kind: "followup",
        persona: "sme",
        turns: ["水泥熟料的能效标杆值是多少", "那煤制烯烃呢？"],
        lead: [["2800", "2,800"]],
        first: [["煤制烯烃"]],
        numbers: [2800],
        not_lead: ["3300"],
        units: ["hn2023:3.3.benchmark"],
      },
      "a471",
    );
    expect(answerCaseSchema.parse(retired)).toEqual({
      id: "a471",
      category: "follow_up",
      persona: "sme",
      turns: ["水泥熟料的能效标杆值是多少"],
      question: "那煤制烯烃呢？",
      expect: {
        status: "answered",
        mustContain: [["2800", "2,800"], "煤制烯烃", "2800"],
        mustNotContain: ["3300"],
        cite: ["hn2023:3.3.benchmark"],
      },
    });
  });

  it("expects a refusal's status and an unknown's, and numbers after the highest id", () => {
    expect(toAnswerCase({ id: "x", kind: "refuse", turns: ["写首诗"] }, "a1").expect).toEqual({
      status: "guardrails_off_topic",
    });
    expect(toAnswerCase({ id: "x", kind: "unknown", turns: ["补贴多少"] }, "a1").expect.status).toBe(
      "unanswerable_no_content",
    );
    expect(nextIds(["a001", "a470", "a099"], 2)).toEqual(["a471", "a472"]);
  });
});
