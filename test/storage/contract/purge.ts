import { describe, expect, it } from "vitest";
import { CONV, DAY, OTHER_CONV, citation, seed } from "./fixtures.js";
import type { OpenHarness } from "./harness.js";

/** Retention (purgeBefore) and the readiness probe. */
export function purgeContract(open: OpenHarness): void {
  describe("purgeBefore", () => {
    it("deletes old enquiries with their citations, tool runs and feedback, and expired sessions; keeps recent ones", async () => {
      const { storage, db } = await open();
      const now = Date.now();
      const oldRun = { name: "benchmark_gap", input: {}, output: {} };
      const old = await seed(storage, {
        question: "旧问题",
        at: new Date(now - 200 * DAY),
        finish: { citations: [citation("hn2023:1.3")], toolRuns: [oldRun] },
      });
      const recent = await seed(storage, {
        conversationId: OTHER_CONV,
        question: "新问题",
        at: new Date(now - DAY),
        finish: { citations: [citation("hn2023:2.1")], toolRuns: [oldRun] },
      });
      await storage.addFeedback({ conversationId: CONV, messageId: old, rating: "down", comment: "旧评价" });
      await storage.addFeedback({ conversationId: OTHER_CONV, messageId: recent, rating: "up" });
      const userId = await storage.createStaffUser("zhang", "张", "h");
      await storage.createSession("expired", userId, "c", new Date(now - 1000));
      await storage.createSession("valid", userId, "c", new Date(now + 3_600_000));

      expect(await storage.purgeBefore(new Date(now - 180 * DAY))).toBe(1);

      for (const table of ["citations", "tool_runs", "feedback"]) {
        expect(await db.count(table, "message_id = ?", old)).toBe(0);
        expect(await db.count(table, "message_id = ?", recent)).toBe(1);
      }
      expect(await storage.conversation(CONV)).toEqual([]);
      expect(await storage.conversationExists(CONV)).toBe(false);
      expect((await storage.conversation(OTHER_CONV)).map((m) => m.messageId)).toEqual([recent]);
      expect(await db.count("staff_sessions")).toBe(1);
      expect(await storage.findSession("valid", new Date())).not.toBeNull();
      expect(await storage.countMessages()).toBe(1);
    });

    it("keeps a handoff until staff close it, however old, and purges it once closed longer than the retention period", async () => {
      const { storage, db } = await open();
      const now = Date.now();
      const ago = (days: number) => new Date(now - days * DAY).toISOString();
      const made: Record<string, string> = {};
      for (const question of [
        "旧的，仍待处理",
        "旧的，刚答复",
        "旧的，早已答复",
        "旧的，答复后又打开",
        "新的",
      ]) {
        made[question] = (await storage.addHandoff({ question })).reference;
      }
      for (const question of Object.keys(made).filter((q) => q.startsWith("旧"))) {
        await db.exec("UPDATE handoffs SET created_at = ? WHERE question = ?", ago(400), question);
      }
      await storage.setHandoffStatus(made["旧的，刚答复"]!, "done");
      await storage.setHandoffStatus(made["旧的，早已答复"]!, "done");
      await db.exec("UPDATE handoffs SET closed_at = ? WHERE question = '旧的，早已答复'", ago(200));
      await storage.setHandoffStatus(made["旧的，答复后又打开"]!, "done");
      await db.exec("UPDATE handoffs SET closed_at = ? WHERE question = '旧的，答复后又打开'", ago(200));
      await storage.setHandoffStatus(made["旧的，答复后又打开"]!, "open");

      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect((await storage.listHandoffs(10)).map((h) => h.question).sort()).toEqual(
        ["旧的，仍待处理", "旧的，刚答复", "旧的，答复后又打开", "新的"].sort(),
      );
    });

    it("deletes audit entries older than the retention period (they hold search terms and mistyped usernames)", async () => {
      const { storage, db } = await open();
      await storage.audit("zhang", "view_enquiries", { filter: { q: "旧的搜索词" } });
      await storage.audit("zhangsna", "sign_in_failed", { reason: "unknown_user" });
      await db.exec("UPDATE audit_log SET at = ?", new Date(Date.now() - 200 * DAY).toISOString());
      await storage.audit("zhang", "view_enquiries", { filter: { q: "新的搜索词" } });
      await storage.purgeBefore(new Date(Date.now() - 180 * DAY));
      expect((await storage.listAudit(10)).map((e) => e.detail)).toEqual([
        JSON.stringify({ filter: { q: "新的搜索词" } }),
      ]);
    });

    it("keeps audit entries at least 180 days, however short the chat content's retention", async () => {
      const { storage, db } = await open();
      await storage.audit("zhang", "view_enquiries", { filter: { q: "十天前" } });
      await db.exec("UPDATE audit_log SET at = ?", new Date(Date.now() - 10 * DAY).toISOString());
      await storage.audit("zhang", "view_enquiries", { filter: { q: "两百天前" } });
      await db.exec(
        "UPDATE audit_log SET at = ? WHERE CAST(detail AS TEXT) LIKE '%两百天前%'",
        new Date(Date.now() - 200 * DAY).toISOString(),
      );
      const sevenDays = new Date(Date.now() - 7 * DAY);
      await storage.purgeBefore(sevenDays, { auditBefore: sevenDays });
      expect((await storage.listAudit(10)).map((e) => JSON.parse(e.detail).filter.q)).toEqual(["十天前"]);
    });

    it("erases a handoff's contact a set time after staff closed it (已办结), and only then", async () => {
      const { storage, db } = await open();
      const now = Date.now();
      const ago = (days: number) => new Date(now - days * DAY).toISOString();
      const ref = async (question: string) =>
        (await storage.addHandoff({ question, contact: "13812345678", contactKind: "phone" })).reference;
      const waiting = await ref("仍待处理");
      const taken = await ref("处理中");
      const replied = await ref("已答复未办结");
      const closedLongAgo = await ref("早已办结");
      const closedRecently = await ref("刚办结");
      const reopened = await ref("办结后重新打开");
      for (const reference of [waiting, taken, replied, closedLongAgo, closedRecently, reopened])
        await db.exec("UPDATE handoffs SET created_at = ? WHERE reference = ?", ago(100), reference);
      // The desk's steps, as HandoffDesk stores them, dated long enough ago for the contact to go.
      await storage.updateHandoff(taken, { status: "assigned", assignedTo: "zhang", assignedAt: ago(90) });
      await storage.updateHandoff(replied, {
        status: "replied",
        assignedTo: "zhang",
        assignedAt: ago(90),
        reply: "已电话答复",
        repliedBy: "zhang",
        repliedAt: ago(90),
      });
      for (const [reference, days] of [
        [closedLongAgo, 40],
        [closedRecently, 5],
        [reopened, 60],
      ] as const)
        await storage.updateHandoff(reference, {
          status: "done",
          reply: "已电话答复",
          repliedBy: "zhang",
          repliedAt: ago(days),
          closedBy: "zhang",
          closedAt: ago(days),
          closeNote: "已办结",
        });
      await storage.updateHandoff(reopened, {
        status: "replied",
        closedBy: null,
        closedAt: null,
        closeNote: null,
      });

      await storage.purgeBefore(new Date(now - 180 * DAY), {
        handoffContactsBefore: new Date(now - 30 * DAY),
      });
      const kept = Object.fromEntries(
        (await storage.listHandoffs(10)).map((h) => [h.question, [h.status, h.contact ?? null]]),
      );
      expect(kept).toEqual({
        仍待处理: ["open", "13812345678"],
        处理中: ["assigned", "13812345678"],
        已答复未办结: ["replied", "13812345678"],
        早已办结: ["done", null],
        刚办结: ["done", "13812345678"],
        办结后重新打开: ["replied", "13812345678"],
      });
      // Only the contact goes: the request, its kind of contact and staff's reply stay until RETENTION_DAYS.
      expect(await storage.findHandoff(closedLongAgo)).toMatchObject({
        contactKind: "phone",
        reply: "已电话答复",
        closedBy: "zhang",
        closeNote: "已办结",
      });
    });
  });

  describe("checkWritable", () => {
    it("is true on a writable database and leaves nothing behind", async () => {
      const { storage, db } = await open();
      expect(await storage.checkWritable()).toBe(true);
      expect(await storage.checkWritable()).toBe(true);
      expect(await db.count("audit_log")).toBe(0);
    });
  });
}
