import { describe, expect, it } from "vitest";
import type { OpenHarness } from "./harness.js";

/** Reviewed (curated) answers: drafts, publishing. */
export function reviewedAnswerContract(open: OpenHarness): void {
  describe("curated answers", () => {
    it("are added active, listed newest first, and updated in part", async () => {
      const { storage } = await open();
      const first = await storage.addCuratedAnswer({
        question: "节能补贴怎么申请",
        answer: "请咨询市经信局节能科。",
        unitIds: ["hn2023:4.2"],
        author: "zhang",
      });
      const second = await storage.addCuratedAnswer({
        question: "标杆水平是什么",
        answer: "见附件。",
        unitIds: [],
        author: "li",
      });
      let list = await storage.listCuratedAnswers();
      expect(list.map((a) => a.id)).toEqual([second, first]);
      expect(list[1]).toMatchObject({
        id: first,
        question: "节能补贴怎么申请",
        answer: "请咨询市经信局节能科。",
        unitIds: ["hn2023:4.2"],
        author: "zhang",
        active: true,
      });
      expect(list[1]!.createdAt).toBe(list[1]!.updatedAt);

      await new Promise((r) => setTimeout(r, 5));
      expect(await storage.updateCuratedAnswer(first, { answer: "请向市经信局节能科提交申请表。" })).toBe(
        true,
      );
      expect(await storage.updateCuratedAnswer(second, { active: false, unitIds: ["hn2023:1.1"] })).toBe(
        true,
      );
      list = await storage.listCuratedAnswers();
      const byId = Object.fromEntries(list.map((a) => [a.id, a]));
      expect(byId[first]).toMatchObject({
        question: "节能补贴怎么申请",
        answer: "请向市经信局节能科提交申请表。",
        unitIds: ["hn2023:4.2"],
        active: true,
      });
      expect(byId[first]!.updatedAt > byId[first]!.createdAt).toBe(true);
      expect(byId[second]).toMatchObject({
        question: "标杆水平是什么",
        answer: "见附件。",
        unitIds: ["hn2023:1.1"],
        active: false,
      });
      expect(await storage.updateCuratedAnswer(second, { active: true })).toBe(true);
      expect((await storage.listCuratedAnswers()).find((a) => a.id === second)!.active).toBe(true);
      expect(await storage.updateCuratedAnswer(9999, { answer: "无" })).toBe(false);
    });

    it("are drafts until published: publishing copies the text served, with who and when; a later edit leaves it", async () => {
      const { storage } = await open();
      const id = await storage.addCuratedAnswer({
        question: "节能诊断怎么收费",
        answer: "免费。",
        unitIds: ["hn2023:2.2.4"],
        author: "zhang",
      });
      expect((await storage.listCuratedAnswers())[0]).toMatchObject({ updatedBy: "zhang", published: null });
      expect(await storage.publishCuratedAnswer(id, "wang")).toBe(true);
      expect(await storage.publishCuratedAnswer(9999, "wang")).toBe(false);
      await storage.updateCuratedAnswer(id, { answer: "免费，由市经信局组织。", updatedBy: "li" });
      const [answer] = await storage.listCuratedAnswers();
      expect(answer).toMatchObject({
        answer: "免费，由市经信局组织。",
        updatedBy: "li",
        author: "zhang",
        published: { question: "节能诊断怎么收费", answer: "免费。", unitIds: ["hn2023:2.2.4"], by: "wang" },
      });
      expect(Date.parse(answer!.published!.at)).not.toBeNaN();
    });
  });
}
