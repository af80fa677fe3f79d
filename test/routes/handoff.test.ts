import request from "supertest";
import { describe, expect, it } from "vitest";
import { messages } from "../../server/messages.js";
import { useTestServices } from "../support/services.js";

const env = useTestServices();

const REFERENCE = /^RG-\d{8}-[A-Z0-9]{6}$/;
const CHINESE = /[\u4e00-\u9fff]/;
const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|Error:/;

const handoff = (body: unknown) =>
  request(env.app)
    .post("/api/handoff")
    .send(body as object);
const latest = async () => (await env.services.storage.listHandoffs(1))[0]!;

describe("POST /api/handoff", () => {
  describe("when the request is right", () => {
    it("answers 201 with a reference number dated today and its time", async () => {
      const res = await handoff({ question: "我们企业想申请节能诊断，找哪个科室？" });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(["createdAt", "reference"]);
      expect(res.body.reference).toMatch(REFERENCE);
      expect(Math.abs(Date.parse(res.body.createdAt as string) - Date.now())).toBeLessThan(10_000);
      // Dated as in Beijing (UTC+8), the day the person and the staff see.
      const beijingDay = new Date(Date.parse(res.body.createdAt as string) + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      expect((res.body.reference as string).slice(3, 11)).toBe(beijingDay.replace(/-/g, ""));
      expect(await latest()).toMatchObject({
        reference: res.body.reference,
        question: "我们企业想申请节能诊断，找哪个科室？",
        status: "open",
      });
    });

    it("gives each request its own reference", async () => {
      const references = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          handoff({ question: `问题${i}` }).then((r) => r.body.reference as string),
        ),
      );
      expect(new Set(references).size).toBe(20);
    });

    it("stores the question with personal data redacted, and the contact as given", async () => {
      const res = await handoff({
        question: "请打我电话13912345678，身份证340404199001011234，问补贴",
        contact: "王先生 13912345678",
      });
      expect(res.status).toBe(201);
      const stored = await latest();
      expect(stored.reference).toBe(res.body.reference);
      expect(stored.question).toBe("请打我电话[手机号已隐去]，身份证[身份证号已隐去]，问补贴");
      expect(stored.contact).toBe("王先生 13912345678");
    });

    it("strips invisible characters from the question", async () => {
      await handoff({ question: "节能\u200b改造\u202e补贴" });
      expect((await latest()).question).toBe("节能改造补贴");
    });

    it("keeps no contact when none or an empty one is given", async () => {
      for (const body of [{ question: "不留联系方式" }, { question: "空的联系方式", contact: "   " }]) {
        expect((await handoff(body)).status).toBe(201);
        expect((await latest()).contact).toBeUndefined();
      }
    });

    it("links the conversation when it exists", async () => {
      const chat = await request(env.app).post("/api/chat").send({ message: "钢铁行业2025年的目标是什么" });
      const conversationId = chat.body.conversationId as string;
      expect((await handoff({ question: "想找人确认一下", conversationId })).status).toBe(201);
      expect((await latest()).conversationId).toBe(conversationId);
    });

    it("records the request without a link when the conversation is unknown (or purged)", async () => {
      const res = await handoff({ question: "想找人确认一下", conversationId: "c_AAAAAAAAAAAAAAAAAAAAAA" });
      expect(res.status).toBe(201);
      const stored = await latest();
      expect(stored.reference).toBe(res.body.reference);
      expect(stored.conversationId).toBeUndefined();
    });
  });

  describe("when the request is wrong", () => {
    const expectFieldError = async (body: unknown, field: string) => {
      const before = (await env.services.storage.listHandoffs(1000)).length;
      const res = await handoff(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request:handoff");
      expect(res.body.error.message).toMatch(CHINESE);
      expect(res.body.error.message).toContain(`“${field}”`);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
      expect(res.text).not.toMatch(STACK);
      expect((await env.services.storage.listHandoffs(1000)).length).toBe(before);
    };

    it.each([
      ["missing", {}],
      ["empty", { question: "" }],
      ["only spaces", { question: "  \n " }],
      ["only zero-width characters", { question: "\u200b\u200d\ufeff\u2060" }],
      ["zero-width and full-width spaces", { question: "\u3000\u200b \u200c\u3000" }],
      ["over 1000 characters", { question: "节".repeat(1001) }],
      ["not text", { question: 42 }],
    ])("answers 400 naming “question” when it is %s", async (_case, body) => {
      await expectFieldError(body, "question");
    });

    it.each([
      ["over 100 characters", "电".repeat(101)],
      ["not text", 13912345678],
    ])("answers 400 naming “contact” when it is %s", async (_case, contact) => {
      await expectFieldError({ question: "请回电", contact }, "contact");
    });

    it.each([
      ["too short", "c_abc"],
      ["without the prefix", "AAAAAAAAAAAAAAAAAAAAAAAA"],
      ["a number", 7],
    ])("answers 400 naming “conversationId” when it is %s", async (_case, conversationId) => {
      await expectFieldError({ question: "请回电", conversationId }, "conversationId");
    });

    it("says in Chinese that a question of invisible characters only is empty", async () => {
      const res = await handoff({ question: "\u200b\u200b" });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        messages.validation.field("question", messages.validation.onlyInvisible),
      );
    });

    it("answers 400 in Chinese when the body is not JSON", async () => {
      const res = await request(env.app)
        .post("/api/handoff")
        .set("Content-Type", "application/json")
        .send("{question:");
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(CHINESE);
    });
  });
});
