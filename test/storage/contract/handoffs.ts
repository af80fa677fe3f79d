import { describe, expect, it } from "vitest";
import type { HandoffStatus } from "../../../server/storage/types.js";
import { CONV } from "./fixtures.js";
import type { OpenHarness } from "./harness.js";

/** 人工服务 requests and the desk's work on them. */
export function handoffContract(open: OpenHarness): void {
  describe("handoffs", () => {
    it("returns a unique reference RG-YYYYMMDD-XXXXXX dated by Beijing's calendar, in letters hard to misread", async () => {
      const { storage } = await open();
      const made = [];
      for (let i = 0; i < 300; i++) made.push(await storage.addHandoff({ question: `问题${i}` }));
      expect(new Set(made.map((h) => h.reference)).size).toBe(300);
      for (const { reference, createdAt } of made) {
        expect(reference).toMatch(/^RG-\d{8}-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
        const beijingDay = new Date(Date.parse(createdAt) + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(reference.slice(3, 11)).toBe(beijingDay.replace(/-/g, ""));
      }
    });

    it("keeps the contact, its kind, the lookup digest and the conversation", async () => {
      const { storage } = await open();
      const { reference } = await storage.addHandoff({
        question: "请回电",
        contact: "13912345678",
        contactKind: "phone",
        conversationId: CONV,
      });
      const plain = await storage.addHandoff({
        question: "自己查",
        contactKind: "none",
        lookupHash: "ab".repeat(32),
      });
      expect(await storage.findHandoff(reference)).toMatchObject({
        reference,
        question: "请回电",
        contact: "13912345678",
        contactKind: "phone",
        conversationId: CONV,
        status: "open",
      });
      const found = (await storage.findHandoff(plain.reference))!;
      expect(found).toMatchObject({ contactKind: "none", lookupHash: "ab".repeat(32) });
      expect(found.contact).toBeUndefined();
      expect(found.conversationId).toBeUndefined();
      expect(await storage.findHandoff("RG-20260101-AAAAAA")).toBeNull();
      expect((await storage.handoffsOf(CONV)).map((h) => h.reference)).toEqual([reference]);
    });

    it("lists pending requests first, oldest first (open, then assigned, then replied), then closed ones newest first, and counts them", async () => {
      const { storage, db } = await open();
      const at = async (iso: string, question: string) => {
        await db.exec("UPDATE handoffs SET created_at = ? WHERE question = ?", iso, question);
      };
      const add = async (question: string, iso: string, status?: HandoffStatus) => {
        const { reference } = await storage.addHandoff({ question });
        await at(iso, question);
        if (status) await storage.setHandoffStatus(reference, status);
      };
      await add("已办结·早", "2026-01-01T00:00:00.000Z", "done");
      await add("待处理·新", "2026-01-05T00:00:00.000Z");
      await add("已答复", "2026-01-02T00:00:00.000Z", "replied");
      await add("已办结·晚", "2026-01-04T00:00:00.000Z", "done");
      await add("待处理·旧", "2026-01-03T00:00:00.000Z");
      await add("处理中", "2026-01-01T00:00:00.000Z", "assigned");
      expect((await storage.listHandoffs(10)).map((h) => h.question)).toEqual([
        "待处理·旧",
        "待处理·新",
        "处理中",
        "已答复",
        "已办结·晚",
        "已办结·早",
      ]);
      expect(await storage.countHandoffs()).toEqual({ open: 2, assigned: 1, replied: 1, done: 2 });
    });

    it("records who took, answered and closed a request, and when", async () => {
      const { storage } = await open();
      const { reference } = await storage.addHandoff({
        question: "问补贴",
        contact: "a@b.cn",
        contactKind: "email",
      });
      const when = "2026-02-01T01:02:03.000Z";
      expect(
        await storage.updateHandoff(reference, {
          status: "done",
          assignedTo: "zhang",
          assignedAt: when,
          reply: "请关注申报通知。",
          repliedBy: "zhang",
          repliedAt: when,
          closedBy: "li",
          closedAt: when,
          closeNote: "已电话告知",
        }),
      ).toBe(true);
      expect(await storage.findHandoff(reference)).toMatchObject({
        status: "done",
        assignedTo: "zhang",
        reply: "请关注申报通知。",
        repliedBy: "zhang",
        closedBy: "li",
        closedAt: when,
        closeNote: "已电话告知",
      });
      expect(await storage.updateHandoff(reference, { assignedTo: null, status: "open" })).toBe(true);
      expect((await storage.findHandoff(reference))!.assignedTo).toBeUndefined();
      expect(await storage.updateHandoff("RG-20260101-AAAAAA", { status: "open" })).toBe(false);
    });

    it("finds the audit entries about one request", async () => {
      const { storage } = await open();
      const { reference } = await storage.addHandoff({ question: "问" });
      await storage.audit("zhang", "handoff_assign", { reference });
      await storage.audit("zhang", "view_handoffs", { rows: 3 });
      await storage.audit("li", "handoff_reply", { reference, reply: "好" });
      expect((await storage.auditOfHandoff(reference)).map((e) => [e.username, e.action])).toEqual([
        ["zhang", "handoff_assign"],
        ["li", "handoff_reply"],
      ]);
    });

    it("keeps a request made before the desk (its free-text contact, status open or done) readable", async () => {
      const { storage, db } = await open();
      await db.exec(
        "INSERT INTO handoffs (reference, question, contact, created_at, status) VALUES (?, ?, ?, ?, 'done')",
        "RG-20250101-ABCDEF",
        "旧的请求",
        "王先生 0554-1234567",
        "2025-01-01T00:00:00.000Z",
      );
      expect(await storage.findHandoff("RG-20250101-ABCDEF")).toMatchObject({
        contact: "王先生 0554-1234567",
        status: "done",
      });
      expect((await storage.findHandoff("RG-20250101-ABCDEF"))!.contactKind).toBeUndefined();
    });
  });
}
