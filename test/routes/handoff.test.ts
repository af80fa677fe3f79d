import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOKUP_FAILURES_PER_REFERENCE_PER_HOUR } from "../../server/http/rateLimits.js";
import { messages } from "../../server/messages.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { useTestServices } from "../support/services.js";

const env = useTestServices();

const REFERENCE = /^RG-\d{8}-[34679ACDEFGHJKMNPQRTUVWXY]{6}$/;
const PHONE = "13912345678";
const CHINESE = /[\u4e00-\u9fff]/;
const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|Error:/;

const handoff = (body: unknown) =>
  request(env.app)
    .post("/api/handoff")
    .send(body as object);
const stored = async (reference: string) => (await env.services.storage.findHandoff(reference))!;
const count = async () => (await env.services.storage.listHandoffs(100_000)).length;

describe("POST /api/handoff", () => {
  describe("when the request is right", () => {
    it("answers 201 with a reference number dated today and its time", async () => {
      const res = await handoff({ question: "我们企业想申请节能诊断，找哪个科室？", phone: PHONE });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(["contactKind", "createdAt", "reference"]);
      expect(res.body.reference).toMatch(REFERENCE);
      expect(Math.abs(Date.parse(res.body.createdAt as string) - Date.now())).toBeLessThan(10_000);
      // Dated as in Beijing (UTC+8), the day the person and the staff see.
      const beijingDay = new Date(Date.parse(res.body.createdAt as string) + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      expect((res.body.reference as string).slice(3, 11)).toBe(beijingDay.replace(/-/g, ""));
      expect(await stored(res.body.reference as string)).toMatchObject({
        reference: res.body.reference,
        question: "我们企业想申请节能诊断，找哪个科室？",
        status: "open",
        contact: PHONE,
        contactKind: "phone",
      });
    });

    it("gives each request its own reference", async () => {
      const references = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          handoff({ question: `问题${i}`, lookupOnly: true }).then((r) => r.body.reference as string),
        ),
      );
      expect(new Set(references).size).toBe(20);
    });

    it("stores the question with personal data redacted, and the phone as given, normalised", async () => {
      const res = await handoff({
        question: "请打我电话13912345678，身份证340404199001011234，问补贴",
        phone: "+86 139 1234 5678",
      });
      expect(res.status).toBe(201);
      const row = await stored(res.body.reference as string);
      expect(row.question).toBe("请打我电话[手机号已隐去]，身份证[身份证号已隐去]，问补贴");
      expect(row.contact).toBe(PHONE);
    });

    it.each([
      ["a landline with its area code", { phone: "0554-1234567" }, "05541234567", "phone"],
      ["full-width digits", { phone: "１３９１２３４５６７８" }, PHONE, "phone"],
      ["an e-mail address", { email: " wang@example.com " }, "wang@example.com", "email"],
    ])("accepts %s", async (_case, contact, kept, kind) => {
      const res = await handoff({ question: "请回复我", ...contact });
      expect(res.status).toBe(201);
      expect(res.body.contactKind).toBe(kind);
      expect(res.body.lookupCode).toBeUndefined();
      expect(await stored(res.body.reference as string)).toMatchObject({ contact: kept, contactKind: kind });
    });

    it("gives a person who leaves no contact a lookup code, and keeps only its digest", async () => {
      const res = await handoff({ question: "不留联系方式，我自己来查", lookupOnly: true, phone: "  " });
      expect(res.status).toBe(201);
      expect(res.body.contactKind).toBe("none");
      expect(res.body.lookupCode).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
      const row = await stored(res.body.reference as string);
      expect(row.contact).toBeUndefined();
      expect(row.lookupHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(res.body.lookupCode);
    });

    it("strips invisible characters from the question", async () => {
      const res = await handoff({ question: "节能\u200b改造\u202e补贴", phone: PHONE });
      expect((await stored(res.body.reference as string)).question).toBe("节能改造补贴");
    });

    it("links the conversation when it exists", async () => {
      const chat = await request(env.app).post("/api/chat").send({ message: "钢铁行业2025年的目标是什么" });
      const conversationId = chat.body.conversationId as string;
      const res = await handoff({ question: "想找人确认一下", conversationId, phone: PHONE });
      expect(res.status).toBe(201);
      expect((await stored(res.body.reference as string)).conversationId).toBe(conversationId);
    });

    it("records the request without a link when the conversation is unknown (or purged)", async () => {
      const res = await handoff({
        question: "想找人确认一下",
        conversationId: "c_AAAAAAAAAAAAAAAAAAAAAA",
        lookupOnly: true,
      });
      expect(res.status).toBe(201);
      expect((await stored(res.body.reference as string)).conversationId).toBeUndefined();
    });
  });

  describe("when the request is wrong", () => {
    const expectFieldError = async (body: unknown, field: string) => {
      const before = await count();
      const res = await handoff(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request:handoff");
      expect(res.body.error.message).toMatch(CHINESE);
      expect(res.body.error.message).toContain(`“${field}”`);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
      expect(res.text).not.toMatch(STACK);
      expect(await count()).toBe(before);
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
      await expectFieldError({ ...body, phone: PHONE }, "question");
    });

    it.each([
      ["too short", "1391234"],
      ["not a phone number", "王先生"],
      ["a mobile number with 12 digits", "139123456789"],
      ["over 40 characters", "1".repeat(41)],
      ["not text", 13912345678],
    ])("answers 400 naming “phone” when it is %s", async (_case, phone) => {
      await expectFieldError({ question: "请回电", phone }, "phone");
    });

    it.each([
      ["without @", "wang.example.com"],
      ["without a domain", "wang@"],
      ["not text", 7],
    ])("answers 400 naming “email” when it is %s", async (_case, email) => {
      await expectFieldError({ question: "请回邮件", email }, "email");
    });

    it("answers 400 naming “contact” when there is no way to answer and no choice to look it up", async () => {
      await expectFieldError({ question: "请回复" }, "contact");
      await expectFieldError({ question: "请回复", phone: "  ", lookupOnly: false }, "lookupOnly");
    });

    it("answers 400 when both a phone and an e-mail, or a contact and a lookup, are given", async () => {
      await expectFieldError({ question: "请回复", phone: PHONE, email: "wang@example.com" }, "email");
      await expectFieldError({ question: "请回复", phone: PHONE, lookupOnly: true }, "lookupOnly");
    });

    it.each([
      ["too short", "c_abc"],
      ["without the prefix", "AAAAAAAAAAAAAAAAAAAAAAAA"],
      ["a number", 7],
    ])("answers 400 naming “conversationId” when it is %s", async (_case, conversationId) => {
      await expectFieldError({ question: "请回电", conversationId, phone: PHONE }, "conversationId");
    });

    it("says in Chinese that a question of invisible characters only is empty", async () => {
      const res = await handoff({ question: "\u200b\u200b", phone: PHONE });
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

describe("POST /api/handoff/lookup (查询办理进度)", () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await buildApp({ config: { databaseFile: ":memory:", handoffLookupPerMinute: 10_000 } });
  });
  afterAll(async () => {
    await built?.close();
  });
  const make = async (body: object) =>
    (await request(built.app).post("/api/handoff").send(body)).body as {
      reference: string;
      lookupCode?: string;
    };
  const lookup = (body: unknown) =>
    request(built.app)
      .post("/api/handoff/lookup")
      .send(body as object);

  describe("when the reference and its proof match", () => {
    it("shows a new request as received, with no reply yet and nothing of staff's own record", async () => {
      const { reference } = await make({ question: "节能诊断怎么申请", phone: "0554-1234567" });
      const res = await lookup({ reference, check: "4567" });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        reference,
        createdAt: expect.any(String),
        status: "open",
        statusLabel: messages.handoff.states.open,
        reply: null,
        repliedAt: null,
        closedAt: null,
      });
    });

    it("shows staff's reply and the closing, but not the closing note or who wrote it", async () => {
      const { reference } = await make({ question: "补贴怎么申请", email: "Wang@Example.com" });
      await built.services.storage.updateHandoff(reference, {
        status: "done",
        reply: "请于每年三月关注申报通知。",
        repliedBy: "zhangsan",
        repliedAt: new Date().toISOString(),
        closedBy: "zhangsan",
        closedAt: new Date().toISOString(),
        closeNote: "已电话说明",
      });
      const res = await lookup({ reference, check: "wang@example.COM" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "done", reply: "请于每年三月关注申报通知。" });
      expect(res.body.closedAt).toEqual(expect.any(String));
      expect(res.text).not.toContain("zhangsan");
      expect(res.text).not.toContain("已电话说明");
    });

    it("accepts the reference as people type it back, and the lookup code in lower case", async () => {
      const { reference, lookupCode } = await make({ question: "自己来查", lookupOnly: true });
      const typed = reference.toLowerCase().replace(/-/g, " ");
      const res = await lookup({ reference: typed, check: lookupCode!.toLowerCase() });
      expect(res.status).toBe(200);
      expect(res.body.reference).toBe(reference);
    });
  });

  describe("when they do not match", () => {
    it.each([
      ["the wrong last four digits", "0000"],
      ["the whole number instead of the last four digits", "0554-1234567x"],
      ["another request's lookup code", "AAAAAA"],
    ])("answers 404 with the same Chinese message for %s", async (_case, check) => {
      const { reference } = await make({ question: "核对", phone: "0554-1234567" });
      const res = await lookup({ reference, check });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(messages.handoff.lookupNotFound);
    });

    it("answers an unknown reference exactly like a wrong proof", async () => {
      const res = await lookup({ reference: "RG-20260101-AAAAAA", check: "1234" });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(messages.handoff.lookupNotFound);
    });

    it.each([
      ["no reference", { check: "1234" }, "reference"],
      ["a reference of the wrong form", { reference: "12345", check: "1234" }, "reference"],
      ["no proof", { reference: "RG-20260101-AAAAAA" }, "check"],
      ["an empty proof", { reference: "RG-20260101-AAAAAA", check: "  " }, "check"],
    ])("answers 400 naming the field for %s", async (_case, body, field) => {
      const res = await lookup(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request:handoff_lookup");
      expect(res.body.error.message).toContain(`“${field}”`);
      expect(res.body.error.message).toMatch(CHINESE);
    });
  });
});

describe("the lookup's rate limits", () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await buildApp({ config: { databaseFile: ":memory:", handoffLookupPerMinute: 3 } });
  });
  afterAll(async () => {
    await built?.close();
  });

  it("answers 429 in Chinese with Retry-After beyond the per-address budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await request(built.app)
            .post("/api/handoff/lookup")
            .send({ reference: "RG-20260101-AAAAAA", check: "1" })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it(`allows a reference only ${LOOKUP_FAILURES_PER_REFERENCE_PER_HOUR} wrong proofs an hour, from any address`, async () => {
    const other = await buildApp({ config: { databaseFile: ":memory:", handoffLookupPerMinute: 1000 } });
    try {
      const made = await request(other.app)
        .post("/api/handoff")
        .send({ question: "试", phone: "13912345678" });
      const reference = made.body.reference as string;
      const wrong = () => request(other.app).post("/api/handoff/lookup").send({ reference, check: "0000" });
      for (let i = 0; i < LOOKUP_FAILURES_PER_REFERENCE_PER_HOUR; i++)
        expect((await wrong()).status).toBe(404);
      const refused = await wrong();
      expect(refused.status).toBe(429);
      expect(refused.headers["retry-after"]).toBeDefined();
      expect(refused.body.error.message).toBe(messages.http.rateLimited);
    } finally {
      await other.close();
    }
  });
});
