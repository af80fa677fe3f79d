import { describe, expect, it } from "vitest";
import {
  firstPoint,
  gradeBlind,
  leadOf,
  norm,
  numbersIn,
  type BlindItem,
  type BlindReply,
} from "../../eval/lib/blindGrade.js";

const item = (over: Partial<BlindItem>): BlindItem => ({ id: "t-1", kind: "fact", turns: ["问"], ...over });
const reply = (answer: string, over: Partial<BlindReply> = {}): BlindReply => ({
  status: "answered",
  answer,
  citations: [{ unitId: "hn2023:1.3" }],
  ...over,
});

const ANSWER = [
  "到2025年，规上工业单位增加值能耗较2020年下降**15%**[1]。",
  "",
  "此外，方案还要求水泥行业率先达峰[2]。",
].join("\n");

describe("reading an answer as the sealed grader does", () => {
  it("normalises width, drops citation marks, punctuation and spaces", () => {
    expect(norm("下降 １５％[1]，《方案》。")).toBe("下降15%方案");
  });

  it("takes the lead before the first blank line (spaces and 　 count as blank), without bold marks", () => {
    expect(leadOf(ANSWER)).toBe("到2025年，规上工业单位增加值能耗较2020年下降15%[1]。");
    expect(leadOf("第一段\n \u3000\n第二段")).toBe("第一段");
  });

  it("takes the first line as the first point, or two when the first introduces or is short", () => {
    const long = "这是一句足够长的第一行，用来说明方案对规上工业单位增加值能耗的总体要求和考核办法。";
    expect(firstPoint(`${long}\n第二行`)).toBe(long);
    expect(firstPoint("主要有两点：\n第一点")).toBe("主要有两点：\n第一点");
    expect(firstPoint("短句\n第二行")).toBe("短句\n第二行");
  });

  it("reads figures with thousands separators, 万 and 亿, ignoring citation marks", () => {
    expect(numbersIn("9,000吨[12]")).toEqual([9000]);
    expect(numbersIn("1.5万吨")).toEqual([1.5, 15000]);
    expect(numbersIn("2亿元")).toEqual([2, 2e8]);
  });
});

describe("gradeBlind", () => {
  describe("lead", () => {
    it("passes when an alternative of every group is in the first paragraph", () => {
      expect(gradeBlind(item({ lead: [["15%"], ["2020年", "二〇二〇年"]] }), reply(ANSWER))).toBeNull();
    });
    it("fails when a group is only below the first paragraph", () => {
      expect(gradeBlind(item({ lead: [["15%"], ["率先达峰"]] }), reply(ANSWER))).toBe("lead");
    });
  });

  describe("first", () => {
    const answer =
      "这一条规定由市经济和信息化局牵头负责推进，其他有关部门按职责分工配合完成。\n配合：市发展改革委";
    it("passes when the first point holds every group", () => {
      expect(gradeBlind(item({ first: [["市经济和信息化局"]] }), reply(answer))).toBeNull();
    });
    it("fails when the words are in the lead but not in its first point", () => {
      expect(gradeBlind(item({ first: [["市发展改革委"]] }), reply(answer))).toBe("first");
    });
  });

  describe("numbers", () => {
    it("passes within 0.5 %, and with any of a set of alternatives", () => {
      expect(gradeBlind(item({ numbers: [983.2] }), reply("差距约983千克。"))).toBeNull();
      expect(gradeBlind(item({ numbers: [[9000, 9]] }), reply("每年节约0.9万吨标准煤。"))).toBeNull();
    });
    it("fails beyond 0.5 %, or when the figure is only below the lead", () => {
      expect(gradeBlind(item({ numbers: [983.2] }), reply("差距约990千克。"))).toBe("numbers");
      expect(gradeBlind(item({ numbers: [15] }), reply("见下文。\n\n下降15%。"))).toBe("numbers");
    });
  });

  describe("not_lead", () => {
    it("fails when a wrong clause leads", () => {
      expect(gradeBlind(item({ not_lead: ["下降15%"] }), reply(ANSWER))).toBe("not_lead");
    });
    it("passes when it is only below the lead", () => {
      expect(gradeBlind(item({ not_lead: ["率先达峰"] }), reply(ANSWER))).toBeNull();
    });
  });

  describe("units", () => {
    it("passes when one of the units is cited", () => {
      expect(gradeBlind(item({ units: ["hn2023:2.1", "hn2023:1.3"] }), reply(ANSWER))).toBeNull();
    });
    it("fails when none is", () => {
      expect(gradeBlind(item({ units: ["hn2023:2.1"] }), reply(ANSWER))).toBe("units");
    });
  });

  describe("refusals", () => {
    const refusal = item({ kind: "refuse" });
    it("pass on a guardrails_ status by default, fail on an answer", () => {
      expect(gradeBlind(refusal, reply("抱歉", { status: "guardrails_off_topic" }))).toBeNull();
      expect(gradeBlind(refusal, reply(ANSWER))).toBe("status");
    });
    it("take the item's own status prefixes", () => {
      const own = item({ kind: "refuse", status: ["unanswerable_"] });
      expect(gradeBlind(own, reply("没有规定", { status: "unanswerable_no_content" }))).toBeNull();
      expect(gradeBlind(own, reply("抱歉", { status: "guardrails_off_topic" }))).toBe("status");
    });
    it("pass on a lead that declines in the item's words, whatever the status", () => {
      const worded = item({ kind: "refuse", lead: [["无法提供", "不能提供"]] });
      expect(gradeBlind(worded, reply("抱歉，我不能提供这方面的信息。"))).toBeNull();
      expect(gradeBlind(worded, reply(ANSWER))).toBe("status");
    });
    it("do not pass on an empty list of lead groups, which any answer would match", () => {
      const empty = item({ kind: "refuse", lead: [] });
      expect(gradeBlind(empty, reply(ANSWER))).toBe("status");
    });
  });
});
