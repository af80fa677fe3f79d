import express from "express";
import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AdminAuth,
  FAILED_SIGN_IN_DELAY_MS,
  hashToken,
  LOGIN_COOKIE,
  SESSION_COOKIE,
} from "../../server/admin/auth.js";
import { SignInLimiter } from "../../server/admin/signInLimiter.js";
import { errorHandler } from "../../server/http/errors.js";
import { adminRouter } from "../../server/routes/admin.js";
import { createAccount, disableAccount } from "../../server/admin/accounts.js";
import { setCuratedActive } from "../../server/admin/curatedAnswers.js";
import { messages } from "../../server/messages.js";
import type { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { buildApp, listen, send, storageWith, type BuiltApp } from "../support/appWith.js";

const PASSWORD = "correct horse battery staple";
const REVIEWED = messages.answer.reviewedLabel;
const ASKED = {
  answered: "节能降碳改造由哪个部门牵头？",
  offTopic: "今天天气怎么样",
  unanswerable: "每吨熟料能补贴多少钱",
  calculation: "我们厂水泥熟料综合能耗 110 千克标准煤每吨，达到标杆了吗？",
  formula: "=cmd|' /C calc'!A0 节能补贴",
  quoted: '文件里说的"标杆水平"是什么意思',
  markup: "<script>alert(1)</script>节能诊断怎么申请",
};

let built: BuiltApp;
const app = () => built.app;
const storage = () => built.services.storage;
const chat = (message: string) => request(app()).post("/api/chat").send({ message });
const asked: Record<string, { conversationId: string; messageId: string; status: string }> = {};

async function auditActions(): Promise<string[]> {
  return (await storage().listAudit(1000)).map((entry) => entry.action);
}

function cookieFrom(res: request.Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return cookies.find((c) => c.startsWith(`${name}=`));
}

function hiddenCsrf(text: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(text);
  if (!match) throw new Error("no CSRF field on the page");
  return match[1]!;
}

/** A browser-like client: fetches the sign-in form (its cookie and token), then posts it. */
async function signIn(
  username = "zhangsan",
  password = PASSWORD,
  next?: string,
): Promise<{ agent: TestAgent; res: request.Response; csrf: string }> {
  const agent = request.agent(app());
  const form = await agent.get("/admin/sign-in");
  const res = await agent
    .post("/admin/sign-in")
    .type("form")
    .send({ username, password, _csrf: hiddenCsrf(form.text), ...(next ? { next } : {}) });
  const csrf = res.status === 303 ? hiddenCsrf((await agent.get("/admin/curated")).text) : "";
  return { agent, res, csrf };
}

function rowsOf(page: string): string[] {
  return [...page.matchAll(/data-testid="enquiry-row" data-status="([^"]+)"/g)].map((m) => m[1]!);
}

/** RFC 4180, enough for the export: quoted cells with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"' && (quoted || cell === "")) {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

beforeAll(async () => {
  built = await buildApp({ config: { databaseFile: ":memory:" } });
  await createAccount(storage(), "zhangsan", "张三", PASSWORD, "test", "admin");
  await createAccount(storage(), "lisi", "李四", PASSWORD, "test", "admin");
  for (const [key, question] of Object.entries(ASKED)) {
    const res = await chat(question);
    expect(res.status).toBe(200);
    asked[key] = res.body;
  }
  expect(asked.answered!.status).toBe("answered");
  expect(asked.offTopic!.status).toBe("guardrails_off_topic");
  expect(asked.unanswerable!.status).toBe("unanswerable_no_content");
  expect(asked.calculation!.status).toBe("answered");
  await storage().addFeedback({ ...asked.answered!, rating: "up", comment: "说得很清楚，谢谢" });
  await storage().addFeedback({ ...asked.unanswerable!, rating: "down", comment: "没有说补贴标准" });
});

afterAll(async () => {
  await built?.close();
});

describe("when nobody is signed in", () => {
  it.each([
    "/admin",
    "/admin/enquiries",
    "/admin/enquiries.csv",
    `/admin/conversations/c_${"a".repeat(22)}`,
    "/admin/audit",
    "/admin/curated/new",
    "/admin/no-such-page",
  ])("GET %s answers 401 with the sign-in page", async (path) => {
    const res = await request(app()).get(path).set("Accept", "text/html");
    expect(res.status).toBe(401);
    expect(res.type).toBe("text/html");
    expect(res.text).toContain('data-testid="sign-in-form"');
    expect(res.text).toContain("请先登录");
    expect(res.text).not.toContain(ASKED.answered);
  });

  it("answers the console's JSON API with 401 and a JSON error", async () => {
    for (const res of [
      await request(app()).get("/admin/api/enquiries"),
      await request(app()).get(`/admin/api/conversations/${asked.answered!.conversationId}`),
      await request(app()).post("/admin/api/curated").send({ question: "问", answer: "答" }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: "unauthorized:admin", message: "请先登录。" });
    }
  });

  it("refuses a made-up session cookie", async () => {
    const res = await request(app())
      .get("/admin/enquiries")
      .set("Cookie", `${SESSION_COOKIE}=${"x".repeat(43)}`);
    expect(res.status).toBe(401);
  });

  it("comes back, after signing in, to the page that was asked for", async () => {
    const res = await request(app()).get("/admin/enquiries?status=answered");
    expect(res.text).toContain('name="next" value="/admin/enquiries?status=answered"');
    const { res: signedIn } = await signIn("zhangsan", PASSWORD, "/admin/enquiries?status=answered");
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe("/admin/enquiries?status=answered");
  });

  it("serves the stylesheet and script to anyone (the sign-in page needs them), under a strict CSP", async () => {
    const css = await request(app()).get("/admin/static/admin.css");
    expect(css.status).toBe(200);
    expect(css.type).toBe("text/css");
    expect((await request(app()).get("/admin/static/admin.js")).type).toBe("text/javascript");
    const page = await request(app()).get("/admin/sign-in");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.text).not.toMatch(/<script>|<style|style="|onclick=/);
  });
});

describe("signing in", () => {
  it("with the right password: a 303 into the console and an HttpOnly, SameSite=Strict session cookie for /admin, 8 hours", async () => {
    const { agent, res } = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/admin/dashboard");
    const cookie = cookieFrom(res, SESSION_COOKIE)!;
    expect(cookie).toMatch(/^tdf_admin=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/admin");
    expect(cookie).toContain("Max-Age=28800");
    expect(cookie).not.toContain("Secure"); // test mode over plain http
    const page = await agent.get("/admin/enquiries");
    expect(page.status).toBe(200);
    expect(page.text).toContain("已登录：张三");
    expect((await storage().listAudit(1, "changes"))[0]).toMatchObject({
      username: "zhangsan",
      action: "sign_in",
    });
  });

  it("keeps only the token's SHA-256 in the database", async () => {
    const { res } = await signIn();
    const token = /^tdf_admin=([^;]+)/.exec(cookieFrom(res, SESSION_COOKIE)!)![1]!;
    const db = (built.realStorage as SqliteStorage).db;
    expect(db.prepare("SELECT 1 FROM staff_sessions WHERE token_hash = ?").get(token)).toBeUndefined();
    expect(
      db.prepare("SELECT 1 FROM staff_sessions WHERE token_hash = ?").get(hashToken(token)),
    ).toBeDefined();
  });

  it("with a wrong password or an unknown username: 401, the same message, no session, and an audit entry", async () => {
    for (const [username, reason] of [
      ["zhangsan", "wrong_password"],
      ["nobody", "unknown_user"],
    ] as const) {
      const started = performance.now();
      const { res } = await signIn(username, "not the password at all");
      expect(res.status).toBe(401);
      expect(res.text).toContain("用户名或密码不正确。");
      expect(performance.now() - started).toBeGreaterThanOrEqual(250); // the fixed delay
      expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
      const entry = (await storage().listAudit(1))[0]!;
      expect(entry).toMatchObject({ username, action: "sign_in_failed" });
      expect(JSON.parse(entry.detail)).toMatchObject({ reason });
      expect(entry.detail).not.toContain("not the password");
    }
  });

  it("in production mode the cookie is also Secure", async () => {
    const production = await buildApp({ config: { env: "production", databaseFile: ":memory:" } });
    try {
      await createAccount(production.services.storage, "zhangsan", "张三", PASSWORD, "test");
      const agent = request.agent(production.app);
      const form = await agent.get("/admin/sign-in");
      expect(cookieFrom(form, LOGIN_COOKIE)).toContain("Secure");
      const login = /^tdf_admin_login=([^;]+)/.exec(cookieFrom(form, LOGIN_COOKIE)!)![1]!;
      const res = await request(production.app)
        .post("/admin/sign-in")
        .set("Cookie", `${LOGIN_COOKIE}=${login}`)
        .type("form")
        .send({ username: "zhangsan", password: PASSWORD, _csrf: login });
      expect(res.status).toBe(303);
      const cookie = cookieFrom(res, SESSION_COOKIE)!;
      expect(cookie).toContain("Secure");
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Strict");
    } finally {
      await production.close();
    }
  });

  describe("without NODE_ENV=production (npm start does not set it)", () => {
    let development: BuiltApp;
    let allowHttp: BuiltApp;
    beforeAll(async () => {
      development = await buildApp({ config: { env: "development", databaseFile: ":memory:" } });
      allowHttp = await buildApp({
        config: { env: "production", adminAllowHttp: true, databaseFile: ":memory:" },
      });
      for (const app of [development, allowHttp])
        await createAccount(app.services.storage, "zhangsan", "张三", PASSWORD, "test");
    });
    afterAll(async () => {
      await development?.close();
      await allowHttp?.close();
    });

    /** Signs in over plain HTTP with the given headers; returns the session cookie as set. */
    async function sessionCookie(
      target: BuiltApp,
      headers: Record<string, string>,
    ): Promise<{ login: string; session: string }> {
      const form = await request(target.app).get("/admin/sign-in").set(headers);
      const loginCookie = cookieFrom(form, LOGIN_COOKIE)!;
      const login = /^tdf_admin_login=([^;]+)/.exec(loginCookie)![1]!;
      const res = await request(target.app)
        .post("/admin/sign-in")
        .set(headers)
        .set("Cookie", `${LOGIN_COOKIE}=${login}`)
        .type("form")
        .send({ username: "zhangsan", password: PASSWORD, _csrf: login });
      expect(res.status).toBe(303);
      return { login: loginCookie, session: cookieFrom(res, SESSION_COOKIE)! };
    }

    it.each([
      ["reached through a proxy on this machine (X-Forwarded-For)", { "X-Forwarded-For": "203.0.113.7" }],
      ["reached through a proxy that sets X-Forwarded-Proto", { "X-Forwarded-Proto": "https" }],
      ["asked for by its public name", { Host: "jxj.huainan.gov.cn" }],
    ])("the cookies are Secure when the console is %s", async (_case, headers) => {
      const { login, session } = await sessionCookie(development, headers);
      expect(login).toContain("Secure");
      expect(session).toContain("Secure");
    });

    it("a browser on this machine at http://127.0.0.1 gets them without Secure, so local use works", async () => {
      const { session } = await sessionCookie(development, {});
      expect(session).not.toContain("Secure");
    });

    it("ADMIN_ALLOW_HTTP=true drops Secure even in production and through a proxy", async () => {
      const { login, session } = await sessionCookie(allowHttp, {
        "X-Forwarded-For": "203.0.113.7",
        Host: "jxj.huainan.gov.cn",
      });
      expect(login).not.toContain("Secure");
      expect(session).not.toContain("Secure");
      expect(session).toContain("HttpOnly");
    });
  });

  it("needs the sign-in form's own token (no login CSRF): without it, 403", async () => {
    const res = await request(app())
      .post("/admin/sign-in")
      .type("form")
      .send({ username: "zhangsan", password: PASSWORD });
    expect(res.status).toBe(403);
    expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
    const forged = await request(app())
      .post("/admin/sign-in")
      .set("Cookie", `${LOGIN_COOKIE}=${"a".repeat(43)}`)
      .type("form")
      .send({ username: "zhangsan", password: PASSWORD, _csrf: "b".repeat(43) });
    expect(forged.status).toBe(403);
  });

  it("never redirects outside the console", async () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/admin",
      "/admin//evil.example",
      "/admin/../api/chat",
      "/admin/%2e%2e/api",
      "/admin\\@evil.example",
      "/admin/sign-out",
    ]) {
      const { res } = await signIn("zhangsan", PASSWORD, next);
      expect(res.headers.location, next).toBe("/admin/dashboard");
    }
  });

  it("after five failures for one username from one address: 429 with Retry-After, even with the right password", async () => {
    await createAccount(storage(), "wangwu", "王五", PASSWORD, "test");
    for (let i = 0; i < 5; i++) expect((await signIn("wangwu", `wrong password ${i}`)).res.status).toBe(401);
    const { res } = await signIn("wangwu", PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(800);
    expect(res.text).toContain("登录失败次数过多");
    expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
    expect((await storage().listAudit(1))[0]).toMatchObject({
      username: "wangwu",
      action: "sign_in_blocked",
    });
    // Another account from the same address is not locked out by it.
    expect((await signIn("lisi", PASSWORD)).res.status).toBe(303);
  });
});

describe("sign-in budgets beyond one address and username", () => {
  // Small budgets, no fixed delay: 3 attempts per address, 5 per pair, 3 free failures per username from new addresses.
  let limited: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    const services = built.services;
    const outer = express();
    outer.set("trust proxy", false);
    outer.use(
      "/admin",
      adminRouter(
        services,
        new AdminAuth(
          services,
          new SignInLimiter({ perAddress: 3, perAddressAndUsername: 5, strangerFreeFailures: 3 }),
          0,
        ),
      ),
    );
    outer.use(errorHandler(built.services.logger));
    limited = await listen(outer);
    await createAccount(storage(), "sunqi", "孙七", PASSWORD, "test");
  });
  afterAll(async () => {
    await limited?.close();
  });

  /** A browser at the given loopback address (each 127.x.y.z is its own client): the form, then the POST. */
  async function signInFrom(
    localAddress: string,
    username: string,
    password: string,
    form?: { cookie: string; csrf: string },
  ) {
    const login = form ?? (await loginForm(localAddress));
    return send(limited.port, {
      path: "/admin/sign-in",
      localAddress,
      headers: { Cookie: login.cookie },
      body: { username, password, _csrf: login.csrf },
    });
  }
  async function loginForm(localAddress: string) {
    const page = await send(limited.port, { path: "/admin/sign-in", localAddress });
    const cookie = ([] as string[])
      .concat(page.headers["set-cookie"] ?? [])
      .find((c) => c.startsWith(`${LOGIN_COOKIE}=`))!
      .split(";")[0]!;
    return { cookie, csrf: hiddenCsrf(page.text) };
  }
  const lastBlocked = async () =>
    (await storage().listAudit(50)).find((entry) => entry.action === "sign_in_blocked")!;

  it("one address trying many usernames is refused for every username, even with the right password; other addresses are not", async () => {
    for (const username of ["admin", "root", "test"])
      expect((await signInFrom("127.0.0.21", username, "guess")).status).toBe(401);
    const refused = await signInFrom("127.0.0.21", "sunqi", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(800);
    expect(refused.text).toContain("登录失败次数过多");
    expect(JSON.parse((await lastBlocked()).detail)).toMatchObject({ ip: "127.0.0.21", scope: "address" });
    expect((await signInFrom("127.0.0.22", "sunqi", PASSWORD)).status).toBe(303);
  });

  it("one username tried from many addresses makes new addresses wait, but never locks out the person at their usual address", async () => {
    // 孙七 signs in as usual from 127.0.1.200.
    expect((await signInFrom("127.0.1.200", "sunqi", PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i++)
      expect((await signInFrom(`127.0.1.${i + 1}`, "sunqi", `guess ${i}`)).status).toBe(401);
    const refused = await signInFrom("127.0.1.99", "sunqi", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(2);
    expect(refused.text).toMatch(/请 \d+ 秒后再试/);
    expect(JSON.parse((await lastBlocked()).detail)).toMatchObject({ ip: "127.0.1.99", scope: "username" });
    // The real person, from the usual address, gets in at once; other usernames are not held up.
    expect((await signInFrom("127.0.1.200", "sunqi", PASSWORD)).status).toBe(303);
    expect((await signInFrom("127.0.1.99", "zhangsan", PASSWORD)).status).toBe(303);
  });

  it("a burst of parallel attempts from one address gets no more password checks than its budget", async () => {
    const form = await loginForm("127.0.0.41");
    const before = (await storage().listAudit(1000)).filter(
      (entry) => entry.action === "sign_in_failed",
    ).length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInFrom("127.0.0.41", `burst${i}`, "guess", form)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const after = (await storage().listAudit(1000)).filter(
      (entry) => entry.action === "sign_in_failed",
    ).length;
    expect(after - before).toBe(3);
  });
});

describe("sessions", () => {
  it("an expired session gets 401", async () => {
    const user = (await storage().findStaffUser("zhangsan"))!;
    const token = "e".repeat(43);
    await storage().createSession(hashToken(token), user.id, "csrf-token", new Date(Date.now() - 1000));
    const res = await request(app()).get("/admin/enquiries").set("Cookie", `${SESSION_COOKIE}=${token}`);
    expect(res.status).toBe(401);
    expect(
      (await request(app()).get("/admin/api/enquiries").set("Cookie", `${SESSION_COOKIE}=${token}`)).status,
    ).toBe(401);
  });

  it("a disabled account: its open session stops working (401) and signing in is answered exactly like a wrong password", async () => {
    await createAccount(storage(), "zhaoliu", "赵六", PASSWORD, "test");
    const { agent } = await signIn("zhaoliu");
    expect((await agent.get("/admin/enquiries")).status).toBe(200);
    await disableAccount(storage(), "zhaoliu", "test");
    expect((await agent.get("/admin/enquiries")).status).toBe(401);
    let started = performance.now();
    const { res } = await signIn("zhaoliu");
    const disabledMs = performance.now() - started;
    started = performance.now();
    const { res: wrong } = await signIn("zhaoliu", "not the password at all");
    const wrongMs = performance.now() - started;
    expect(res.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(res.text).toContain("用户名或密码不正确。");
    // The same page: only the per-request tokens differ.
    const page = (text: string) => text.replace(/value="[A-Za-z0-9_-]{43}"/g, 'value="TOKEN"');
    expect(page(res.text)).toBe(page(wrong.text));
    expect(res.text).not.toContain("停用");
    // Similar timing: both pay the scrypt check and the failure delay (generous bounds: a busy machine).
    expect(disabledMs).toBeGreaterThan(FAILED_SIGN_IN_DELAY_MS - 20);
    expect(Math.abs(disabledMs - wrongMs)).toBeLessThan(500);
    expect(cookieFrom(res, SESSION_COOKIE)).toBeUndefined();
    expect((await storage().listAudit(2)).map((e) => [e.username, e.action])).toEqual([
      ["zhaoliu", "sign_in_failed"],
      ["zhaoliu", "sign_in_refused_disabled"],
    ]);
  });

  it("signing out deletes the session: the same cookie then gets 401", async () => {
    const { agent, csrf, res } = await signIn("lisi");
    const cookie = /^(tdf_admin=[^;]+)/.exec(cookieFrom(res, SESSION_COOKIE)!)![1]!;
    const out = await agent.post("/admin/sign-out").type("form").send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/admin/sign-in?signed_out=1");
    expect(cookieFrom(out, SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await request(app()).get("/admin/enquiries").set("Cookie", cookie)).status).toBe(401);
    expect((await storage().listAudit(1))[0]).toMatchObject({ username: "lisi", action: "sign_out" });
  });
});

describe("CSRF", () => {
  it("a form POST without the token, or with another session's token, gets 403 and changes nothing", async () => {
    const { agent } = await signIn();
    const { csrf: otherToken } = await signIn("lisi");
    const before = (await storage().listCuratedAnswers()).length;
    const body = { question: "申报节能诊断需要什么材料", answer: "请联系市经信局。", unitIds: "" };
    const missing = await agent.post("/admin/curated").type("form").send(body);
    expect(missing.status).toBe(403);
    expect(missing.text).toContain("安全校验未通过");
    expect(
      (
        await agent
          .post("/admin/curated")
          .type("form")
          .send({ ...body, _csrf: otherToken })
      ).status,
    ).toBe(403);
    expect((await agent.post("/admin/sign-out").type("form").send({})).status).toBe(403);
    expect((await storage().listCuratedAnswers()).length).toBe(before);
    expect((await agent.get("/admin/enquiries")).status).toBe(200); // still signed in
  });

  it("the JSON API needs the X-CSRF-Token header", async () => {
    const { agent, csrf } = await signIn();
    const body = { question: "申报节能诊断需要什么材料", answer: "请联系市经信局。", unitIds: [] };
    const missing = await agent.post("/admin/api/curated").send(body);
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe("forbidden:csrf");
    expect((await agent.post("/admin/api/curated").set("X-CSRF-Token", `${csrf}x`).send(body)).status).toBe(
      403,
    );
    const made = await agent.post("/admin/api/curated").set("X-CSRF-Token", csrf).send(body);
    expect(made.status).toBe(201);
    const id = made.body.id as number;
    const off = await agent.post(`/admin/api/curated/${id}/deactivate`).set("X-CSRF-Token", csrf).send({});
    expect(off.body).toEqual({ id, active: false });
  });
});

describe("the list of enquiries", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    agent = (await signIn()).agent;
  });
  const list = async (query: string) => {
    const res = await agent.get(`/admin/enquiries${query}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  it("shows every enquiry, newest first, with its status in words", async () => {
    const page = await list("");
    expect(rowsOf(page).length).toBe(Object.keys(ASKED).length);
    expect(page.indexOf(ASKED.calculation)).toBeLessThan(page.indexOf(ASKED.answered));
    expect(page).toContain("方案未涉及");
    expect(page).toContain("与主题无关");
  });

  it("filters by status, unanswered, persona and text", async () => {
    expect(rowsOf(await list("?status=guardrails_off_topic"))).toEqual(["guardrails_off_topic"]);
    const unanswered = await list("?unanswered=1");
    expect(unanswered).toContain(ASKED.unanswerable);
    expect(rowsOf(unanswered).every((s) => s.startsWith("unanswerable") || s.startsWith("error"))).toBe(true);
    expect(await list("?persona=sme")).toContain(ASKED.calculation);
    expect(rowsOf(await list("?persona=sme")).length).toBe(1);
    const text = await list(`?q=${encodeURIComponent("熟料")}`);
    expect(rowsOf(text).length).toBe(2);
  });

  it("filters by feedback: up, down, any, none", async () => {
    const up = await list("?feedback=up");
    expect(rowsOf(up).length).toBe(1);
    expect(up).toContain(ASKED.answered);
    expect(up).toContain("说得很清楚，谢谢");
    expect(await list("?feedback=down")).toContain(ASKED.unanswerable);
    expect(rowsOf(await list("?feedback=any")).length).toBe(2);
    expect(rowsOf(await list("?feedback=none")).length).toBe(Object.keys(ASKED).length - 2);
  });

  it("filters by Beijing calendar day", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(rowsOf(await list(`?from=${today}&to=${today}`)).length).toBe(Object.keys(ASKED).length);
    expect(rowsOf(await list(`?to=${yesterday}`)).length).toBe(0);
    expect(await list(`?to=${yesterday}`)).toContain("没有符合条件的咨询。");
  });

  it("keeps the filters in the form, the pager and the CSV link; empty fields are no condition", async () => {
    const page = await list("?status=&persona=&feedback=&q=&unanswered=1");
    expect(page).toContain('name="unanswered" value="1" checked');
    expect(page).toContain('href="/admin/enquiries.csv?unanswered=1"');
  });

  it("pages through 50 at a time", async () => {
    for (let i = 0; i < 55; i++) {
      const messageId = `paging-${i}`;
      await storage().startEnquiry({
        messageId,
        conversationId: `c_paging${String(i).padStart(16, "0")}`,
        question: `分页测试问题 ${i}`,
        redactions: [],
        createdAt: new Date(),
      });
    }
    const first = await list(`?q=${encodeURIComponent("分页测试")}`);
    expect(rowsOf(first).length).toBe(50);
    expect(first).toContain("共 55 条");
    expect(first).toContain(
      `href="/admin/enquiries?q=${encodeURIComponent("分页测试").replace(/%20/g, "+")}&amp;page=2"`,
    );
    const second = await list(`?q=${encodeURIComponent("分页测试")}&page=2`);
    expect(rowsOf(second)).toEqual(Array(5).fill("pending"));
    const api = await agent.get(`/admin/api/enquiries?q=${encodeURIComponent("分页测试")}&page=2`);
    expect(api.body).toMatchObject({ total: 55, page: 2, pageSize: 50 });
    expect(api.body.rows).toHaveLength(5);
  });

  it("refuses a bad filter with 400 and a Chinese message naming the field", async () => {
    const page = await agent.get("/admin/enquiries?status=nonsense&from=2026-13-01");
    expect(page.status).toBe(400);
    expect(page.text).toContain("参数“状态”应为以下之一");
    expect(page.text).toContain("参数“起始日期”应为日期");
    const api = await agent.get("/admin/api/enquiries?feedback=maybe");
    expect(api.status).toBe(400);
    expect(api.body.error.message).toContain("参数“评价”");
    expect(api.body.error.fields).toEqual([expect.objectContaining({ field: "feedback" })]);
  });

  it("shows the questions people typed as text, never as markup", async () => {
    const page = await list(`?q=${encodeURIComponent("节能诊断怎么申请")}`);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;节能诊断怎么申请");
    expect(page).not.toContain("<script>alert(1)</script>");
  });
});

describe("one conversation", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    agent = (await signIn()).agent;
  });

  it("shows the question, the answer as the widget renders it, the citations (breadcrumb, clause and paragraph) and the calculator run as a table; viewing it is audit-logged", async () => {
    const { conversationId, messageId } = asked.calculation!;
    const [detail] = await storage().conversation(conversationId);
    expect(detail!.citations.length).toBeGreaterThan(0);
    expect(detail!.toolRuns.length).toBeGreaterThan(0);
    const res = await agent.get(`/admin/conversations/${conversationId}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`id="${messageId}"`);
    expect(res.text).toContain(ASKED.calculation);
    expect(res.text).toContain('data-testid="citation"');
    for (const cite of detail!.citations) {
      expect(res.text).toContain(cite.passageId.replace(/#(\d+)$/, " 第$1段"));
      expect(res.text).toContain(cite.breadcrumb.split(" › ")[0]!);
    }
    // **依据** is a heading, [1] a link to the first citation, never literal Markdown.
    expect(detail!.answer).toContain("**依据**");
    expect(res.text).not.toContain("**依据**");
    expect(res.text).toContain('<p class="md-h"><strong>依据</strong></p>');
    expect(res.text).toContain(`href="#${messageId}-cite-1"`);
    expect(res.text).toContain(messages.admin.calculator.tools[detail!.toolRuns[0]!.name]!);
    expect(res.text).toContain('data-testid="tool-run"');
    expect(res.text).toContain('data-testid="tool-output"');
    expect(res.text).not.toContain('"unitConsumption"');
    const entry = (await storage().listAudit(1))[0]!;
    expect(entry).toMatchObject({ username: "zhangsan", action: "view_conversation" });
    expect(JSON.parse(entry.detail)).toEqual({ conversationId });
  });

  it("offers to write a reviewed answer for an unanswered question", async () => {
    const res = await agent.get(`/admin/conversations/${asked.unanswerable!.conversationId}`);
    expect(res.text).toContain(`/admin/curated/new?question=${encodeURIComponent(ASKED.unanswerable)}`);
    expect(res.text).toContain("没有说补贴标准");
  });

  it("is also in the JSON API", async () => {
    const res = await agent.get(`/admin/api/conversations/${asked.calculation!.conversationId}`);
    expect(res.status).toBe(200);
    expect(res.body.messages[0]).toMatchObject({ question: ASKED.calculation, status: "answered" });
    expect(res.body.messages[0].toolRuns.length).toBeGreaterThan(0);
  });

  it("404 for a conversation that does not exist, 400 for a malformed id", async () => {
    expect((await agent.get(`/admin/conversations/c_${"z".repeat(22)}`)).status).toBe(404);
    const bad = await agent.get("/admin/conversations/not-an-id");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("格式不正确");
  });
});

describe("CSV export", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    agent = (await signIn()).agent;
  });

  it("is UTF-8 with a BOM, RFC 4180 quoted, a download, and audit-logged with its filter", async () => {
    const res = await agent
      .get("/admin/enquiries.csv?persona=public")
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...messages.admin.csv.columns]);
    const questions = rows.slice(1).map((row) => row[3]);
    expect(questions).toContain(ASKED.quoted);
    expect(text).toContain('"文件里说的""标杆水平""是什么意思"');
    expect(rows.slice(1).every((row) => row.length === rows[0]!.length)).toBe(true);
    const entry = (await storage().listAudit(1))[0]!;
    expect(entry).toMatchObject({ username: "zhangsan", action: "export_csv" });
    expect(JSON.parse(entry.detail)).toMatchObject({ filter: { persona: "public" }, rows: rows.length - 1 });
  });

  it("neutralises a cell that starts with = so a spreadsheet shows it as text", async () => {
    const res = await agent.get(`/admin/enquiries.csv?q=${encodeURIComponent("cmd")}`);
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ""));
    expect(rows).toHaveLength(2);
    expect(rows[1]![3]).toBe(`'${ASKED.formula}`);
    expect(res.text).not.toMatch(/(^|,)=cmd/m);
  });

  it("exports every matching row, not one page", async () => {
    const res = await agent.get(`/admin/enquiries.csv?q=${encodeURIComponent("分页测试")}`);
    expect(parseCsv(res.text.replace(/^\uFEFF/, "")).length - 1).toBe(55);
  });
});

describe("feedback, topics, knowledge gaps and handoffs", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    agent = (await signIn()).agent;
  });

  it("lists feedback with its comments", async () => {
    const res = await agent.get("/admin/feedback");
    expect(res.text).toContain("说得很清楚，谢谢");
    expect(res.text).toContain("没有说补贴标准");
    expect(res.text).toContain("👎 没有帮助");
  });

  it("counts the most cited clauses over 7 or 30 days", async () => {
    const res = await agent.get("/admin/topics?days=30");
    expect(res.status).toBe(200);
    expect((res.text.match(/data-testid="topic"/g) ?? []).length).toBeGreaterThan(0);
    expect(res.text).toContain("最近 30 天");
    expect((await agent.get("/admin/topics?days=9")).status).toBe(400);
  });

  it("lists what the plan could not answer on 待改进 (the old address leads there), each with a link to write a reviewed answer", async () => {
    const moved = await agent.get("/admin/gaps");
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe("/admin/improve?days=7#improve-unanswered");
    const res = await agent.get("/admin/improve");
    expect(res.text).toContain(ASKED.unanswerable);
    expect(res.text).toContain(
      `href="/admin/curated/new?question=${encodeURIComponent(ASKED.unanswerable)}"`,
    );
    const form = await agent.get(`/admin/curated/new?question=${encodeURIComponent(ASKED.unanswerable)}`);
    expect(form.text).toContain(`data-testid="curated-question">${ASKED.unanswerable}</textarea>`);
  });

  it("lists handoff requests with their reference numbers and redacted contacts, linked from their conversation", async () => {
    const handoff = await request(app()).post("/api/handoff").send({
      question: "想咨询节能诊断的申报流程",
      phone: "0554-1234567",
      conversationId: asked.answered!.conversationId,
    });
    expect(handoff.status).toBe(201);
    const res = await agent.get("/admin/handoffs");
    expect(res.text).toContain(handoff.body.reference);
    expect(res.text).toContain("055****4567");
    expect(res.text).not.toContain("05541234567");
    expect((await agent.get(`/admin/conversations/${asked.answered!.conversationId}`)).text).toContain(
      `href="/admin/handoffs/${handoff.body.reference}"`,
    );
  });
});

describe("reviewed (curated) answers", () => {
  let agent: TestAgent;
  let csrf: string;
  const ANSWER =
    "方案未规定每吨熟料的补贴标准。市级专项资金支持重点节能降碳项目，具体以当年申报通知为准，可咨询市经信局节能科。";
  beforeAll(async () => {
    ({ agent, csrf } = await signIn());
  });
  const curatedId = async (question: string) =>
    (await storage().listCuratedAnswers()).find((a) => a.question === question)!.id;

  it("refuses a cited unit that is not in the plan, keeping what was typed", async () => {
    const res = await agent.post("/admin/curated").type("form").send({
      _csrf: csrf,
      question: ASKED.unanswerable,
      answer: ANSWER,
      unitIds: "hn2023:4.2\nhn2023:99.9",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("参数“引用条款”中的条款编号“hn2023:99.9”在方案中不存在");
    expect(res.text).toContain(ANSWER);
    expect((await storage().listCuratedAnswers()).some((a) => a.question === ASKED.unanswerable)).toBe(false);
    const empty = await agent
      .post("/admin/curated")
      .type("form")
      .send({ _csrf: csrf, question: "", answer: "" });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("参数“问题”");
    expect(empty.text).toContain("参数“答复”");
    const unknown = await agent
      .post("/admin/curated")
      .type("form")
      .send({ _csrf: csrf, action: "nonsense", question: ASKED.unanswerable, answer: ANSWER });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("参数“操作”");
  });

  it("预览 shows it as the widget will, with what would stop it being saved, and saves nothing", async () => {
    const before = await storage().listCuratedAnswers();
    const res = await agent.post("/admin/curated").type("form").send({
      _csrf: csrf,
      action: "preview",
      question: ASKED.unanswerable,
      answer: "**依据**\n- 市级专项资金",
      unitIds: "hn2023:4.2\nhn2023:99.9",
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="curated-preview"');
    expect(res.text).toContain('<p class="md-h"><strong>依据</strong></p>');
    expect(res.text).toContain("<li>市级专项资金</li>");
    expect(res.text).toContain(messages.admin.conversation.reviewedLabel);
    expect(res.text).toContain(messages.answer.reviewedLabel);
    expect(res.text).toContain("hn2023:99.9”在方案中不存在");
    expect(await storage().listCuratedAnswers()).toEqual(before);
  });

  it("保存草稿 keeps a draft the assistant does not serve; 发布 serves it at once for the same and a near-identical question, recording who and when", async () => {
    const res = await agent
      .post("/admin/curated")
      .type("form")
      .send({ _csrf: csrf, question: ASKED.unanswerable, answer: ANSWER, unitIds: "hn2023:4.2" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/admin/curated?saved=1");
    const list = await agent.get("/admin/curated?saved=1");
    expect(list.text).toContain(messages.admin.curated.savedDraft);
    expect(list.text).toContain(ASKED.unanswerable);
    expect(list.text).toContain('data-state="draft"');
    expect((await chat(ASKED.unanswerable)).body.status).toBe("unanswerable_no_content");

    const id = await curatedId(ASKED.unanswerable);
    const published = await agent.post(`/admin/curated/${id}/publish`).type("form").send({ _csrf: csrf });
    expect(published.status).toBe(303);
    expect(published.headers.location).toBe("/admin/curated?published=1");
    const stored = (await storage().listCuratedAnswers()).find((a) => a.id === id)!;
    expect(stored.published).toMatchObject({ question: ASKED.unanswerable, answer: ANSWER, by: "zhangsan" });
    expect(Date.now() - Date.parse(stored.published!.at)).toBeLessThan(60_000);
    expect((await agent.get("/admin/curated")).text).toContain("张三于 ");

    for (const question of [ASKED.unanswerable, "请问，每吨熟料能补贴多少钱呢？", "熟料每吨可以补贴多少钱"]) {
      const reply = await chat(question);
      expect(reply.body.status, question).toBe("answered_reviewed");
      expect(reply.body.answer).toContain(ANSWER);
      expect(reply.body.answer).toContain(REVIEWED);
      expect(reply.body.citations[0].unitId).toBe("hn2023:4.2");
    }
    // 钱 is not 电: the same words asked of electricity are not this question.
    expect((await chat("每吨熟料能省多少电")).body.status).not.toBe("answered_reviewed");
    const other = await chat(ASKED.answered);
    expect(other.body.status).toBe("answered");
    expect(other.body.answer).not.toContain(REVIEWED);
  });

  it("the audit log records the text written and published, shown as the widget shows it", async () => {
    const id = await curatedId(ASKED.unanswerable);
    const entries = await storage().listAudit(50, "changes");
    const created = entries.find((e) => e.action === "curated_create" && JSON.parse(e.detail).id === id)!;
    const published = entries.find((e) => e.action === "curated_publish" && JSON.parse(e.detail).id === id)!;
    for (const entry of [created, published])
      expect(JSON.parse(entry.detail)).toMatchObject({
        question: ASKED.unanswerable,
        answer: ANSWER,
        unitIds: ["hn2023:4.2"],
      });
    const page = await agent.get("/admin/audit?kind=changes");
    expect(page.text).toContain(messages.admin.audit.actions.curated_publish!);
    expect(page.text).toContain(ANSWER);
  });

  it("refuses a second answer for the same question", async () => {
    const res = await agent
      .post("/admin/curated")
      .type("form")
      .send({ _csrf: csrf, question: "每吨熟料能补贴多少钱？", answer: "另一个答复" });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/与已有的审核答复 #\d+ 的问题相同或几乎相同/);
  });

  it("accepts answers for questions that differ only in a year or a negation, and serves each its own", async () => {
    const questions = [
      "到2025年节能诊断覆盖多少家企业",
      "到2030年节能诊断覆盖多少家企业",
      "可以申请节能诊断补贴吗",
      "不可以申请节能诊断补贴吗",
    ];
    for (const [i, question] of questions.entries()) {
      const res = await agent
        .post("/admin/curated")
        .type("form")
        .send({ _csrf: csrf, action: "publish", question, answer: `审核答复第${i + 1}号` });
      expect(res.status, question).toBe(303);
      expect(res.headers.location).toBe("/admin/curated?published=1");
    }
    for (const [i, question] of questions.entries()) {
      const reply = await chat(`请问，${question}？`);
      expect(reply.body.status, question).toBe("answered_reviewed");
      expect(reply.body.answer, question).toContain(`审核答复第${i + 1}号`);
    }
    for (const question of questions) {
      await setCuratedActive(built.services, await curatedId(question), false, "test");
    }
  });

  it("待改进 then says the question has a reviewed answer", async () => {
    const id = await curatedId(ASKED.unanswerable);
    expect((await agent.get("/admin/improve")).text).toContain(`已有审核答复 #${id}`);
  });

  it("an edit is a draft: the published version is served until the edit is published", async () => {
    const id = await curatedId(ASKED.unanswerable);
    const form = await agent.get(`/admin/curated/${id}/edit`);
    expect(form.text).toContain(ANSWER);
    const edited = {
      _csrf: csrf,
      question: ASKED.unanswerable,
      answer: "更新后的答复：请关注市经信局发布的年度申报通知。",
      unitIds: "hn2023:4.2",
    };
    const res = await agent.post(`/admin/curated/${id}`).type("form").send(edited);
    expect(res.status).toBe(303);
    expect((await chat(ASKED.unanswerable)).body.answer).toContain(ANSWER);
    const changed = await agent.get(`/admin/curated/${id}/edit`);
    expect(changed.text).toContain('data-state="changed"');
    expect(changed.text).toContain(messages.admin.curated.liveVersion);
    const republished = await agent
      .post(`/admin/curated/${id}`)
      .type("form")
      .send({ ...edited, action: "publish" });
    expect(republished.headers.location).toBe("/admin/curated?published=1");
    expect((await chat(ASKED.unanswerable)).body.answer).toContain("更新后的答复");
  });

  it("deactivated, it is no longer served", async () => {
    const id = await curatedId(ASKED.unanswerable);
    const res = await agent.post(`/admin/curated/${id}/deactivate`).type("form").send({ _csrf: csrf });
    expect(res.status).toBe(303);
    const reply = await chat(ASKED.unanswerable);
    expect(reply.body.status).toBe("unanswerable_no_content");
    expect(reply.body.answer).not.toContain(REVIEWED);
    expect((await agent.get("/admin/curated")).text).toContain(`data-id="${id}" data-active="false"`);
  });

  it("shows staff-written Markdown as text in the console", async () => {
    const made = await agent.post("/admin/api/curated").set("X-CSRF-Token", csrf).send({
      question: "清洁生产审核由谁组织",
      answer: '<img src=x onerror="alert(1)"> **请联系**',
      unitIds: [],
    });
    expect(made.status).toBe(201);
    const page = (await agent.get("/admin/curated")).text;
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(page).not.toContain("<img src=x");
  });

  it("404 for an answer that does not exist", async () => {
    expect((await agent.get("/admin/curated/99999/edit")).status).toBe(404);
    expect(
      (await agent.post("/admin/curated/99999/deactivate").type("form").send({ _csrf: csrf })).status,
    ).toBe(404);
  });
});

describe("every view of staff data is audit-logged, with what was asked for", () => {
  let agent: TestAgent;
  beforeAll(async () => {
    ({ agent } = await signIn("lisi"));
  });
  const lastView = async () => {
    const [entry] = await storage().listAudit(1, "views");
    return { ...entry!, detail: JSON.parse(entry!.detail) as Record<string, unknown> };
  };

  it.each([
    [
      "/admin/enquiries?status=answered&q=%E8%8A%82%E8%83%BD&from=&page=1",
      "view_enquiries",
      { filter: { status: "answered", q: "节能" }, page: 1 },
    ],
    [
      "/admin/enquiries?unanswered=1&feedback=down&persona=sme",
      "view_enquiries",
      { filter: { unanswered: true, feedback: "down", persona: "sme" } },
    ],
    [
      "/admin/api/enquiries?q=%E8%A1%A5%E8%B4%B4&page=2",
      "view_enquiries",
      { filter: { q: "补贴" }, page: 2, via: "api" },
    ],
    ["/admin/feedback", "view_feedback", {}],
    ["/admin/topics?days=30", "view_topics", { days: 30 }],
    ["/admin/improve", "view_improve", { days: 7 }],
    ["/admin/dashboard", "view_dashboard", { days: 30 }],
    ["/admin/handoffs", "view_handoffs", {}],
    ["/admin/audit?kind=changes", "view_audit", { kind: "changes" }],
    ["/admin/curated", "view_curated", {}],
    ["/admin/api/curated", "view_curated", { via: "api" }],
    ["/admin/curated/new", "view_curated", { form: "new" }],
  ])("GET %s → %s", async (path, action, detail) => {
    const res = await agent.get(path);
    expect(res.status).toBe(200);
    expect(await lastView()).toMatchObject({ username: "lisi", action, detail });
  });

  it("records the total a search found, and a search of another page as such", async () => {
    const res = await agent.get(`/admin/api/enquiries?q=${encodeURIComponent("补贴")}`);
    expect((await lastView()).detail).toMatchObject({
      filter: { q: "补贴" },
      page: 1,
      total: res.body.total,
    });
  });

  it("records a search for personal data redacted, like a question", async () => {
    await agent.get(`/admin/api/enquiries?q=${encodeURIComponent("13812345678")}`);
    const view = await lastView();
    expect(JSON.stringify(view.detail)).not.toContain("13812345678");
    expect(view.detail).toMatchObject({ filter: { q: "[手机号已隐去]" } });
  });

  it("records opening a reviewed answer to edit it, and a conversation through the API", async () => {
    const made = await agent
      .post("/admin/api/curated")
      .set("X-CSRF-Token", hiddenCsrf((await agent.get("/admin/curated")).text))
      .send({ question: "合同能源管理有什么支持", answer: "请咨询市经信局。", unitIds: [] });
    expect((await agent.get(`/admin/curated/${made.body.id}/edit`)).status).toBe(200);
    expect(await lastView()).toMatchObject({ action: "view_curated", detail: { id: made.body.id } });
    await agent.get(`/admin/api/conversations/${asked.answered!.conversationId}`);
    expect(await lastView()).toMatchObject({
      action: "view_conversation",
      detail: { conversationId: asked.answered!.conversationId },
    });
  });

  it("does not record a request refused for a bad filter: nothing was shown", async () => {
    const before = (await storage().listAudit(1000, "views")).length;
    expect((await agent.get("/admin/enquiries?status=nonsense")).status).toBe(400);
    expect((await storage().listAudit(1000, "views")).length).toBe(before);
  });

  it("the audit page shows all, only changes or only views", async () => {
    const views = await agent.get("/admin/audit?kind=views");
    const actions = (text: string) =>
      [...text.matchAll(/data-testid="audit-entry" data-action="([^"]+)"/g)].map((m) => m[1]!);
    expect(actions(views.text).length).toBeGreaterThan(0);
    expect(actions(views.text).every((a) => a.startsWith("view_"))).toBe(true);
    const changes = await agent.get("/admin/audit?kind=changes");
    expect(actions(changes.text)).toContain("sign_in");
    expect(actions(changes.text).some((a) => a.startsWith("view_"))).toBe(false);
    expect(views.text).toContain("查看咨询记录（含筛选与搜索）");
    expect((await agent.get("/admin/audit?kind=other")).status).toBe(400);
  });
});

describe("when the audit log cannot be written", () => {
  it("shows no staff data: a view that is not on record is not served", async () => {
    const failing = await buildApp({
      config: { databaseFile: ":memory:" },
      storage: (real) =>
        storageWith(real, {
          audit: async (username, action, detail) => {
            if (action.startsWith("view_")) throw new Error("SQLITE_FULL: database or disk is full");
            return real.audit(username, action, detail);
          },
        }),
    });
    try {
      await createAccount(failing.services.storage, "zhangsan", "张三", PASSWORD, "test");
      await request(failing.app).post("/api/chat").send({ message: ASKED.answered });
      const agent = request.agent(failing.app);
      const form = await agent.get("/admin/sign-in");
      expect(
        (
          await agent
            .post("/admin/sign-in")
            .type("form")
            .send({ username: "zhangsan", password: PASSWORD, _csrf: hiddenCsrf(form.text) })
        ).status,
      ).toBe(303);
      for (const path of ["/admin/enquiries", "/admin/api/enquiries"]) {
        const res = await agent.get(path);
        expect(res.status, path).toBe(500);
        expect(res.text).not.toContain(ASKED.answered);
      }
    } finally {
      await failing.close();
    }
  });
});

describe("the audit log", () => {
  it("has every kind of staff action, and the audit page lists them", async () => {
    const actions = new Set(await auditActions());
    for (const action of [
      "sign_in",
      "sign_in_failed",
      "sign_in_blocked",
      "sign_in_refused_disabled",
      "sign_out",
      "view_conversation",
      "export_csv",
      "curated_create",
      "curated_edit",
      "curated_deactivate",
      "account_create",
      "account_disable",
    ]) {
      expect(actions, action).toContain(action);
    }
    const { agent } = await signIn();
    const page = await agent.get("/admin/audit");
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-action="curated_deactivate"');
    expect(page.text).toContain("停用审核答复");
    expect(page.text).toContain('data-action="export_csv"');
  });
});
