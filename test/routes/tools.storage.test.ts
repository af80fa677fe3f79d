import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../server/admin/accounts.js";
import { benchmarkGapTool } from "../../server/calculators/registry.js";
import { toOpenAiTools } from "../../server/pipeline/llm/tools.js";
import { SPOOL_FILE } from "../../server/storage/spool.js";
import type { Storage } from "../../server/storage/types.js";
import { buildApp, storageWith, type BuiltApp } from "../support/appWith.js";

const PASSWORD = "correct horse battery staple";
const GAP = { product: "熟料", unitConsumption: 110 };
const UNKNOWN_CONVERSATION = `c_${"Z".repeat(22)}`;

let built: BuiltApp;
beforeAll(async () => {
  built = await buildApp();
  await createAccount(built.services.storage, "zhangsan", "张三", PASSWORD, "test");
});
afterAll(async () => {
  await built?.close();
});

const calculate = (body: object) => request(built.app).post("/api/tools/benchmark-gap").send(body);
const startConversation = async () =>
  (await request(built.app).post("/api/chat").send({ message: "钢铁行业2025年的目标是什么" })).body as {
    conversationId: string;
    messageId: string;
  };

async function staff() {
  const agent = request.agent(built.app);
  const form = await agent.get("/admin/sign-in");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
  expect(
    (
      await agent
        .post("/admin/sign-in")
        .type("form")
        .send({ username: "zhangsan", password: PASSWORD, _csrf: csrf })
    ).status,
  ).toBe(303);
  return agent;
}

describe("POST /api/tools/benchmark-gap with the widget's conversationId", () => {
  it("answers as without it, plus the stored run's id to rate it by, and stores the run with the conversation", async () => {
    const { conversationId } = await startConversation();
    const plain = await calculate(GAP);
    expect(plain.body).not.toHaveProperty("runId");
    const res = await calculate({ ...GAP, conversationId });
    expect(res.status).toBe(200);
    const { runId, ...answer } = res.body as { runId: string };
    expect({ ...answer, asOf: null }).toEqual({ ...plain.body, asOf: null });
    const runs = await built.services.storage.formToolRuns(conversationId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.id).toBe(runId);
    expect(runs[0]).toMatchObject({
      name: "benchmark_gap",
      input: { product: "熟料", unitConsumption: 110 },
      error: null,
    });
    expect(runs[0]!.input).not.toHaveProperty("conversationId");
    expect(runs[0]!.output).toMatchObject({ gapToBenchmark: 10, status: "between_benchmark_and_baseline" });
  });

  it("shows the run in the console's conversation, after the question asked before it, and in its JSON", async () => {
    const { conversationId } = await startConversation();
    await calculate({ ...GAP, conversationId });
    const agent = await staff();
    const page = await agent.get(`/admin/conversations/${conversationId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="form-tool-run" data-tool="benchmark_gap"');
    expect(page.text).toContain("算一算（表单计算）");
    expect(page.text.indexOf('data-testid="message"')).toBeLessThan(
      page.text.indexOf('data-testid="form-tool-run"'),
    );
    const api = await agent.get(`/admin/api/conversations/${conversationId}`);
    expect(api.body.formToolRuns).toEqual([expect.objectContaining({ name: "benchmark_gap", input: GAP })]);
  });

  it("stores a calculation the calculator refused, with the message the person saw", async () => {
    const { conversationId } = await startConversation();
    const res = await calculate({ product: "平板玻璃", unitConsumption: 10, conversationId });
    expect(res.status).toBe(400);
    const [run] = await built.services.storage.formToolRuns(conversationId);
    expect(run).toMatchObject({ name: "benchmark_gap", error: res.body.error.message });
  });

  it("answers for a conversation it does not hold (or no longer), storing nothing and making no conversation", async () => {
    const res = await calculate({ ...GAP, conversationId: UNKNOWN_CONVERSATION });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("runId");
    expect(await built.services.storage.conversationExists(UNKNOWN_CONVERSATION)).toBe(false);
    expect(await built.services.storage.formToolRuns(UNKNOWN_CONVERSATION)).toEqual([]);
  });

  it("refuses a malformed conversationId with a 400 naming it", async () => {
    const res = await calculate({ ...GAP, conversationId: "../../etc" });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: "conversationId" })]);
  });

  it("stores nothing without a conversationId", async () => {
    const db = (built.realStorage as unknown as { db: { prepare(sql: string): { get(): { n: number } } } })
      .db;
    const before = db.prepare("SELECT COUNT(*) AS n FROM conversation_tool_runs").get().n;
    expect((await calculate(GAP)).status).toBe(200);
    expect(db.prepare("SELECT COUNT(*) AS n FROM conversation_tool_runs").get().n).toBe(before);
  });

  it("does not offer conversationId to the LLM: the calculator's schema is unchanged", () => {
    expect(JSON.stringify(toOpenAiTools([benchmarkGapTool]))).not.toContain("conversationId");
  });
});

describe("a calculation made before any question (the widget asks POST /api/conversations first)", () => {
  const newConversation = async () =>
    ((await request(built.app).post("/api/conversations").send({})).body as { conversationId: string })
      .conversationId;

  it("is stored in that conversation, which then holds no question", async () => {
    const conversationId = await newConversation();
    const res = await calculate({ ...GAP, conversationId });
    expect(res.status).toBe(200);
    expect(await built.services.storage.formToolRuns(conversationId)).toEqual([
      expect.objectContaining({ id: res.body.runId, name: "benchmark_gap", input: GAP }),
    ]);
    expect(await built.services.storage.conversation(conversationId)).toEqual([]);
  });

  it("is listed in the console's 算一算记录 with its outcome, linked to its conversation, which shows it", async () => {
    const conversationId = await newConversation();
    const { runId } = (await calculate({ ...GAP, conversationId })).body as { runId: string };
    const agent = await staff();
    const list = await agent.get("/admin/calculations");
    expect(list.status).toBe(200);
    expect(list.text).toContain('data-testid="nav-calculations"');
    const row = new RegExp(`<tr data-testid="form-run-row" data-run-id="${runId}">[\\s\\S]*?</tr>`).exec(
      list.text,
    )?.[0];
    expect(row).toContain("水泥熟料：介于标杆水平与基准水平之间");
    expect(row).toContain(`href="/admin/conversations/${conversationId}#run-${runId}"`);
    const page = await agent.get(`/admin/conversations/${conversationId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`id="run-${runId}" data-testid="form-tool-run"`);
    const audit = await built.services.storage.listAudit(5, "views");
    expect(audit.map((entry) => entry.action)).toContain("view_calculations");
  });

  it("is rated with POST /api/feedback by its runId, the rating shown in the console beside it", async () => {
    const conversationId = await newConversation();
    const { runId } = (await calculate({ ...GAP, conversationId })).body as { runId: string };
    const rated = await request(built.app).post("/api/feedback").send({
      conversationId,
      messageId: runId,
      rating: "down",
      comment: "年产量没有算进去，电话13912345678",
    });
    expect(rated.status).toBe(201);
    expect((await built.services.storage.formToolRuns(conversationId))[0]).toMatchObject({
      rating: "down",
      feedbackComment: "年产量没有算进去，电话[手机号已隐去]",
    });
    const agent = await staff();
    const page = await agent.get(`/admin/conversations/${conversationId}`);
    expect(page.text).toContain("👎 没有帮助");
    expect(page.text).toContain("年产量没有算进去");
    const feedback = await agent.get("/admin/feedback");
    expect(feedback.text).toContain("对算一算结果的评价");
    expect(feedback.text).toContain(`data-run-id="${runId}"`);
  });

  it("cannot be rated from another conversation", async () => {
    const conversationId = await newConversation();
    const { runId } = (await calculate({ ...GAP, conversationId })).body as { runId: string };
    const res = await request(built.app)
      .post("/api/feedback")
      .send({ conversationId: await newConversation(), messageId: runId, rating: "up" });
    expect(res.status).toBe(404);
    expect((await built.services.storage.formToolRuns(conversationId))[0]!.rating).toBeNull();
  });
});

describe("when the database refuses a form calculation", () => {
  it("still answers, spools the run and writes it in at the next start", async () => {
    const first = await buildApp({
      storage: (real: Storage) =>
        storageWith(real, {
          addFormToolRun: async () => {
            throw new Error("SQLITE_FULL: database or disk is full");
          },
        }),
    });
    const { conversationId } = (
      await request(first.app).post("/api/chat").send({ message: "钢铁行业2025年的目标是什么" })
    ).body as { conversationId: string };
    const res = await request(first.app)
      .post("/api/tools/benchmark-gap")
      .send({ ...GAP, conversationId });
    expect(res.status).toBe(200);
    expect(first.logs.some((l) => l.msg === "form calculation could not be stored")).toBe(true);
    expect(fs.readFileSync(path.join(first.dataDir, SPOOL_FILE), "utf8")).toContain('"kind":"form_tool_run"');
    await first.close({ keepData: true });

    const second = await buildApp({ dataDir: first.dataDir });
    try {
      expect(await second.services.storage.formToolRuns(conversationId)).toEqual([
        expect.objectContaining({ name: "benchmark_gap", input: GAP }),
      ]);
    } finally {
      await second.close();
    }
  });
});

describe("personal data typed into a calculator's fields", () => {
  const PHONE = "13812345678";
  const withPhone = { product: `熟料 联系人电话${PHONE}`, unitConsumption: 110 };

  it("is redacted in the stored run, its input, output and error alike, like a question", async () => {
    const { conversationId } = await startConversation();
    await calculate({ ...withPhone, conversationId });
    await calculate({ product: `钛白粉 ${PHONE}`, unitConsumption: 110, conversationId });
    const runs = await built.services.storage.formToolRuns(conversationId);
    expect(runs).toHaveLength(2);
    expect(runs.some((run) => run.error)).toBe(true);
    expect(JSON.stringify(runs)).not.toContain(PHONE);
    expect(JSON.stringify(runs[0]!.input)).toContain("[手机号已隐去]");
  });

  it("is redacted in the spool when the database refuses the run", async () => {
    const refusing = await buildApp({
      storage: (real: Storage) =>
        storageWith(real, {
          addFormToolRun: async () => {
            throw new Error("SQLITE_FULL: database or disk is full");
          },
        }),
    });
    try {
      const { conversationId } = (
        await request(refusing.app)
          .post("/api/chat")
          .send({ message: `我的手机${PHONE}，钢铁行业目标是什么` })
      ).body as { conversationId: string };
      await request(refusing.app)
        .post("/api/tools/benchmark-gap")
        .send({ ...withPhone, conversationId });
      const spool = fs.readFileSync(path.join(refusing.dataDir, SPOOL_FILE), "utf8");
      expect(spool).toContain('"kind":"form_tool_run"');
      expect(spool).not.toContain(PHONE);
    } finally {
      await refusing.close();
    }
  });

  it("is shown redacted in the console, for runs stored before redaction too", async () => {
    const { conversationId } = await startConversation();
    await (built.realStorage as unknown as { db: import("better-sqlite3").Database }).db
      .prepare(
        "INSERT INTO conversation_tool_runs (id, conversation_id, created_at, name, input, output, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        "old-run",
        conversationId,
        new Date().toISOString(),
        "benchmark_gap",
        JSON.stringify(withPhone),
        "null",
        `没有找到“${withPhone.product}”`,
      );
    const agent = await staff();
    const page = await agent.get(`/admin/conversations/${conversationId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("[手机号已隐去]");
    expect(page.text).not.toContain(PHONE);
    const api = await agent.get(`/admin/api/conversations/${conversationId}`);
    expect(api.text).not.toContain(PHONE);
  });
});
