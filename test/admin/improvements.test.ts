import { describe, expect, it } from "vitest";
import { collectImprovements, IMPROVEMENT_KINDS } from "../../server/admin/improvements.js";
import { messages } from "../../server/messages.js";
import type { ImprovementCandidate, ListedFormToolRun } from "../../server/storage/types.js";

const NOW = new Date("2026-03-10T04:00:00.000Z");
const r = messages.admin.improve.reasons;
let n = 0;
const candidate = (over: Partial<ImprovementCandidate>): ImprovementCandidate => ({
  messageId: `m${++n}`,
  conversationId: `c${n}`,
  createdAt: new Date(NOW.getTime() - n * 60_000 * 60).toISOString(),
  question: "问题",
  status: "answered",
  intent: "plan_fact",
  persona: "public",
  mode: "offline",
  durationMs: 5,
  rating: null,
  feedbackComment: null,
  previousQuestion: null,
  nextStatus: null,
  nextQuestion: null,
  calculatedLater: false,
  handoffReference: null,
  ...over,
});
const PLAN = ["节能降碳", "能耗", "碳达峰"];
const collect = (candidates: ImprovementCandidate[], runs: ListedFormToolRun[] = []) =>
  collectImprovements(candidates, runs, PLAN, NOW);
const kinds = (found: ReturnType<typeof collect>) =>
  Object.fromEntries(IMPROVEMENT_KINDS.map((kind) => [kind, found[kind].map((item) => item.question)]));

describe("collectImprovements (待改进)", () => {
  it("lists what was not answered, the same question once with how often", () => {
    const found = collect([
      candidate({ question: "节能诊断怎么收费", status: "unanswerable_no_content" }),
      candidate({ question: "节能诊断怎么收费？", status: "unanswerable_no_content" }),
      candidate({ question: "北京的方案呢", status: "unanswerable_other_region" }),
      candidate({ question: "答到一半", status: "error_llm_timeout" }),
      candidate({
        question: "刚刚问的",
        status: "pending",
        createdAt: new Date(NOW.getTime() - 60_000).toISOString(),
      }),
    ]);
    expect(found.unanswered.map((i) => [i.question, i.count])).toEqual([
      ["节能诊断怎么收费", 2],
      ["北京的方案呢", 1],
      ["答到一半", 1],
    ]);
  });

  it("lists a calculation left waiting for figures, but not one completed later", () => {
    const found = collect([
      candidate({ question: "电机能省多少电", status: "answered_needs_input" }),
      candidate({ question: "熟料达标了吗", status: "answered_needs_input", calculatedLater: true }),
    ]);
    expect(kinds(found).calculation).toEqual(["电机能省多少电"]);
  });

  it("lists 👎 on answers with their comments, and on 算一算 results", () => {
    const run: ListedFormToolRun = {
      id: "r1",
      conversationId: "c-form",
      createdAt: "2026-03-01T00:00:00.000Z",
      name: "motor_upgrade",
      input: {},
      output: {},
      error: null,
      rating: "down",
      feedbackComment: "电费算少了",
    };
    const found = collect([candidate({ question: "甲", rating: "down", feedbackComment: "不对" })], [run]);
    expect(found.disliked.map((i) => [i.question, i.comment, i.anchor.startsWith("run-")])).toEqual([
      ["甲", "不对", false],
      [messages.admin.improve.formRun, "电费算少了", true],
    ]);
    expect(found.disliked[1]!.tool).toBe("motor_upgrade");
  });

  it("lists a request for a person by the question before it, with the request made", () => {
    const found = collect([
      candidate({
        question: "转人工",
        status: "answered_handoff",
        previousQuestion: "节能诊断怎么收费",
        handoffReference: "RG-20260310-ACDEFG",
      }),
      candidate({ question: "找人", status: "answered_handoff" }),
    ]);
    expect(found.handoff.map((i) => [i.question, i.reasons, i.handoffReference])).toEqual([
      ["节能诊断怎么收费", [messages.admin.improve.thenAsked("转人工")], "RG-20260310-ACDEFG"],
      ["找人", [], null],
    ]);
  });

  it("lists a refusal that looks wrong, saying why, and leaves a right one out", () => {
    const found = collect([
      candidate({ question: "帮我写一首关于节能降碳的诗", status: "guardrails_off_topic" }),
      candidate({ question: "今天天气怎么样", status: "guardrails_off_topic" }),
      candidate({ question: "怎么伪造能耗数据", status: "guardrails_fraud" }),
      candidate({ question: "能耗数据怎么少报", status: "guardrails_fraud", rating: "down" }),
      candidate({ question: "股票", status: "guardrails_off_topic", nextStatus: "answered_handoff" }),
      candidate({
        question: "那个标杆水平",
        status: "guardrails_off_topic",
        nextQuestion: "那个标杆水平是多少",
        nextStatus: "answered",
      }),
    ]);
    expect(found.refusal.map((i) => [i.question, i.reasons])).toEqual([
      ["帮我写一首关于节能降碳的诗", [r.planWords("节能降碳")]],
      ["能耗数据怎么少报", [r.disliked]],
      ["股票", [r.handoffAfter]],
      ["那个标杆水平", [r.askedAgain]],
    ]);
  });

  it("leaves out what went well", () => {
    const found = collect([candidate({ status: "answered" }), candidate({ status: "answered_reviewed" })]);
    expect(IMPROVEMENT_KINDS.every((kind) => found[kind].length === 0)).toBe(true);
  });
});
