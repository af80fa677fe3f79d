import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { TinySmtpServer } from "../support/smtpServer.js";
import { signInAs, STAFF_PASSWORD } from "../support/staffAgent.js";

const t = messages.admin.handoffs;
const smtp = new TinySmtpServer();
let port: number;
const apps: BuiltApp[] = [];

/** An app, with e-mail through the tiny SMTP server unless `mail` is false, and 张三 signed in. */
async function desk(mail = true) {
  const built = await buildApp({
    config: {
      databaseFile: ":memory:",
      handoffLookupPerMinute: 10_000,
      mail: mail
        ? { url: `smtp://127.0.0.1:${port}`, from: "淮南市经信局 <noreply@example.gov.cn>", timeoutMs: 3000 }
        : null,
    },
  });
  apps.push(built);
  await createAccount(built.services.storage, "zhangsan", "张三", STAFF_PASSWORD, "test");
  const zhang = await signInAs(built.app, "zhangsan");
  const submit = async (body: object) => {
    const res = await request(built.app).post("/api/handoff").send(body);
    expect(res.status).toBe(201);
    return (res.body as { reference: string }).reference;
  };
  const reply = (reference: string, text: string) =>
    (zhang.agent as TestAgent)
      .post(`/admin/handoffs/${reference}/reply`)
      .type("form")
      .send({ _csrf: zhang.csrf, reply: text });
  const actions = async (reference: string) =>
    (await built.services.storage.auditOfHandoff(reference))
      .map((e) => e.action)
      .filter((a) => !a.startsWith("view_"));
  return { built, zhang, submit, reply, actions };
}

beforeAll(async () => {
  port = await smtp.start();
});
afterEach(() => {
  smtp.received.length = 0;
  smtp.reject = false;
});
afterAll(async () => {
  for (const built of apps) await built.close();
  await smtp.close();
});

describe("a staff reply e-mailed when SMTP is configured", () => {
  it("sends one message to the request's address with the reference, the reply and how to look it up", async () => {
    const { built, zhang, submit, reply, actions } = await desk();
    const other = await submit({ question: "别人的问题：补贴怎么申请？", email: "other@example.com" });
    const reference = await submit({ question: "请发邮件告诉我补贴标准", email: "wang.xm@example.com" });

    const res = await reply(reference, "补贴标准见方案第十二条，可向区经信局申报。");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/handoffs/${reference}?done=reply-mailed`);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(["wang.xm@example.com"]);
    expect(mail!.from).toBe("noreply@example.gov.cn");
    expect(mail!.subject).toBe(messages.mail.replySubject(reference));
    expect(mail!.text).toContain(reference);
    expect(mail!.text).toContain("补贴标准见方案第十二条，可向区经信局申报。");
    expect(mail!.text).toContain("查询办理进度");
    // Nothing of anyone else's request, nor the staff member's name.
    expect(mail!.raw).not.toContain(other);
    expect(mail!.text).not.toContain("别人的问题");
    expect(mail!.text).not.toContain("other@example.com");
    expect(mail!.text).not.toContain("张三");

    // Stored, audited, then the mail recorded; the page says it was sent.
    expect(await actions(reference)).toEqual(["handoff_reply", "handoff_mail_sent"]);
    expect((await built.services.storage.findHandoff(reference))!.reply).toContain("第十二条");
    const page = await zhang.agent.get(res.headers.location!);
    expect(page.text).toContain(t.savedReplyMailed);
    expect(page.text).toContain('data-mail="sent"');
    expect(page.text).toContain("w***@example.com");
  });

  it("sends nothing for a request that left a phone number, or none", async () => {
    const { submit, reply, actions } = await desk();
    const phone = await submit({ question: "请电话联系我", phone: "13912345678" });
    const self = await submit({ question: "我自己来查", lookupOnly: true });
    for (const reference of [phone, self]) {
      const res = await reply(reference, "已答复。");
      expect(res.headers.location).toBe(`/admin/handoffs/${reference}?done=reply`);
      expect(await actions(reference)).toEqual(["handoff_reply"]);
    }
    expect(smtp.received).toHaveLength(0);
  });

  it("sends nothing when SMTP is not configured (the default)", async () => {
    const { built, submit, reply, actions } = await desk(false);
    expect(built.config.mail).toBeNull();
    expect(built.services.mailer).toBeNull();
    const reference = await submit({ question: "请发邮件告诉我", email: "wang.xm@example.com" });
    const res = await reply(reference, "已答复。");
    expect(res.headers.location).toBe(`/admin/handoffs/${reference}?done=reply`);
    expect(await actions(reference)).toEqual(["handoff_reply"]);
    expect(smtp.received).toHaveLength(0);
  });

  it("keeps the reply when the server refuses the mail: logged once, recorded, shown to staff as 邮件未发出", async () => {
    const { built, zhang, submit, reply, actions } = await desk();
    smtp.reject = true;
    const reference = await submit({ question: "请发邮件告诉我", email: "wang.xm@example.com" });
    const res = await reply(reference, "这是答复，邮件会失败。");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/handoffs/${reference}?done=reply-mail-failed`);
    expect(smtp.received).toHaveLength(0);

    const stored = await built.services.storage.findHandoff(reference);
    expect(stored!.reply).toBe("这是答复，邮件会失败。");
    expect(stored!.status).toBe("replied");
    expect(await actions(reference)).toEqual(["handoff_reply", "handoff_mail_failed"]);
    const failures = built.logs.filter((l) => l.msg === "the reply could not be e-mailed");
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0])).not.toContain("wang.xm@");

    const page = await zhang.agent.get(res.headers.location!);
    expect(page.text).toContain(t.savedReplyMailFailed);
    expect(page.text).toContain('data-mail="failed"');
    expect(page.text).toContain("邮件未发出");
    expect(page.text).toContain(messages.admin.audit.actions.handoff_mail_failed);

    // The person still reads the reply in 查询办理进度.
    const lookup = await request(built.app)
      .post("/api/handoff/lookup")
      .send({ reference, check: "wang.xm@example.com" });
    expect(lookup.status).toBe(200);
    expect(JSON.stringify(lookup.body)).toContain("这是答复，邮件会失败。");

    // Saved again once the server accepts: sent, and the page no longer warns.
    smtp.reject = false;
    const again = await reply(reference, "这是答复，邮件会失败。");
    expect(again.headers.location).toBe(`/admin/handoffs/${reference}?done=reply-mailed`);
    expect(smtp.received).toHaveLength(1);
    const after = await zhang.agent.get(`/admin/handoffs/${reference}`);
    expect(after.text).toContain('data-mail="sent"');
    expect(after.text).not.toContain('data-mail="failed"');
  });

  it("keeps the reply when the server cannot be reached at all", async () => {
    const closed = new TinySmtpServer();
    const closedPort = await closed.start();
    await closed.close();
    const built = await buildApp({
      config: {
        databaseFile: ":memory:",
        mail: { url: `smtp://127.0.0.1:${closedPort}`, from: "noreply@example.gov.cn", timeoutMs: 2000 },
      },
    });
    apps.push(built);
    await createAccount(built.services.storage, "zhangsan", "张三", STAFF_PASSWORD, "test");
    const zhang = await signInAs(built.app, "zhangsan");
    const created = await request(built.app)
      .post("/api/handoff")
      .send({ question: "请发邮件告诉我", email: "wang.xm@example.com" });
    const { reference } = created.body as { reference: string };
    const res = await zhang.agent
      .post(`/admin/handoffs/${reference}/reply`)
      .type("form")
      .send({ _csrf: zhang.csrf, reply: "答复内容" });
    expect(res.headers.location).toBe(`/admin/handoffs/${reference}?done=reply-mail-failed`);
    expect((await built.services.storage.findHandoff(reference))!.reply).toBe("答复内容");
  });
});
