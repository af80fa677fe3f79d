import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { signInAs, STAFF_PASSWORD } from "../support/staffAgent.js";

const t = messages.admin.handoffs;
let built: BuiltApp;
let zhang: { agent: TestAgent; csrf: string };
let li: { agent: TestAgent; csrf: string };

const storage = () => built.services.storage;
const submit = async (body: object) => {
  const res = await request(built.app).post("/api/handoff").send(body);
  expect(res.status).toBe(201);
  return res.body as { reference: string; lookupCode?: string };
};
const post = (who: { agent: TestAgent; csrf: string }, path: string, body: object = {}) =>
  who.agent
    .post(path)
    .type("form")
    .send({ _csrf: who.csrf, ...body });
/** The steps taken on a request (not the views of it), oldest first. */
const steps = async (reference: string) =>
  (await storage().auditOfHandoff(reference)).filter((e) => !e.action.startsWith("view_"));
const lookup = (reference: string, check: string) =>
  request(built.app).post("/api/handoff/lookup").send({ reference, check });

beforeAll(async () => {
  built = await buildApp({ config: { databaseFile: ":memory:", handoffLookupPerMinute: 10_000 } });
  await createAccount(storage(), "zhangsan", "张三", STAFF_PASSWORD, "test");
  await createAccount(storage(), "lisi", "李四", STAFF_PASSWORD, "test");
  zhang = await signInAs(built.app, "zhangsan");
  li = await signInAs(built.app, "lisi");
});

afterAll(async () => {
  await built?.close();
});

describe("the list of 人工服务 requests", () => {
  it("shows pending requests first with how long they have waited, counts by status, and contacts redacted", async () => {
    const closed = await submit({ question: "已经办完的请求", email: "done@example.com" });
    await post(zhang, `/admin/handoffs/${closed.reference}/close`, { note: "测试" });
    const waiting = await submit({ question: "请问节能诊断怎么申请？", phone: "13912345678" });
    const mail = await submit({ question: "请发邮件告诉我补贴标准", email: "wang.xm@example.com" });
    const self = await submit({ question: "我自己来查", lookupOnly: true });

    const res = await zhang.agent.get("/admin/handoffs");
    expect(res.status).toBe(200);
    const order = [
      ...res.text.matchAll(/data-testid="handoff" data-reference="([^"]+)" data-status="([^"]+)"/g),
    ];
    expect(order.map((m) => m[2])).toEqual(["open", "open", "open", "done"]);
    expect(order.map((m) => m[1])).toEqual([
      waiting.reference,
      mail.reference,
      self.reference,
      closed.reference,
    ]);
    expect(res.text).toContain('data-testid="count-open" data-count="3"');
    expect(res.text).toContain('data-testid="count-done" data-count="1"');
    expect(res.text).toContain("待处理 3 件");
    expect(res.text).toContain(`${t.waited}`);
    expect(res.text).toContain("1 分钟");
    expect(res.text).toContain("139****5678");
    expect(res.text).toContain("w***@example.com");
    expect(res.text).toContain(t.contactKinds.none);
    expect(res.text).not.toContain("13912345678");
    expect(res.text).not.toContain("wang.xm@");
    // The navigation counts what waits for staff, on every page.
    expect((await zhang.agent.get("/admin/feedback")).text).toContain(messages.admin.pendingBadge(3));
  });

  it("speaks Chinese only: no status code or English key is shown as text", async () => {
    const res = await zhang.agent.get("/admin/handoffs");
    const visible = res.text
      .replace(/<[^>]+>/g, " ")
      .replace(/RG-\d{8}-[A-Z0-9]{6}/g, "")
      .replace(/[\w.-]+@example\.com/g, "");
    expect(visible).not.toMatch(/\b(open|assigned|replied|done|phone|email|none)\b/);
  });
});

describe("working one request through", () => {
  it("assigns it, replies, closes it with a note: each recorded with who and when, audited, and the reply reaches the citizen", async () => {
    const { reference } = await submit({
      question: "我们厂想申请节能诊断，怎么办理？",
      phone: "0554-7654321",
    });

    const page = await zhang.agent.get(`/admin/handoffs/${reference}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="handoff-contact">05547654321<');
    expect((await storage().listAudit(1, "views"))[0]).toMatchObject({
      username: "zhangsan",
      action: "view_handoff",
    });

    const assigned = await post(zhang, `/admin/handoffs/${reference}/assign`);
    expect(assigned.status).toBe(303);
    expect(assigned.headers.location).toBe(`/admin/handoffs/${reference}?done=assign`);
    expect(await storage().findHandoff(reference)).toMatchObject({
      status: "assigned",
      assignedTo: "zhangsan",
    });
    expect((await zhang.agent.get(assigned.headers.location!)).text).toContain(t.savedAssign);

    const reply = "您好，节能诊断请于每年三月通过市经信局网站申报，详见当年通知。";
    expect((await post(zhang, `/admin/handoffs/${reference}/reply`, { reply })).status).toBe(303);
    const replied = (await storage().findHandoff(reference))!;
    expect(replied).toMatchObject({ status: "replied", reply, repliedBy: "zhangsan" });
    expect(Date.now() - Date.parse(replied.repliedAt!)).toBeLessThan(10_000);

    const citizen = await lookup(reference, "4321");
    expect(citizen.body).toMatchObject({
      status: "replied",
      reply,
      statusLabel: messages.handoff.states.replied,
    });

    expect(
      (await post(li, `/admin/handoffs/${reference}/close`, { note: "已电话告知申报时间" })).status,
    ).toBe(303);
    expect(await storage().findHandoff(reference)).toMatchObject({
      status: "done",
      closedBy: "lisi",
      closeNote: "已电话告知申报时间",
    });
    expect((await lookup(reference, "4321")).body).toMatchObject({ status: "done", reply });

    const detail = await zhang.agent.get(`/admin/handoffs/${reference}`);
    expect(detail.text).toContain("已电话告知申报时间");
    expect(detail.text).toContain("李四于");
    const history = [...detail.text.matchAll(/data-testid="history-entry" data-action="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(history).toEqual(["handoff_assign", "handoff_reply", "handoff_close"]);
    const audit = (await steps(reference)).map((e) => [e.username, e.action]);
    expect(audit).toEqual([
      ["zhangsan", "handoff_assign"],
      ["zhangsan", "handoff_reply"],
      ["lisi", "handoff_close"],
    ]);
    const replyEntry = (await steps(reference))[1]!;
    expect(JSON.parse(replyEntry.detail)).toMatchObject({ reference, reply });
    const auditPage = await zhang.agent.get("/admin/audit?kind=changes");
    for (const action of ["handoff_assign", "handoff_reply", "handoff_close"])
      expect(auditPage.text).toContain(messages.admin.audit.actions[action]!);
  });

  it("takes an unassigned request for whoever replies first, and reopens a closed one to where it was", async () => {
    const { reference } = await submit({ question: "问补贴", email: "a@example.com" });
    await post(li, `/admin/handoffs/${reference}/reply`, { reply: "请关注申报通知。" });
    expect(await storage().findHandoff(reference)).toMatchObject({ assignedTo: "lisi", status: "replied" });
    await post(li, `/admin/handoffs/${reference}/close`, { note: "已邮件答复" });
    expect((await post(zhang, `/admin/handoffs/${reference}/reopen`)).status).toBe(303);
    const reopened = (await storage().findHandoff(reference))!;
    expect(reopened.status).toBe("replied");
    expect(reopened.closeNote).toBeUndefined();
    expect(JSON.parse((await steps(reference)).at(-1)!.detail)).toMatchObject({
      previousNote: "已邮件答复",
    });
  });

  it("lets a colleague take over a request, recording whose it was", async () => {
    const { reference } = await submit({ question: "转交", lookupOnly: true });
    await post(zhang, `/admin/handoffs/${reference}/assign`);
    await post(li, `/admin/handoffs/${reference}/assign`);
    expect((await storage().findHandoff(reference))!.assignedTo).toBe("lisi");
    expect(JSON.parse((await steps(reference)).at(-1)!.detail)).toMatchObject({
      previous: "zhangsan",
    });
  });
});

describe("when a step is wrong", () => {
  const CHINESE = /[\u4e00-\u9fff]/;

  it("refuses closing without a note: 400, the note field named in Chinese, nothing changed, the draft reply kept", async () => {
    const { reference } = await submit({ question: "办结要写说明", phone: "13900001111" });
    await post(zhang, `/admin/handoffs/${reference}/reply`, { reply: "已答复的内容" });
    const before = await storage().findHandoff(reference);
    const auditBefore = (await steps(reference)).length;
    const res = await post(zhang, `/admin/handoffs/${reference}/close`, { note: "   " });
    expect(res.status).toBe(400);
    expect(res.text).toContain("参数“办结说明”不能为空。");
    expect(res.text).toContain('data-testid="form-errors"');
    expect(await storage().findHandoff(reference)).toEqual(before);
    expect((await steps(reference)).length).toBe(auditBefore);
  });

  it("refuses an empty or over-long reply, keeping what was typed and what was stored", async () => {
    const { reference } = await submit({ question: "答复不能为空", phone: "13900002222" });
    await post(zhang, `/admin/handoffs/${reference}/reply`, { reply: "第一次答复" });
    const empty = await post(zhang, `/admin/handoffs/${reference}/reply`, { reply: "" });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("参数“答复内容”不能为空。");
    const long = "a".repeat(4001);
    const tooLong = await post(zhang, `/admin/handoffs/${reference}/reply`, { reply: long });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain("参数“答复内容”不能超过 4000 个字符。");
    expect(tooLong.text).toContain(long);
    expect((await storage().findHandoff(reference))!.reply).toBe("第一次答复");
  });

  it("refuses to change a closed request but by reopening it, and to reopen an open one", async () => {
    const { reference } = await submit({ question: "已办结的", phone: "13900003333" });
    await post(zhang, `/admin/handoffs/${reference}/close`, { note: "办结" });
    for (const [path, body] of [
      ["reply", { reply: "晚到的答复" }],
      ["assign", {}],
      ["close", { note: "再办结一次" }],
    ] as const) {
      const res = await post(zhang, `/admin/handoffs/${reference}/${path}`, body);
      expect(res.status).toBe(400);
      expect(res.text).toContain(t.alreadyClosed);
    }
    expect(await storage().findHandoff(reference)).toMatchObject({ status: "done", closeNote: "办结" });
    expect((await storage().findHandoff(reference))!.reply).toBeUndefined();
    await post(zhang, `/admin/handoffs/${reference}/reopen`);
    const again = await post(zhang, `/admin/handoffs/${reference}/reopen`);
    expect(again.status).toBe(400);
    expect(again.text).toContain(t.notClosed);
  });

  it("answers 404 in Chinese for an unknown reference and 400 for one of the wrong form", async () => {
    const unknown = await zhang.agent.get("/admin/handoffs/RG-20260101-AAAAAA");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(t.notFound("RG-20260101-AAAAAA"));
    const wrong = await zhang.agent.get("/admin/handoffs/not-a-reference");
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(CHINESE);
    expect((await post(zhang, "/admin/handoffs/RG-20260101-AAAAAA/assign")).status).toBe(404);
  });

  it("refuses a step without the CSRF token, and any of it without a session", async () => {
    const { reference } = await submit({ question: "安全校验", phone: "13900004444" });
    const forged = await zhang.agent
      .post(`/admin/handoffs/${reference}/close`)
      .type("form")
      .send({ note: "x" });
    expect(forged.status).toBe(403);
    expect((await request(built.app).get(`/admin/handoffs/${reference}`)).status).toBe(401);
    expect((await storage().findHandoff(reference))!.status).toBe("open");
  });
});
