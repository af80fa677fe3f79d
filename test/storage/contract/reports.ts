import { describe, expect, it } from "vitest";
import { CONV, DAY, OTHER_CONV, citation, seed } from "./fixtures.js";
import type { OpenHarness } from "./harness.js";

/** The console's reports over enquiries. */
export function reportContract(open: OpenHarness): void {
  describe("topTopics", () => {
    it("count each cited unit once per enquiry since the date, most cited first", async () => {
      const { storage } = await open();
      const now = Date.now();
      await seed(storage, {
        question: "甲",
        at: new Date(now - 10 * DAY),
        finish: {
          citations: [
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
          ],
        },
      });
      await seed(storage, {
        question: "乙",
        at: new Date(now - 1000),
        finish: { citations: [citation("hn2023:1.3", 1), citation("hn2023:1.3", 2), citation("hn2023:2.1")] },
      });
      await seed(storage, {
        question: "丙",
        at: new Date(now - 500),
        finish: { citations: [citation("hn2023:1.3")] },
      });
      await seed(storage, {
        question: "丁",
        at: new Date(now - 100),
        finish: { citations: [citation("hn2023:3.2")] },
      });
      const since = new Date(now - DAY);
      expect(await storage.topTopics(since, 10)).toEqual([
        { unitId: "hn2023:1.3", breadcrumb: "一、总体要求 › hn2023:1.3", count: 2 },
        { unitId: "hn2023:2.1", breadcrumb: "一、总体要求 › hn2023:2.1", count: 1 },
        { unitId: "hn2023:3.2", breadcrumb: "一、总体要求 › hn2023:3.2", count: 1 },
      ]);
      expect((await storage.topTopics(since, 1)).map((t) => t.unitId)).toEqual(["hn2023:1.3"]);
      // Over thirty days 甲 counts too: a tie, broken by unit id.
      expect((await storage.topTopics(new Date(now - 30 * DAY), 10)).map((t) => [t.unitId, t.count])).toEqual(
        [
          ["hn2023:1.3", 2],
          ["hn2023:3.2", 2],
          ["hn2023:2.1", 1],
        ],
      );
    });
  });

  describe("the console's reports", () => {
    it("activityByDay counts enquiries (not greetings), the answered ones, ratings and handoffs per Beijing day", async () => {
      const { storage, db } = await open();
      // 2026-03-01 23:30 and 2026-03-02 00:30 Beijing time: two days, though one UTC day.
      const late = new Date("2026-03-01T15:30:00.000Z");
      const early = new Date("2026-03-01T16:30:00.000Z");
      const answered = await seed(storage, { question: "甲", at: late, finish: { status: "answered" } });
      await seed(storage, { question: "你好", at: late, finish: { status: "answered_help" } });
      const refused = await seed(storage, {
        conversationId: OTHER_CONV,
        question: "乙",
        at: early,
        finish: { status: "unanswerable_no_content" },
      });
      await seed(storage, { question: "丙", at: early, finish: { status: "answered_reviewed" } });
      await storage.addFeedback({ conversationId: CONV, messageId: answered, rating: "up" });
      await storage.addFeedback({ conversationId: OTHER_CONV, messageId: refused, rating: "down" });
      await db.exec("UPDATE feedback SET created_at = ?", early.toISOString());
      await storage.addHandoff({ question: "找人", contactKind: "none" });
      await db.exec("UPDATE handoffs SET created_at = ?", early.toISOString());
      expect(await storage.activityByDay(new Date("2026-02-28T16:00:00.000Z"))).toEqual([
        { day: "2026-03-01", enquiries: 1, answered: 1, up: 0, down: 0, handoffs: 0, handoffsOpen: 0 },
        { day: "2026-03-02", enquiries: 2, answered: 1, up: 1, down: 1, handoffs: 1, handoffsOpen: 1 },
      ]);
      expect(await storage.activityByDay(new Date("2026-03-05T00:00:00.000Z"))).toEqual([]);
    });

    it("askedQuestions lists questions since the date, newest first, without greetings, requests for a person or refusals", async () => {
      const { storage } = await open();
      const now = Date.now();
      await seed(storage, { question: "节能诊断有补贴吗", at: new Date(now - 3000), finish: {} });
      await seed(storage, {
        question: "转人工",
        at: new Date(now - 2000),
        finish: { status: "answered_handoff" },
      });
      await seed(storage, {
        question: "讲个笑话",
        at: new Date(now - 1500),
        finish: { status: "guardrails_off_topic" },
      });
      await seed(storage, {
        question: "电价多少",
        at: new Date(now - 1000),
        finish: { status: "unanswerable_no_content" },
      });
      await seed(storage, { question: "很久以前", at: new Date(now - 40 * DAY), finish: {} });
      const asked = await storage.askedQuestions(new Date(now - DAY), 10);
      expect(asked.map((q) => [q.question, q.status])).toEqual([
        ["电价多少", "unanswerable_no_content"],
        ["节能诊断有补贴吗", "answered"],
      ]);
      expect(asked[0]).toMatchObject({ conversationId: CONV, messageId: expect.any(String) });
    });

    it("improvementCandidates gives what did not end answered, or was rated 👎, with what came before and after it", async () => {
      const { storage } = await open();
      const now = Date.now();
      const at = (ago: number) => new Date(now - ago);
      const ok = await seed(storage, { question: "甲", at: at(9000), finish: {} });
      await storage.addFeedback({ conversationId: CONV, messageId: ok, rating: "down", comment: "不对" });
      await seed(storage, {
        question: "乙要算",
        at: at(8000),
        finish: { status: "answered_needs_input" },
      });
      await seed(storage, {
        question: "丙转人工",
        at: at(7000),
        finish: { status: "answered_handoff" },
      });
      await storage.addHandoff({ conversationId: CONV, question: "乙", contactKind: "none" });
      await seed(storage, {
        question: "算好了",
        at: at(6000),
        finish: { toolRuns: [{ name: "benchmark_gap", input: {}, output: { ok: 1 } }] },
      });
      await seed(storage, { question: "好的", at: at(5000), finish: { status: "answered_help" } });
      const found = await storage.improvementCandidates(at(DAY), 10);
      expect(found.map((c) => c.question)).toEqual(["丙转人工", "乙要算", "甲"]);
      const [handoff, needsInput, disliked] = found;
      expect(handoff).toMatchObject({
        previousQuestion: "乙要算",
        nextQuestion: "算好了",
        nextStatus: "answered",
        handoffReference: expect.stringMatching(/^RG-/),
      });
      expect(needsInput).toMatchObject({ calculatedLater: true, previousQuestion: "甲" });
      expect(disliked).toMatchObject({ rating: "down", feedbackComment: "不对", previousQuestion: null });
      expect(await storage.improvementCandidates(at(7500), 10)).toHaveLength(1);
    });
  });
}
