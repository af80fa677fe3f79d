import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Passage } from "../../../server/knowledge/types.js";
import { loadAnswerCheckWords } from "../../../server/language/answerCheck.js";
import { LlmAnswerCheck, type LlmAnswerRules } from "../../../server/pipeline/check/llmAnswer.js";
import { root } from "../../support/services.js";

const target: Passage = {
  id: "hn2023:1.3#1",
  unitId: "hn2023:1.3",
  docId: "hn2023",
  breadcrumb: ["一、总体要求", "（三）主要目标"],
  text: "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%。",
  responsibleUnits: null,
};
const rules = (overrides: Partial<LlmAnswerRules> = {}): LlmAnswerRules => ({
  words: loadAnswerCheckWords(`${root}knowledge`),
  linkAllowlist: [],
  instructions: fs.readFileSync(path.join(root, "prompts/system.zh.md"), "utf8"),
  maxChars: 2000,
  ...overrides,
});
const check = (overrides: Partial<LlmAnswerRules> = {}) =>
  new LlmAnswerCheck(
    { passages: [target], toolRuns: [], question: "能耗到2025年要降多少" },
    rules(overrides),
  );
const GOOD = "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";
const kinds = (problems: Array<{ kind: string }>) => problems.map((p) => p.kind);

describe("LlmAnswerCheck", () => {
  it("passes a grounded answer, piece by piece and whole", async () => {
    const c = check();
    expect(c.piece(GOOD)).toEqual([]);
    expect(await c.final(GOOD)).toEqual([]);
  });

  it.each([
    ["an invented figure", "补贴九十八万七千元[1]。", "unsupported_figure"],
    ["a link", "详见 https://jxj-huainan.gov.cn.example.com 。", "link"],
    ["an official act", "经研究，同意贵公司的申请，特此批复[1]。", "official_act"],
    ["its rules", fs.readFileSync(path.join(root, "prompts/system.zh.md"), "utf8"), "instructions"],
  ])("refuses %s", async (_case, answer, kind) => {
    expect(kinds(await check().final(answer))).toContain(kind);
    expect(kinds(check().piece(answer))).toContain(kind);
  });

  it("accepts a link to an allowed origin", async () => {
    const answer = `${GOOD}详见 https://jxj.huainan.gov.cn/zcwj/2023/19.html 。`;
    expect(await check({ linkAllowlist: ["https://jxj.huainan.gov.cn"] }).final(answer)).toEqual([]);
  });

  it("refuses an answer once its pieces together pass the length cap", async () => {
    const c = check({ maxChars: GOOD.length * 2 });
    expect(c.piece(GOOD)).toEqual([]);
    expect(c.piece(GOOD)).toEqual([]);
    expect(kinds(c.piece(GOOD))).toEqual(["too_long"]);
    expect(kinds(await check({ maxChars: GOOD.length }).final(GOOD + GOOD))).toEqual(["too_long"]);
  });

  it("reads a long answer whole, block by block: an uncited sentence far down stands on what the answer cites", async () => {
    const answer = `${GOOD.repeat(300)}另外，2030年目标为下降18%。`;
    expect((await check({ maxChars: 1e6 }).final(answer)).map((p) => p.detail)).toEqual(["2030", "18"]);
  });
});
