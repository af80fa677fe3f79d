import { describe, expect, it } from "vitest";
import { QuestionBank } from "../../server/retrieval/questionBank.js";

/** Character bigrams: a tokenizer that needs no dictionary and handles Chinese. */
const bigrams = (text: string) => [...text].slice(0, -1).map((c, i) => c + text[i + 1]);

const bank = new QuestionBank(
  [
    { unitId: "u:motors", question: "老电机要不要换成高效电机" },
    { unitId: "u:motors", question: "电机换新有补贴吗" },
    { unitId: "u:funds", question: "节能改造有没有专项资金" },
  ],
  bigrams,
);

describe("QuestionBank", () => {
  it("scores each unit by its best question, the best unit 1", () => {
    const scores = bank.unitScores("我们的老电机要换吗");
    expect(scores.get("u:motors")).toBe(1);
    expect(scores.get("u:funds") ?? 0).toBeLessThan(1);
  });

  it("gives raw scores too, so a weak best match can be told from a strong one", () => {
    const matches = bank.unitMatches("老电机要不要换成高效电机");
    expect(matches.get("u:motors")!.score).toBeGreaterThan(bank.unitMatches("电机")!.get("u:motors")!.score);
  });

  it("leaves one question out for training on the bank itself", () => {
    const without = bank.without(2).unitMatches("节能改造有没有专项资金");
    expect(without.has("u:funds")).toBe(false);
  });

  it("matches nothing for a question that shares no words", () => {
    expect(bank.unitScores("今天天气").size).toBe(0);
  });
});
