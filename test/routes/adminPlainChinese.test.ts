import request from "supertest";
import type TestAgent from "supertest/lib/agent.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPROVEMENT_KINDS } from "../../server/admin/improvements.js";
import { messages } from "../../server/messages.js";
import type { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { buildApp, type BuiltApp } from "../support/appWith.js";
import { SEED_ADMIN, SEED_PASSWORD, SEED_STAFF, seedConsole, type Seeded } from "../support/consoleSeed.js";
import { internalCodes, visibleText } from "../support/plainChinese.js";
import { signInAs } from "../support/staffAgent.js";

/**
 * Issue 12: "a console page contains no English internal code". Every console page, for an admin and
 * for a member of staff, rendered over a month of real enquiries (test/support/consoleSeed.ts), and
 * its visible text scanned for statuses, intents, personas, calculator names and fields, JSON keys,
 * snake_case and camelCase, and Markdown shown as typed.
 */
let built: BuiltApp;
let seeded: Seeded;
let admin: { agent: TestAgent; csrf: string };
let staff: { agent: TestAgent; csrf: string };

beforeAll(async () => {
  built = await buildApp({ config: { databaseFile: ":memory:" } });
  seeded = await seedConsole(built.services, async (path, body) => {
    const res = await request(built.app).post(path).send(body);
    return { status: res.status, body: res.body as Record<string, unknown> };
  });
  admin = await signInAs(built.app, SEED_ADMIN.username, SEED_PASSWORD);
  staff = await signInAs(built.app, SEED_STAFF.username, SEED_PASSWORD);
  // The desk's steps, so that the request's page shows its record.
  const ref = seeded.handoffReference;
  const step = (path: string, body: object = {}) =>
    admin.agent
      .post(`/admin/handoffs/${ref}/${path}`)
      .type("form")
      .send({ _csrf: admin.csrf, ...body });
  await step("assign");
  await step("reply", { reply: "您好，工业节能诊断服务免费，请关注市经信局网站三月的申报通知。" });
}, 120_000);

afterAll(async () => {
  await built?.close();
});

async function everyPage(): Promise<string[]> {
  const db = (built.services.storage as unknown as SqliteStorage).db;
  const conversations = (db.prepare("SELECT id FROM conversations").all() as Array<{ id: string }>).map(
    (row) => `/admin/conversations/${row.id}`,
  );
  const curated = (await built.services.storage.listCuratedAnswers()).map(
    (a) => `/admin/curated/${a.id}/edit`,
  );
  return [
    "/admin/dashboard",
    "/admin/dashboard?days=7",
    "/admin/enquiries",
    "/admin/enquiries?status=unanswerable_no_content&persona=sme&feedback=down&unanswered=1&q=%E8%8A%82%E8%83%BD",
    "/admin/enquiries?page=2",
    "/admin/improve",
    "/admin/improve?days=30",
    "/admin/topics",
    "/admin/topics?days=30",
    "/admin/handoffs",
    `/admin/handoffs/${seeded.handoffReference}`,
    "/admin/feedback",
    "/admin/calculations",
    "/admin/curated",
    "/admin/curated/new?question=%E8%8A%82%E8%83%BD%E8%AF%8A%E6%96%AD%E6%80%8E%E4%B9%88%E6%94%B6%E8%B4%B9",
    ...curated,
    "/admin/audit",
    "/admin/audit?kind=changes",
    "/admin/audit?kind=views",
    ...conversations,
  ];
}

describe("every console page speaks plain Chinese", () => {
  it("has seeded a month of enquiries with something on every page", async () => {
    expect(await built.services.storage.countMessages()).toBeGreaterThan(50);
  });

  it.each([
    ["an admin", () => admin],
    ["a member of staff", () => staff],
  ])(
    "for %s: no status, intent, persona, calculator field, JSON key or Markdown in any page's visible text",
    async (_who, as) => {
      const pages = await everyPage();
      expect(pages.length).toBeGreaterThan(30);
      const found: Record<string, string[]> = {};
      for (const path of pages) {
        const res = await as().agent.get(path);
        expect(res.status, path).toBe(200);
        const codes = internalCodes(res.text);
        if (codes.length) found[path] = codes;
      }
      expect(found).toEqual({});
    },
  );

  it("and so do the accounts page, a preview, a refused form, the sign-in page and an error page", async () => {
    const pages = [
      await admin.agent.get("/admin/accounts"),
      await admin.agent.post("/admin/curated").type("form").send({
        _csrf: admin.csrf,
        action: "preview",
        question: "光伏发电有补贴吗",
        answer: "**依据**\n- 方案第四部分[1]",
        unitIds: "hn2023:4.2",
      }),
      await admin.agent
        .post("/admin/curated")
        .type("form")
        .send({ _csrf: admin.csrf, question: "", answer: "" }),
      await request(built.app).get("/admin/sign-in"),
      await admin.agent.get("/admin/no-such-page"),
      await admin.agent.get("/admin/conversations/not-an-id"),
    ];
    expect(pages.map((res) => res.status)).toEqual([200, 200, 400, 200, 404, 400]);
    for (const [i, res] of pages.entries()) expect(internalCodes(res.text), `page ${i + 1}`).toEqual([]);
  });

  it("shows every status, intent and persona the pipeline stores by its Chinese label", async () => {
    const db = (built.services.storage as unknown as SqliteStorage).db;
    const stored = db.prepare("SELECT DISTINCT status, intent, persona FROM messages").all() as Array<
      Record<string, string>
    >;
    const text = visibleText((await admin.agent.get("/admin/enquiries?page=1")).text);
    for (const row of stored) {
      expect(messages.admin.statuses[row.status!], row.status).toBeDefined();
      expect(messages.admin.intents[row.intent!], row.intent).toBeDefined();
      expect(messages.admin.personas[row.persona!], row.persona).toBeDefined();
    }
    expect(text).toContain(messages.admin.intents.calculation);
    expect(text).toContain(messages.admin.personas.sme);
  });
});

describe("概览 (the dashboard)", () => {
  it("lands there after signing in, with the period's tiles and four charts as images with a summary and their data", async () => {
    const { res } = await signInAs(built.app, SEED_STAFF.username, SEED_PASSWORD);
    expect(res.headers.location).toBe("/admin/dashboard");
    const page = (await staff.agent.get("/admin/dashboard")).text;
    for (const tile of ["enquiries", "answered", "ratings", "pending"])
      expect(page).toContain(`data-testid="tile-${tile}"`);
    expect(page).toContain(messages.admin.dashboard.pendingLine(1));
    expect((page.match(/<svg class="chart-svg"[^>]*role="img" aria-labelledby=/g) ?? []).length).toBe(4);
    expect((page.match(/<details class="chart-data">/g) ?? []).length).toBe(4);
    expect((page.match(/<rect class="bar-a"/g) ?? []).length).toBeGreaterThan(10);
  });
});

describe("待改进", () => {
  it("brings together all five kinds of what went nowhere", async () => {
    const page = (await staff.agent.get("/admin/improve")).text;
    for (const kind of IMPROVEMENT_KINDS) {
      const count = Number(
        new RegExp(`data-testid="improve-count-${kind}" data-count="(\\d+)"`).exec(page)?.[1],
      );
      expect(count, kind).toBeGreaterThan(0);
    }
    expect(page).toContain("30台电机一共1500千瓦，换成一级能效能省多少电");
    expect(page).toContain("帮我写一首关于节能降碳的诗");
    expect(page).toContain(`/admin/handoffs/${seeded.handoffReference}`);
    expect(page).toContain("电费算少了");
    expect(page).not.toContain("今天天气怎么样");
    expect(page).not.toContain("怎么伪造能耗数据");
  });
});

describe("热门问题", () => {
  it("groups wordings of one question with a count, a trend and a line of daily counts", async () => {
    const page = (await staff.agent.get("/admin/topics?days=30")).text;
    const rows = [...page.matchAll(/<tr data-testid="question-group">([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(5);
    const diagnosis = rows.find(
      (row) => row.includes(">节能诊断有补贴吗<") || row.includes(">节能诊断有没有补贴<"),
    )!;
    expect(diagnosis).toBeDefined();
    expect(diagnosis).toContain(messages.admin.topics.wordings(1));
    expect(diagnosis).toMatch(/data-trend="(up|down|flat|new)"/);
    expect(diagnosis).toContain('<svg class="spark"');
    expect(page).toContain('data-testid="topic"');
  });
});
