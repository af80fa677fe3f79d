import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { messages } from "../../server/messages.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { signInAs, STAFF_PASSWORD } from "../support/staffAgent.js";

const t = messages.admin;
let built: BuiltApp;
let admin: { agent: TestAgent; csrf: string };
let staff: { agent: TestAgent; csrf: string };
const storage = () => built.services.storage;
const post = (who: { agent: TestAgent; csrf: string }, path: string, body: object = {}) =>
  who.agent
    .post(path)
    .type("form")
    .send({ _csrf: who.csrf, ...body });

beforeAll(async () => {
  built = await buildApp({ config: { databaseFile: ":memory:" } });
  await createAccount(storage(), "admin", "管理员", STAFF_PASSWORD, "test", "admin");
  await createAccount(storage(), "zhangsan", "张三", STAFF_PASSWORD, "test");
  await createAccount(storage(), "wangwu", "王五", STAFF_PASSWORD, "test");
  admin = await signInAs(built.app, "admin");
  staff = await signInAs(built.app, "zhangsan");
});

afterAll(async () => {
  await built?.close();
});

describe("the accounts page (admins only)", () => {
  it("lists every account with its role and state in Chinese, audit-logged, and offers enable or disable", async () => {
    const res = await admin.agent.get("/admin/accounts");
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="nav-accounts"');
    for (const name of ["管理员", "张三", "王五"]) expect(res.text).toContain(name);
    expect(res.text).toContain(`<td>${t.roles.staff}</td>`);
    expect(res.text).toContain(`<td>${t.roles.admin}</td>`);
    expect(res.text).toContain('action="/admin/accounts/zhangsan/disable"');
    // No button to disable oneself.
    expect(res.text).not.toContain('action="/admin/accounts/admin/disable"');
    expect(res.text).not.toContain("scrypt");
    expect((await storage().listAudit(1, "views"))[0]).toMatchObject({
      username: "admin",
      action: "view_accounts",
    });
  });

  it("disables an account (its sessions end, it cannot sign in) and enables it again (it can), each audit-logged", async () => {
    const wang = await signInAs(built.app, "wangwu");
    expect((await wang.agent.get("/admin/enquiries")).status).toBe(200);

    const off = await post(admin, "/admin/accounts/wangwu/disable");
    expect(off.status).toBe(303);
    expect((await admin.agent.get(off.headers.location!)).text).toContain(t.accounts.savedDisabled("wangwu"));
    expect((await wang.agent.get("/admin/enquiries")).status).toBe(401);
    const refused = await signInAs(built.app, "wangwu");
    expect(refused.res.status).toBe(401);
    expect(refused.res.text).toContain(t.signIn.failed);

    expect((await post(admin, "/admin/accounts/wangwu/enable")).status).toBe(303);
    expect((await storage().findStaffUser("wangwu"))!.disabled).toBe(false);
    expect((await signInAs(built.app, "wangwu")).res.status).toBe(303);
    const actions = (await storage().listAudit(50, "changes")).map((e) => [e.username, e.action]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["wangwu", "account_disable"],
        ["wangwu", "account_enable"],
      ]),
    );
    const entry = (await storage().listAudit(50, "changes")).find((e) => e.action === "account_enable")!;
    expect(JSON.parse(entry.detail)).toEqual({ by: "admin" });
  });

  it("refuses to disable oneself, an unknown account and a malformed name, in Chinese, changing nothing", async () => {
    const self = await post(admin, "/admin/accounts/admin/disable");
    expect(self.status).toBe(400);
    expect(self.text).toContain(t.errors.disableSelf);
    expect((await storage().findStaffUser("admin"))!.disabled).toBe(false);
    const unknown = await post(admin, "/admin/accounts/nobody/enable");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(t.errors.accountNotFound);
    const malformed = await post(admin, "/admin/accounts/%E5%BC%A0/enable");
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("参数“用户名”");
  });

  it("is refused to staff (403, in Chinese), and not in their navigation", async () => {
    const page = await staff.agent.get("/admin/accounts");
    expect(page.status).toBe(403);
    expect(page.text).toContain(t.errors.adminOnly);
    expect((await staff.agent.get("/admin/enquiries")).text).not.toContain('data-testid="nav-accounts"');
    expect((await post(staff, "/admin/accounts/wangwu/disable")).status).toBe(403);
    expect((await storage().findStaffUser("wangwu"))!.disabled).toBe(false);
  });

  it("needs a session", async () => {
    expect((await request(built.app).get("/admin/accounts")).status).toBe(401);
  });
});

describe("reviewed answers: staff draft, admins publish", () => {
  const answer = { question: "合同能源管理有什么支持", answer: "请咨询市经信局节能科。", unitIds: "" };

  it("lets staff write and change a draft, but not publish, stop or restart one", async () => {
    const list = await staff.agent.get("/admin/curated");
    expect(list.status).toBe(200);
    expect(list.text).toContain('data-testid="new-curated"');
    expect(list.text).toContain(t.errors.publishAdminOnly);
    const form = await staff.agent.get("/admin/curated/new");
    expect(form.status).toBe(200);
    expect(form.text).not.toContain('data-testid="publish-curated"');
    expect((await post(staff, "/admin/curated", answer)).status).toBe(303);
    const [draft] = await storage().listCuratedAnswers();
    expect(draft).toMatchObject({ author: "zhangsan", published: null });

    const refused = await post(staff, "/admin/curated", {
      ...answer,
      question: "绿色工厂怎么申请",
      action: "publish",
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(t.errors.publishAdminOnly);
    expect((await post(staff, `/admin/curated/${draft!.id}/publish`)).status).toBe(403);
    const api = await staff.agent
      .post("/admin/api/curated")
      .set("X-CSRF-Token", staff.csrf)
      .send({ ...answer, question: "光伏有什么支持", publish: true });
    expect(api.status).toBe(403);
    expect(api.body.error.message).toBe(t.errors.publishAdminOnly);
    expect((await storage().listCuratedAnswers()).map((a) => a.question)).toEqual([answer.question]);
  });

  it("lets an admin publish a member of staff's draft, recording who and when", async () => {
    const [draft] = await storage().listCuratedAnswers();
    expect((await post(admin, `/admin/curated/${draft!.id}/publish`)).status).toBe(303);
    const [published] = await storage().listCuratedAnswers();
    expect(published).toMatchObject({ author: "zhangsan", active: true, published: { by: "admin" } });
    expect((await post(staff, `/admin/curated/${draft!.id}/deactivate`)).status).toBe(403);
    expect((await storage().listCuratedAnswers())[0]!.active).toBe(true);
  });
});
