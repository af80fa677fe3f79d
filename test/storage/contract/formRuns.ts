import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { FormToolRun } from "../../../server/storage/types.js";
import { CONV, DAY, OTHER_CONV, seed } from "./fixtures.js";
import type { OpenHarness } from "./harness.js";

/** Form calculations (the widget's 算一算) and ratings of answers and calculations. */
export function formRunContract(open: OpenHarness): void {
  describe("form calculations (the widget's 算一算)", () => {
    const run = (over: Partial<FormToolRun> = {}): FormToolRun => ({
      id: randomUUID(),
      conversationId: CONV,
      createdAt: new Date(),
      name: "benchmark_gap",
      input: { product: "熟料", unitConsumption: 110 },
      output: { gapToBenchmark: 10 },
      ...over,
    });

    it("are stored with their conversation, in order, refusals with their message", async () => {
      const { storage } = await open();
      await seed(storage, {
        question: "水泥熟料的标杆值是多少",
        at: new Date(Date.now() - 60_000),
        finish: {},
      });
      expect(await storage.addFormToolRun(run({ createdAt: new Date(Date.now() - 2000) }))).toBe("stored");
      expect(
        await storage.addFormToolRun(
          run({ input: { product: "平板玻璃" }, output: { closest: [] }, error: "没有找到“平板玻璃”。" }),
        ),
      ).toBe("stored");
      const runs = await storage.formToolRuns(CONV);
      expect(runs.map((r) => [r.name, r.input, r.output, r.error])).toEqual([
        ["benchmark_gap", { product: "熟料", unitConsumption: 110 }, { gapToBenchmark: 10 }, null],
        ["benchmark_gap", { product: "平板玻璃" }, { closest: [] }, "没有找到“平板玻璃”。"],
      ]);
      expect(runs[0]!.createdAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(await storage.formToolRuns(OTHER_CONV)).toEqual([]);
    });

    it("are refused for a conversation it does not hold, which is not made up", async () => {
      const { storage } = await open();
      expect(await storage.addFormToolRun(run({ conversationId: OTHER_CONV }))).toBe("unknown_conversation");
      expect(await storage.conversationExists(OTHER_CONV)).toBe(false);
    });

    it("are stored once however often the same run is written (a spooled write replayed)", async () => {
      const { storage } = await open();
      await seed(storage, { question: "节能", at: new Date(), finish: {} });
      const same = run();
      await storage.addFormToolRun(same);
      await storage.addFormToolRun(same);
      expect(await storage.formToolRuns(CONV)).toHaveLength(1);
    });

    it("keep their conversation from being purged, and are purged themselves past retention", async () => {
      const { storage } = await open();
      const now = Date.now();
      await seed(storage, { question: "旧问题", at: new Date(now - 200 * DAY), finish: {} });
      await storage.addFormToolRun(run({ createdAt: new Date(now - 190 * DAY) }));
      await storage.addFormToolRun(run({ createdAt: new Date(now - DAY) }));
      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect(await storage.conversationExists(CONV)).toBe(true);
      expect((await storage.formToolRuns(CONV)).map((r) => r.createdAt.slice(0, 10))).toEqual([
        new Date(now - DAY).toISOString().slice(0, 10),
      ]);
      await storage.purgeBefore(new Date(now));
      expect(await storage.conversationExists(CONV)).toBe(false);
      expect(await storage.formToolRuns(CONV)).toEqual([]);
    });

    it("are stored in a conversation made before any question (POST /api/conversations)", async () => {
      const { storage } = await open();
      await storage.createConversation(CONV, new Date());
      expect(await storage.addFormToolRun(run())).toBe("stored");
      expect(await storage.formToolRuns(CONV)).toEqual([
        expect.objectContaining({ name: "benchmark_gap", rating: null, feedbackComment: null }),
      ]);
    });

    it("take 👍/👎 by their id like an answer: a second rating replaces the first, keeping its comment", async () => {
      const { storage, db } = await open();
      await storage.createConversation(CONV, new Date());
      const rated = run();
      await storage.addFormToolRun(rated);
      const ids = { conversationId: CONV, messageId: rated.id };
      expect(await storage.addFeedback({ ...ids, rating: "down", comment: "没有算年节能量" })).toBe("stored");
      expect(await storage.addFeedback({ ...ids, rating: "up" })).toBe("stored");
      expect(await storage.formToolRuns(CONV)).toEqual([
        expect.objectContaining({ id: rated.id, rating: "up", feedbackComment: "没有算年节能量" }),
      ]);
      // Kept on the run, not among the answers' ratings.
      expect(await db.count("feedback")).toBe(0);
    });

    it("refuse a rating from another conversation, or of a run it does not hold", async () => {
      const { storage } = await open();
      await storage.createConversation(CONV, new Date());
      await storage.createConversation(OTHER_CONV, new Date());
      const rated = run();
      await storage.addFormToolRun(rated);
      expect(
        await storage.addFeedback({ conversationId: OTHER_CONV, messageId: rated.id, rating: "up" }),
      ).toBe("unknown_message");
      expect(await storage.addFeedback({ conversationId: CONV, messageId: randomUUID(), rating: "up" })).toBe(
        "unknown_message",
      );
      expect((await storage.formToolRuns(CONV))[0]!.rating).toBeNull();
    });

    it("are listed across conversations newest first, or only the rated ones, latest rating first", async () => {
      const { storage } = await open();
      const now = Date.now();
      await storage.createConversation(CONV, new Date(now - 60_000));
      await storage.createConversation(OTHER_CONV, new Date(now - 60_000));
      const older = run({ createdAt: new Date(now - 30_000) });
      const newer = run({ conversationId: OTHER_CONV, createdAt: new Date(now - 10_000) });
      await storage.addFormToolRun(older);
      await storage.addFormToolRun(newer);
      expect((await storage.listFormToolRuns(10)).map((r) => [r.id, r.conversationId])).toEqual([
        [newer.id, OTHER_CONV],
        [older.id, CONV],
      ]);
      expect(await storage.listFormToolRuns(1)).toHaveLength(1);
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([]);
      await storage.addFeedback({ conversationId: CONV, messageId: older.id, rating: "down" });
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([
        expect.objectContaining({ id: older.id, conversationId: CONV, rating: "down" }),
      ]);
    });

    it("lose their rating with them when purged", async () => {
      const { storage, db } = await open();
      const now = Date.now();
      await storage.createConversation(CONV, new Date(now - 200 * DAY));
      const old = run({ createdAt: new Date(now - 190 * DAY) });
      await storage.addFormToolRun(old);
      await storage.addFeedback({ conversationId: CONV, messageId: old.id, rating: "up", comment: "好" });
      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([]);
      expect(await db.count("conversation_tool_runs")).toBe(0);
    });
  });

  describe("feedback", () => {
    it("answers unknown_message for a message it does not hold, or one from another conversation", async () => {
      const { storage, db } = await open();
      const messageId = await seed(storage, { question: "节能", at: new Date(), finish: {} });
      expect(await storage.addFeedback({ conversationId: CONV, messageId: randomUUID(), rating: "up" })).toBe(
        "unknown_message",
      );
      expect(await storage.addFeedback({ conversationId: OTHER_CONV, messageId, rating: "up" })).toBe(
        "unknown_message",
      );
      expect(await db.count("feedback")).toBe(0);
    });

    it("stores a rating, and a second rating of the same answer replaces the first, keeping its comment", async () => {
      const { storage, db } = await open();
      const messageId = await seed(storage, { question: "节能", at: new Date(), finish: {} });
      expect(
        await storage.addFeedback({ conversationId: CONV, messageId, rating: "up", comment: "有用" }),
      ).toBe("stored");
      expect(await storage.addFeedback({ conversationId: CONV, messageId, rating: "down" })).toBe("stored");
      expect(await db.count("feedback")).toBe(1);
      expect((await storage.listFeedback(10))[0]).toMatchObject({
        messageId,
        rating: "down",
        feedbackComment: "有用",
      });
      // A new comment does replace the old one.
      await storage.addFeedback({
        conversationId: CONV,
        messageId,
        rating: "down",
        comment: "没有说清楚补贴标准",
      });
      expect((await storage.listFeedback(10))[0]).toMatchObject({
        rating: "down",
        feedbackComment: "没有说清楚补贴标准",
      });
    });
  });
}
