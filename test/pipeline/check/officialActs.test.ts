import { describe, expect, it } from "vitest";
import type { Passage } from "../../../server/knowledge/types.js";
import { loadAnswerCheckWords } from "../../../server/language/answerCheck.js";
import { officialActProblems } from "../../../server/pipeline/check/officialActs.js";
import { root } from "../../support/services.js";

const words = loadAnswerCheckWords(`${root}knowledge`);
const passage = (id: string, text: string): Passage => ({
  id: `hn2023:${id}#1`,
  unitId: `hn2023:${id}`,
  docId: "hn2023",
  breadcrumb: ["一、总体要求"],
  text,
  responsibleUnits: null,
});
const notice = passage(
  "notice",
  "《淮南市工业领域碳达峰实施方案》已经市碳达峰碳中和工作领导小组同意，现印发给你们。",
);
const target = passage("1.3", "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%。");
const passages = [notice, target];
const acts = (answer: string, pool = passages) =>
  officialActProblems(answer, passages, pool, words).map((p) => p.detail);

describe("officialActProblems", () => {
  it("accepts an act the cited clause states", () => {
    expect(acts("方案已经市碳达峰碳中和工作领导小组同意[1]。")).toEqual([]);
  });

  it.each([
    ["an approval", "经研究，你单位的技改补贴申请已获批复[2]。", ["批复"]],
    ["a consent to the person", "同意贵公司享受节能改造补贴[1]。", ["同意"]],
    ["a seal", "本答复已加盖淮南市经济和信息化局公章[2]。", ["公章", "加盖"]],
    ["a document", "根据我局2024年文件，企业可直接申报[2]。", ["文件"]],
    ["a repeal", "该方案已于2024年废止[2]。", ["废止"]],
    ["a letter's formula, uncited", "特此批复。", ["特此", "批复"]],
  ])("refuses %s the plan does not make", (_case, answer, found) => {
    expect(acts(answer).sort()).toEqual([...found].sort());
  });

  it("refuses an act said to the person even when the cited clause has the word", () => {
    expect(acts("经领导小组同意，您的项目可以立项[1]。")).toEqual(["同意"]);
  });

  it("takes a sentence quoted from the passage it cites as the plan's own, though it addresses its readers", () => {
    expect(
      acts("《淮南市工业领域碳达峰实施方案》已经市碳达峰碳中和工作领导小组同意，现印发给你们[1]。"),
    ).toEqual([]);
    expect(acts("经领导小组同意，你们可以享受补贴[1]。")).toEqual(["同意"]);
  });

  it("lets an answer say that there is no such act, or defer to the official text", () => {
    expect(acts("方案没有规定需要盖章或批复[2]。")).toEqual([]);
    expect(acts("具体以正式文件为准。")).toEqual([]);
  });

  it("reads an uncited sentence against the passages the answer cites", () => {
    expect(acts("方案已经领导小组同意。", [notice])).toEqual([]);
    expect(acts("方案已经领导小组同意。", [target])).toEqual(["同意"]);
  });
});
