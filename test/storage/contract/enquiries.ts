import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { ToolRun } from "../../../server/conversation/records.js";
import type { Storage } from "../../../server/storage/types.js";
import { CONV, OTHER_CONV, citation, result, seed } from "./fixtures.js";
import type { OpenHarness } from "./harness.js";

/** Enquiries: stored before they are answered, finished after, listed and read back. */
export function enquiryContract(open: OpenHarness): void {
  describe("an enquiry", () => {
    it("is stored pending when it arrives, with the redacted question and its redactions", async () => {
      const { storage, db } = await open();
      const messageId = randomUUID();
      const at = new Date("2026-03-01T08:00:00.000Z");
      await storage.startEnquiry({
        messageId,
        conversationId: CONV,
        question: "我的电话[手机号已隐去]，问节能补贴",
        redactions: ["mobile"],
        createdAt: at,
      });
      expect(await storage.conversationExists(CONV)).toBe(true);
      const row = await db.get(
        "SELECT conversation_id, created_at, question, status, CAST(redactions AS TEXT) AS redactions, answer, answered_at FROM messages WHERE id = ?",
        messageId,
      );
      expect(row).toMatchObject({
        conversation_id: CONV,
        created_at: at.toISOString(),
        question: "我的电话[手机号已隐去]，问节能补贴",
        status: "pending",
        redactions: '["mobile"]',
        answer: null,
        answered_at: null,
      });
    });

    it("is finished with its answer, status, mode, timings, citations (in order) and tool runs", async () => {
      const { storage, db } = await open();
      const toolRuns: ToolRun[] = [
        {
          name: "benchmark_gap",
          input: { product: "cement-clinker", unitConsumption: 110 },
          output: { gapToBenchmark: 10 },
        },
        { name: "convert_to_standard_coal", input: { fuel: "原煤" }, output: null, error: "请给出用量。" },
      ];
      const citations = [citation("hn2023:3.2.target", 1), citation("hn2023:1.3", 2)];
      const messageId = await seed(storage, {
        question: "水泥熟料能耗110达标吗",
        at: new Date(),
        finish: {
          status: "answered",
          mode: "llm",
          persona: "sme",
          intent: "calculation",
          citations,
          toolRuns,
          notes: ["llm_first_token_ms:120"],
          reviewedAnswerId: 7,
          durationMs: 341.6,
        },
      });
      const [detail] = await storage.conversation(CONV);
      expect(detail).toMatchObject({
        messageId,
        conversationId: CONV,
        question: "水泥熟料能耗110达标吗",
        resolvedQuestion: "水泥熟料能耗110达标吗",
        status: "answered",
        mode: "llm",
        persona: "sme",
        intent: "calculation",
        durationMs: 342,
        notes: ["llm_first_token_ms:120"],
        rating: null,
      });
      expect(detail!.answer).toContain("下降15%");
      expect(detail!.citations).toEqual([
        {
          passageId: "hn2023:3.2.target#1",
          unitId: "hn2023:3.2.target",
          breadcrumb: "一、总体要求 › hn2023:3.2.target",
        },
        { passageId: "hn2023:1.3#2", unitId: "hn2023:1.3", breadcrumb: "一、总体要求 › hn2023:1.3" },
      ]);
      expect(detail!.toolRuns).toEqual([
        {
          name: "benchmark_gap",
          input: { product: "cement-clinker", unitConsumption: 110 },
          output: { gapToBenchmark: 10 },
          error: null,
        },
        { name: "convert_to_standard_coal", input: { fuel: "原煤" }, output: null, error: "请给出用量。" },
      ]);
      const raw = await db.get(
        "SELECT answered_at, CAST(reviewed_answer_id AS INTEGER) AS reviewed_answer_id, CAST(timings AS TEXT) AS timings FROM messages WHERE id = ?",
        messageId,
      );
      expect(raw!.answered_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(raw!.reviewed_answer_id).toBe(7);
      expect(JSON.parse(String(raw!.timings))).toEqual({ checkInput: 0.1, compose: 2.5 });
      expect(await storage.countMessages()).toBe(1);
    });

    it("is stored once however often its writes are made (a spooled write replayed twice)", async () => {
      const { storage } = await open();
      const messageId = randomUUID();
      const start = {
        messageId,
        conversationId: CONV,
        question: "节能",
        redactions: [],
        createdAt: new Date(),
      };
      const finished = result({
        citations: [citation("hn2023:1.3"), citation("hn2023:2.1")],
        toolRuns: [{ name: "benchmark_gap", input: { product: "水泥熟料" }, output: { gap: 10 } }],
      });
      await storage.startEnquiry(start);
      await storage.finishEnquiry(messageId, finished);
      await storage.startEnquiry(start);
      await storage.finishEnquiry(messageId, finished);
      expect(await storage.countMessages()).toBe(1);
      const [row] = await storage.conversation(CONV);
      expect(row).toMatchObject({ status: "answered", answer: finished.answer });
      expect(row!.citations).toHaveLength(2);
      expect(row!.toolRuns).toHaveLength(1);
    });

    it("finishing an enquiry it does not hold (purged meanwhile) changes nothing and does not fail", async () => {
      const { storage, db } = await open();
      await storage.finishEnquiry(randomUUID(), result({ citations: [citation("hn2023:1.3")] }));
      expect(await storage.countMessages()).toBe(0);
      expect(await db.count("citations")).toBe(0);
    });
  });

  describe("history", () => {
    it("returns the last answered turns of the conversation, oldest first", async () => {
      const { storage } = await open();
      const base = Date.parse("2026-03-01T08:00:00.000Z");
      const questions = ["第一问", "第二问", "第三问", "第四问"];
      for (const [i, question] of questions.entries())
        await seed(storage, { question, at: new Date(base + i * 1000), finish: {} });
      await seed(storage, {
        conversationId: OTHER_CONV,
        question: "别的会话",
        at: new Date(base + 10_000),
        finish: {},
      });
      await seed(storage, { question: "还没答完", at: new Date(base + 20_000) });
      const turns = await storage.history(CONV, 3);
      expect(turns.map((t) => t.question)).toEqual(["第二问", "第三问", "第四问"]);
      expect(turns[0]).toMatchObject({ status: "answered", intent: "plan_fact", calculatorRequest: null });
      expect((await storage.history(CONV, 10)).map((t) => t.question)).toEqual(questions);
      expect(await storage.history("c_CCCCCCCCCCCCCCCCCCCCCC", 3)).toEqual([]);
    });

    it("keeps the arrival order of turns stored in the same millisecond", async () => {
      const { storage } = await open();
      const at = new Date("2026-03-01T08:00:00.000Z");
      for (const question of ["甲", "乙", "丙"]) await seed(storage, { question, at, finish: {} });
      expect((await storage.history(CONV, 2)).map((t) => t.question)).toEqual(["乙", "丙"]);
    });
  });

  describe("failUnfinished", () => {
    it("marks only pending enquiries older than the cut-off, and leaves finished ones alone", async () => {
      const { storage } = await open();
      const now = Date.now();
      const finished = await seed(storage, {
        question: "答完的",
        at: new Date(now - 60_000),
        finish: { status: "unanswerable_no_content" },
      });
      const stale = await seed(storage, { question: "没答完的", at: new Date(now - 30_000) });
      const inFlight = await seed(storage, { question: "正在答的", at: new Date(now + 1000) });
      expect(await storage.failUnfinished("error_interrupted", new Date(now))).toBe(1);
      const statuses = Object.fromEntries(
        (await storage.conversation(CONV)).map((m) => [m.messageId, m.status]),
      );
      expect(statuses).toEqual({
        [finished]: "unanswerable_no_content",
        [stale]: "error_interrupted",
        [inFlight]: "pending",
      });
      const [answer] = (await storage.conversation(CONV)).filter((m) => m.messageId === finished);
      expect(answer!.answer).toContain("15%");
      expect(await storage.failUnfinished("error_interrupted", new Date(now))).toBe(0);
    });
  });

  describe("listEnquiries", () => {
    let storage: Storage;
    const ids: Record<string, string> = {};
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 2));

    beforeEach(async () => {
      ({ storage } = await open());
      ids.steel = await seed(storage, {
        conversationId: "c_1111111111111111111111",
        question: "钢铁行业目标",
        at: day(1),
        finish: { status: "answered", persona: "public" },
      });
      ids.cement = await seed(storage, {
        conversationId: "c_1111111111111111111111",
        question: "那水泥呢",
        at: day(2),
        finish: { status: "answered", persona: "sme" },
      });
      ids.subsidy = await seed(storage, {
        conversationId: "c_2222222222222222222222",
        question: "补贴多少钱",
        at: day(3),
        finish: { status: "unanswerable_no_content", persona: "sme" },
      });
      ids.joke = await seed(storage, {
        conversationId: "c_2222222222222222222222",
        question: "讲个笑话",
        at: day(4),
        finish: { status: "guardrails_off_topic", persona: "public" },
      });
      ids.retrofit = await seed(storage, {
        conversationId: "c_3333333333333333333333",
        question: "节能改造怎么申报",
        at: day(5),
        finish: { status: "error_llm_timeout", persona: "provider" },
      });
      ids.motor = await seed(storage, {
        conversationId: "c_3333333333333333333333",
        question: "电机能效 100%_达标",
        at: day(6),
      });
      await storage.addFeedback({
        conversationId: "c_1111111111111111111111",
        messageId: ids.steel,
        rating: "up",
      });
      await storage.addFeedback({
        conversationId: "c_1111111111111111111111",
        messageId: ids.cement,
        rating: "down",
        comment: "没说清楚熟料",
      });
    });

    const list = async (filter: Record<string, unknown>) => {
      const { rows, total } = await storage.listEnquiries({ limit: 50, offset: 0, ...filter });
      const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      return { names: rows.map((r) => names[r.messageId]), total, rows };
    };

    it("lists everything newest first with the row's fields and its feedback", async () => {
      const { names, total, rows } = await list({});
      expect(names).toEqual(["motor", "retrofit", "joke", "subsidy", "cement", "steel"]);
      expect(total).toBe(6);
      expect(rows.find((r) => r.messageId === ids.cement)).toEqual({
        messageId: ids.cement,
        conversationId: "c_1111111111111111111111",
        createdAt: day(2).toISOString(),
        question: "那水泥呢",
        status: "answered",
        intent: "plan_fact",
        persona: "sme",
        mode: "offline",
        durationMs: 12,
        rating: "down",
        feedbackComment: "没说清楚熟料",
      });
      expect(rows.find((r) => r.messageId === ids.motor)).toMatchObject({
        status: "pending",
        persona: null,
        rating: null,
        durationMs: null,
      });
    });

    it.each([
      [
        "a date range (from inclusive, to exclusive)",
        { from: day(2).toISOString(), to: day(4).toISOString() },
        ["subsidy", "cement"],
      ],
      ["a date range given as days", { from: "2026-03-05", to: "2026-03-07" }, ["motor", "retrofit"]],
      ["a status", { status: "answered" }, ["cement", "steel"]],
      ["a persona", { persona: "sme" }, ["subsidy", "cement"]],
      ["feedback up", { feedback: "up" }, ["steel"]],
      ["feedback down", { feedback: "down" }, ["cement"]],
      ["any feedback", { feedback: "any" }, ["cement", "steel"]],
      ["no feedback", { feedback: "none" }, ["motor", "retrofit", "joke", "subsidy"]],
      [
        "unanswered (no content, errors, still pending; not refusals)",
        { unanswered: true },
        ["motor", "retrofit", "subsidy"],
      ],
      ["text in the question", { text: "水泥" }, ["cement"]],
      ["text with LIKE wildcards, taken literally", { text: "100%_达标" }, ["motor"]],
      ["a lone wildcard, which matches only itself", { text: "%" }, ["motor"]],
      ["an underscore, which matches only itself", { text: "能_" }, []],
      ["several filters at once", { persona: "sme", unanswered: true }, ["subsidy"]],
      ["a filter nothing matches", { status: "guardrails_injection" }, []],
    ])("filters by %s", async (_case, filter, expected) => {
      const { names, total } = await list(filter);
      expect(names).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it("pages with limit and offset, the total counting every match", async () => {
      expect(await list({ limit: 2, offset: 0 })).toMatchObject({ names: ["motor", "retrofit"], total: 6 });
      expect(await list({ limit: 2, offset: 2 })).toMatchObject({ names: ["joke", "subsidy"], total: 6 });
      expect(await list({ limit: 2, offset: 6 })).toMatchObject({ names: [], total: 6 });
      expect(await list({ limit: 1, offset: 1, feedback: "none" })).toMatchObject({
        names: ["retrofit"],
        total: 4,
      });
    });
  });

  describe("conversation()", () => {
    it("gives every enquiry of one conversation in order, with answer, feedback, citations and tool runs", async () => {
      const { storage } = await open();
      const first = await seed(storage, {
        question: "钢铁行业目标",
        at: new Date(Date.now() - 2000),
        finish: { citations: [citation("hn2023:3.1.target")] },
      });
      const second = await seed(storage, {
        question: "吨熟料110千克标准煤达标吗",
        at: new Date(Date.now() - 1000),
        finish: {
          intent: "calculation",
          toolRuns: [
            { name: "benchmark_gap", input: { unitConsumption: 110 }, output: { gapToBenchmark: 10 } },
          ],
        },
      });
      await seed(storage, { conversationId: OTHER_CONV, question: "别人的问题", at: new Date(), finish: {} });
      await storage.addFeedback({ conversationId: CONV, messageId: first, rating: "up", comment: "清楚" });
      const detail = await storage.conversation(CONV);
      expect(detail.map((m) => m.messageId)).toEqual([first, second]);
      expect(detail[0]).toMatchObject({
        rating: "up",
        feedbackComment: "清楚",
        citations: [{ unitId: "hn2023:3.1.target" }],
        toolRuns: [],
      });
      expect(detail[1]).toMatchObject({
        intent: "calculation",
        citations: [],
        toolRuns: [{ name: "benchmark_gap", output: { gapToBenchmark: 10 }, error: null }],
      });
      expect(await storage.conversation("c_ZZZZZZZZZZZZZZZZZZZZZZ")).toEqual([]);
    });
  });
}
