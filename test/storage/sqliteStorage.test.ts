import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Citation, ToolRun, Turn } from "../../server/conversation/records.js";
import { openStorage } from "../../server/services.js";
import { MIGRATIONS } from "../../server/storage/migrations.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import type { EnquiryResult, FormToolRun, HandoffStatus } from "../../server/storage/types.js";
import { root } from "../support/services.js";

const DAY = 86_400_000;
const CONV = "c_AAAAAAAAAAAAAAAAAAAAAA";
const OTHER_CONV = "c_BBBBBBBBBBBBBBBBBBBBBB";

let dir: string;
let file: string;
const opened: SqliteStorage[] = [];

/** Opens (and remembers, so afterEach closes it) a storage on the test's database file. */
const open = (at = file) => {
  const storage = SqliteStorage.open(at);
  opened.push(storage);
  return storage;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-test-"));
  file = path.join(dir, "nested", "assistant.sqlite");
});

afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const citation = (unitId: string, n = 1): Citation => ({
  id: `${unitId}#${n}`,
  unitId,
  breadcrumb: `一、总体要求 › ${unitId}`,
  quote: "到2025年……下降15%",
});

function result(over: Partial<EnquiryResult> & { question?: string } = {}): EnquiryResult {
  const status = (over.status ?? "answered") as Turn["status"];
  const citations = over.citations ?? [];
  const answer = over.answer ?? "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";
  const turn: Turn = {
    messageId: "filled-in",
    question: over.question ?? "规上工业单位增加值能耗到2025年要降多少",
    resolvedQuestion: over.resolvedQuestion ?? over.question ?? "规上工业单位增加值能耗到2025年要降多少",
    intent: "plan_fact",
    status,
    citations,
    calculatorRequest: null,
    answer,
  };
  return {
    resolvedQuestion: turn.resolvedQuestion,
    intent: "plan_fact",
    persona: "public",
    answer,
    status,
    mode: "offline",
    reviewedAnswerId: null,
    citations,
    toolRuns: [],
    notes: [],
    timings: { checkInput: 0.1, compose: 2.5 },
    durationMs: 12.4,
    turn,
    ...over,
  };
}

interface Seed {
  conversationId?: string;
  question: string;
  at: Date;
  /** Omit to leave the enquiry pending (never answered). */
  finish?: Partial<EnquiryResult>;
}

/** Stores an enquiry as the chat route does: started before the answer, finished after it. */
async function seed(
  storage: SqliteStorage,
  { conversationId = CONV, question, at, finish }: Seed,
): Promise<string> {
  const messageId = randomUUID();
  await storage.startEnquiry({ messageId, conversationId, question, redactions: [], createdAt: at });
  if (finish) {
    const r = result({ question, ...finish });
    await storage.finishEnquiry(messageId, { ...r, turn: { ...r.turn, messageId } });
  }
  return messageId;
}

const count = (storage: SqliteStorage, table: string, where = "1 = 1", ...args: unknown[]) =>
  (storage.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;

describe("SqliteStorage", () => {
  describe("opening a database", () => {
    it("creates the file (and its folder), runs every migration and records it in user_version", () => {
      const storage = open();
      expect(fs.existsSync(file)).toBe(true);
      expect(MIGRATIONS.length).toBeGreaterThan(0);
      expect(storage.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      const tables = (
        storage.db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
          .all() as Array<{ name: string }>
      ).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          "audit_log",
          "citations",
          "conversations",
          "curated_answers",
          "feedback",
          "handoffs",
          "messages",
          "staff_sessions",
          "staff_users",
          "tool_runs",
          "conversation_tool_runs",
          "readiness_probe",
        ]),
      );
    });

    it("numbers the migrations in one order: the desk's columns (4), the readiness probe (5), ratings of form calculations (6), reviewed answers' drafts and publishing (7)", () => {
      expect(MIGRATIONS).toHaveLength(7);
      expect(MIGRATIONS[6]).toContain("ADD COLUMN published_question");
      expect(MIGRATIONS[3]).toContain("ADD COLUMN contact_kind");
      expect(MIGRATIONS[4]).toContain("CREATE TABLE readiness_probe");
      expect(MIGRATIONS[5]).toContain("conversation_tool_runs ADD COLUMN rating");
    });

    it("does not run the migrations again when re-opened, and keeps what was stored", async () => {
      const first = open();
      const messageId = await seed(first, { question: "钢铁行业2025年的目标是什么", at: new Date() });
      await first.close();
      // A migration run twice would fail on CREATE TABLE, or wipe the data.
      const again = open();
      expect(again.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      expect((await again.conversation(CONV)).map((m) => m.messageId)).toEqual([messageId]);
    });

    it("runs the migrations from user_version on: a database marked migrated is not migrated again", () => {
      const marked = path.join(dir, "marked.sqlite");
      const raw = new Database(marked);
      raw.pragma(`user_version = ${MIGRATIONS.length}`);
      raw.close();
      const storage = open(marked);
      // Nothing ran, so no table exists: proof the counter, not the schema, decides.
      expect(
        storage.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get(),
      ).toEqual({ n: 0 });
    });

    it("uses WAL journaling, with foreign keys enforced", async () => {
      const storage = open();
      expect(storage.db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(storage.db.pragma("foreign_keys", { simple: true })).toBe(1);
      await seed(storage, { question: "节能", at: new Date() });
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
    });
  });

  describe("an enquiry", () => {
    it("is stored pending when it arrives, with the redacted question and its redactions", async () => {
      const storage = open();
      const messageId = randomUUID();
      const at = new Date("2026-03-01T08:00:00.000Z");
      await storage.startEnquiry({
        messageId,
        conversationId: CONV,
        question: "我的电话[手机号已隐去]，问节能补贴",
        redactions: ["mobile"],
        createdAt: at,
      });
      expect(await storage.conversationExists(CONV)).toBe(true);
      const row = storage.db.prepare("SELECT * FROM messages WHERE id = ?").get(messageId) as Record<
        string,
        unknown
      >;
      expect(row).toMatchObject({
        conversation_id: CONV,
        created_at: at.toISOString(),
        question: "我的电话[手机号已隐去]，问节能补贴",
        status: "pending",
        redactions: '["mobile"]',
        answer: null,
        answered_at: null,
      });
    });

    it("is finished with its answer, status, mode, timings, citations (in order) and tool runs", async () => {
      const storage = open();
      const toolRuns: ToolRun[] = [
        {
          name: "benchmark_gap",
          input: { product: "cement-clinker", unitConsumption: 110 },
          output: { gapToBenchmark: 10 },
        },
        { name: "convert_to_standard_coal", input: { fuel: "原煤" }, output: null, error: "请给出用量。" },
      ];
      const citations = [citation("hn2023:3.2.target", 1), citation("hn2023:1.3", 2)];
      const messageId = await seed(storage, {
        question: "水泥熟料能耗110达标吗",
        at: new Date(),
        finish: {
          status: "answered",
          mode: "llm",
          persona: "sme",
          intent: "calculation",
          citations,
          toolRuns,
          notes: ["llm_first_token_ms:120"],
          reviewedAnswerId: 7,
          durationMs: 341.6,
        },
      });
      const [detail] = await storage.conversation(CONV);
      expect(detail).toMatchObject({
        messageId,
        conversationId: CONV,
        question: "水泥熟料能耗110达标吗",
        resolvedQuestion: "水泥熟料能耗110达标吗",
        status: "answered",
        mode: "llm",
        persona: "sme",
        intent: "calculation",
        durationMs: 342,
        notes: ["llm_first_token_ms:120"],
        rating: null,
      });
      expect(detail!.answer).toContain("下降15%");
      expect(detail!.citations).toEqual([
        {
          passageId: "hn2023:3.2.target#1",
          unitId: "hn2023:3.2.target",
          breadcrumb: "一、总体要求 › hn2023:3.2.target",
        },
        { passageId: "hn2023:1.3#2", unitId: "hn2023:1.3", breadcrumb: "一、总体要求 › hn2023:1.3" },
      ]);
      expect(detail!.toolRuns).toEqual([
        {
          name: "benchmark_gap",
          input: { product: "cement-clinker", unitConsumption: 110 },
          output: { gapToBenchmark: 10 },
          error: null,
        },
        { name: "convert_to_standard_coal", input: { fuel: "原煤" }, output: null, error: "请给出用量。" },
      ]);
      const raw = storage.db
        .prepare("SELECT answered_at, reviewed_answer_id, timings FROM messages WHERE id = ?")
        .get(messageId) as Record<string, unknown>;
      expect(raw.answered_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(raw.reviewed_answer_id).toBe(7);
      expect(JSON.parse(String(raw.timings))).toEqual({ checkInput: 0.1, compose: 2.5 });
      expect(await storage.countMessages()).toBe(1);
    });

    it("is stored once however often its writes are made (a spooled write replayed twice)", async () => {
      const storage = open();
      const messageId = randomUUID();
      const start = {
        messageId,
        conversationId: CONV,
        question: "节能",
        redactions: [],
        createdAt: new Date(),
      };
      const finished = result({
        citations: [citation("hn2023:1.3"), citation("hn2023:2.1")],
        toolRuns: [{ name: "benchmark_gap", input: { product: "水泥熟料" }, output: { gap: 10 } }],
      });
      await storage.startEnquiry(start);
      await storage.finishEnquiry(messageId, finished);
      await storage.startEnquiry(start);
      await storage.finishEnquiry(messageId, finished);
      expect(await storage.countMessages()).toBe(1);
      const [row] = await storage.conversation(CONV);
      expect(row).toMatchObject({ status: "answered", answer: finished.answer });
      expect(row!.citations).toHaveLength(2);
      expect(row!.toolRuns).toHaveLength(1);
    });

    it("finishing an enquiry it does not hold (purged meanwhile) changes nothing and does not fail", async () => {
      const storage = open();
      await storage.finishEnquiry(randomUUID(), result({ citations: [citation("hn2023:1.3")] }));
      expect(await storage.countMessages()).toBe(0);
      expect(count(storage, "citations")).toBe(0);
    });
  });

  describe("history", () => {
    it("returns the last answered turns of the conversation, oldest first", async () => {
      const storage = open();
      const base = Date.parse("2026-03-01T08:00:00.000Z");
      const questions = ["第一问", "第二问", "第三问", "第四问"];
      for (const [i, question] of questions.entries())
        await seed(storage, { question, at: new Date(base + i * 1000), finish: {} });
      await seed(storage, {
        conversationId: OTHER_CONV,
        question: "别的会话",
        at: new Date(base + 10_000),
        finish: {},
      });
      await seed(storage, { question: "还没答完", at: new Date(base + 20_000) });
      const turns = await storage.history(CONV, 3);
      expect(turns.map((t) => t.question)).toEqual(["第二问", "第三问", "第四问"]);
      expect(turns[0]).toMatchObject({ status: "answered", intent: "plan_fact", calculatorRequest: null });
      expect((await storage.history(CONV, 10)).map((t) => t.question)).toEqual(questions);
      expect(await storage.history("c_CCCCCCCCCCCCCCCCCCCCCC", 3)).toEqual([]);
    });

    it("keeps the arrival order of turns stored in the same millisecond", async () => {
      const storage = open();
      const at = new Date("2026-03-01T08:00:00.000Z");
      for (const question of ["甲", "乙", "丙"]) await seed(storage, { question, at, finish: {} });
      expect((await storage.history(CONV, 2)).map((t) => t.question)).toEqual(["乙", "丙"]);
    });
  });

  describe("a crash between request and answer", () => {
    const config = () => ({ databaseFile: file, retentionDays: 180 });
    const capture = (into: Array<Record<string, unknown>>) =>
      pino(
        new Writable({
          write: (chunk, _e, done) => (
            into.push(JSON.parse(String(chunk)) as Record<string, unknown>),
            done()
          ),
        }),
      );

    it("leaves the enquiry on record, marked error_interrupted at the next start", async () => {
      const before = SqliteStorage.open(file);
      const answered = await seed(before, {
        question: "钢铁行业2025年的目标是什么",
        at: new Date(Date.now() - 2000),
        finish: {},
      });
      const messageId = await seed(before, { question: "那水泥呢？", at: new Date(Date.now() - 1000) });
      // The process dies here: the answer is never finished, the database is not closed by the service.
      before.db.close();

      const logs: Array<Record<string, unknown>> = [];
      const after = (await openStorage(config(), capture(logs))) as SqliteStorage;
      opened.push(after);
      const stored = await after.conversation(CONV);
      expect(stored.map((m) => [m.messageId, m.question, m.status])).toEqual([
        [answered, "钢铁行业2025年的目标是什么", "answered"],
        [messageId, "那水泥呢？", "error_interrupted"],
      ]);
      expect(logs).toContainEqual(expect.objectContaining({ level: 40, interrupted: 1 }));
      expect(
        (await after.listEnquiries({ unanswered: true, limit: 10, offset: 0 })).rows.map((r) => r.messageId),
      ).toEqual([messageId]);
    });

    it("survives the process being killed outright (SIGKILL, nothing flushed or closed)", async () => {
      const messageId = randomUUID();
      const script = `
        import { SqliteStorage } from "./server/storage/sqliteStorage.ts";
        const storage = SqliteStorage.open(${JSON.stringify(file)});
        await storage.startEnquiry({ messageId: ${JSON.stringify(messageId)}, conversationId: ${JSON.stringify(CONV)}, question: "被打断的问题", redactions: [], createdAt: new Date() });
        process.kill(process.pid, "SIGKILL");
      `;
      const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: root,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(child.signal).toBe("SIGKILL");
      // The enquiry is only in the write-ahead log: the kill came before any checkpoint.
      expect(fs.existsSync(`${file}-wal`)).toBe(true);

      const after = (await openStorage(config(), pino({ level: "silent" }))) as SqliteStorage;
      opened.push(after);
      expect((await after.conversation(CONV)).map((m) => [m.messageId, m.question, m.status])).toEqual([
        [messageId, "被打断的问题", "error_interrupted"],
      ]);
    });
  });

  describe("failUnfinished", () => {
    it("marks only pending enquiries older than the cut-off, and leaves finished ones alone", async () => {
      const storage = open();
      const now = Date.now();
      const finished = await seed(storage, {
        question: "答完的",
        at: new Date(now - 60_000),
        finish: { status: "unanswerable_no_content" },
      });
      const stale = await seed(storage, { question: "没答完的", at: new Date(now - 30_000) });
      const inFlight = await seed(storage, { question: "正在答的", at: new Date(now + 1000) });
      expect(await storage.failUnfinished("error_interrupted", new Date(now))).toBe(1);
      const statuses = Object.fromEntries(
        (await storage.conversation(CONV)).map((m) => [m.messageId, m.status]),
      );
      expect(statuses).toEqual({
        [finished]: "unanswerable_no_content",
        [stale]: "error_interrupted",
        [inFlight]: "pending",
      });
      const [answer] = (await storage.conversation(CONV)).filter((m) => m.messageId === finished);
      expect(answer!.answer).toContain("15%");
      expect(await storage.failUnfinished("error_interrupted", new Date(now))).toBe(0);
    });
  });

  describe("listEnquiries", () => {
    let storage: SqliteStorage;
    const ids: Record<string, string> = {};
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 2));

    beforeEach(async () => {
      storage = open();
      ids.steel = await seed(storage, {
        conversationId: "c_1111111111111111111111",
        question: "钢铁行业目标",
        at: day(1),
        finish: { status: "answered", persona: "public" },
      });
      ids.cement = await seed(storage, {
        conversationId: "c_1111111111111111111111",
        question: "那水泥呢",
        at: day(2),
        finish: { status: "answered", persona: "sme" },
      });
      ids.subsidy = await seed(storage, {
        conversationId: "c_2222222222222222222222",
        question: "补贴多少钱",
        at: day(3),
        finish: { status: "unanswerable_no_content", persona: "sme" },
      });
      ids.joke = await seed(storage, {
        conversationId: "c_2222222222222222222222",
        question: "讲个笑话",
        at: day(4),
        finish: { status: "guardrails_off_topic", persona: "public" },
      });
      ids.retrofit = await seed(storage, {
        conversationId: "c_3333333333333333333333",
        question: "节能改造怎么申报",
        at: day(5),
        finish: { status: "error_llm_timeout", persona: "provider" },
      });
      ids.motor = await seed(storage, {
        conversationId: "c_3333333333333333333333",
        question: "电机能效 100%_达标",
        at: day(6),
      });
      await storage.addFeedback({
        conversationId: "c_1111111111111111111111",
        messageId: ids.steel,
        rating: "up",
      });
      await storage.addFeedback({
        conversationId: "c_1111111111111111111111",
        messageId: ids.cement,
        rating: "down",
        comment: "没说清楚熟料",
      });
    });

    const list = async (filter: Record<string, unknown>) => {
      const { rows, total } = await storage.listEnquiries({ limit: 50, offset: 0, ...filter });
      const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      return { names: rows.map((r) => names[r.messageId]), total, rows };
    };

    it("lists everything newest first with the row's fields and its feedback", async () => {
      const { names, total, rows } = await list({});
      expect(names).toEqual(["motor", "retrofit", "joke", "subsidy", "cement", "steel"]);
      expect(total).toBe(6);
      expect(rows.find((r) => r.messageId === ids.cement)).toEqual({
        messageId: ids.cement,
        conversationId: "c_1111111111111111111111",
        createdAt: day(2).toISOString(),
        question: "那水泥呢",
        status: "answered",
        intent: "plan_fact",
        persona: "sme",
        mode: "offline",
        durationMs: 12,
        rating: "down",
        feedbackComment: "没说清楚熟料",
      });
      expect(rows.find((r) => r.messageId === ids.motor)).toMatchObject({
        status: "pending",
        persona: null,
        rating: null,
        durationMs: null,
      });
    });

    it.each([
      [
        "a date range (from inclusive, to exclusive)",
        { from: day(2).toISOString(), to: day(4).toISOString() },
        ["subsidy", "cement"],
      ],
      ["a date range given as days", { from: "2026-03-05", to: "2026-03-07" }, ["motor", "retrofit"]],
      ["a status", { status: "answered" }, ["cement", "steel"]],
      ["a persona", { persona: "sme" }, ["subsidy", "cement"]],
      ["feedback up", { feedback: "up" }, ["steel"]],
      ["feedback down", { feedback: "down" }, ["cement"]],
      ["any feedback", { feedback: "any" }, ["cement", "steel"]],
      ["no feedback", { feedback: "none" }, ["motor", "retrofit", "joke", "subsidy"]],
      [
        "unanswered (no content, errors, still pending; not refusals)",
        { unanswered: true },
        ["motor", "retrofit", "subsidy"],
      ],
      ["text in the question", { text: "水泥" }, ["cement"]],
      ["text with LIKE wildcards, taken literally", { text: "100%_达标" }, ["motor"]],
      ["a lone wildcard, which matches only itself", { text: "%" }, ["motor"]],
      ["an underscore, which matches only itself", { text: "能_" }, []],
      ["several filters at once", { persona: "sme", unanswered: true }, ["subsidy"]],
      ["a filter nothing matches", { status: "guardrails_injection" }, []],
    ])("filters by %s", async (_case, filter, expected) => {
      const { names, total } = await list(filter);
      expect(names).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it("pages with limit and offset, the total counting every match", async () => {
      expect(await list({ limit: 2, offset: 0 })).toMatchObject({ names: ["motor", "retrofit"], total: 6 });
      expect(await list({ limit: 2, offset: 2 })).toMatchObject({ names: ["joke", "subsidy"], total: 6 });
      expect(await list({ limit: 2, offset: 6 })).toMatchObject({ names: [], total: 6 });
      expect(await list({ limit: 1, offset: 1, feedback: "none" })).toMatchObject({
        names: ["retrofit"],
        total: 4,
      });
    });
  });

  describe("conversation()", () => {
    it("gives every enquiry of one conversation in order, with answer, feedback, citations and tool runs", async () => {
      const storage = open();
      const first = await seed(storage, {
        question: "钢铁行业目标",
        at: new Date(Date.now() - 2000),
        finish: { citations: [citation("hn2023:3.1.target")] },
      });
      const second = await seed(storage, {
        question: "吨熟料110千克标准煤达标吗",
        at: new Date(Date.now() - 1000),
        finish: {
          intent: "calculation",
          toolRuns: [
            { name: "benchmark_gap", input: { unitConsumption: 110 }, output: { gapToBenchmark: 10 } },
          ],
        },
      });
      await seed(storage, { conversationId: OTHER_CONV, question: "别人的问题", at: new Date(), finish: {} });
      await storage.addFeedback({ conversationId: CONV, messageId: first, rating: "up", comment: "清楚" });
      const detail = await storage.conversation(CONV);
      expect(detail.map((m) => m.messageId)).toEqual([first, second]);
      expect(detail[0]).toMatchObject({
        rating: "up",
        feedbackComment: "清楚",
        citations: [{ unitId: "hn2023:3.1.target" }],
        toolRuns: [],
      });
      expect(detail[1]).toMatchObject({
        intent: "calculation",
        citations: [],
        toolRuns: [{ name: "benchmark_gap", output: { gapToBenchmark: 10 }, error: null }],
      });
      expect(await storage.conversation("c_ZZZZZZZZZZZZZZZZZZZZZZ")).toEqual([]);
    });
  });

  describe("form calculations (the widget's 算一算)", () => {
    const run = (over: Partial<FormToolRun> = {}): FormToolRun => ({
      id: randomUUID(),
      conversationId: CONV,
      createdAt: new Date(),
      name: "benchmark_gap",
      input: { product: "熟料", unitConsumption: 110 },
      output: { gapToBenchmark: 10 },
      ...over,
    });

    it("are stored with their conversation, in order, refusals with their message", async () => {
      const storage = open();
      await seed(storage, {
        question: "水泥熟料的标杆值是多少",
        at: new Date(Date.now() - 60_000),
        finish: {},
      });
      expect(await storage.addFormToolRun(run({ createdAt: new Date(Date.now() - 2000) }))).toBe("stored");
      expect(
        await storage.addFormToolRun(
          run({ input: { product: "平板玻璃" }, output: { closest: [] }, error: "没有找到“平板玻璃”。" }),
        ),
      ).toBe("stored");
      const runs = await storage.formToolRuns(CONV);
      expect(runs.map((r) => [r.name, r.input, r.output, r.error])).toEqual([
        ["benchmark_gap", { product: "熟料", unitConsumption: 110 }, { gapToBenchmark: 10 }, null],
        ["benchmark_gap", { product: "平板玻璃" }, { closest: [] }, "没有找到“平板玻璃”。"],
      ]);
      expect(runs[0]!.createdAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(await storage.formToolRuns(OTHER_CONV)).toEqual([]);
    });

    it("are refused for a conversation it does not hold, which is not made up", async () => {
      const storage = open();
      expect(await storage.addFormToolRun(run({ conversationId: OTHER_CONV }))).toBe("unknown_conversation");
      expect(await storage.conversationExists(OTHER_CONV)).toBe(false);
    });

    it("are stored once however often the same run is written (a spooled write replayed)", async () => {
      const storage = open();
      await seed(storage, { question: "节能", at: new Date(), finish: {} });
      const same = run();
      await storage.addFormToolRun(same);
      await storage.addFormToolRun(same);
      expect(await storage.formToolRuns(CONV)).toHaveLength(1);
    });

    it("keep their conversation from being purged, and are purged themselves past retention", async () => {
      const storage = open();
      const now = Date.now();
      await seed(storage, { question: "旧问题", at: new Date(now - 200 * DAY), finish: {} });
      await storage.addFormToolRun(run({ createdAt: new Date(now - 190 * DAY) }));
      await storage.addFormToolRun(run({ createdAt: new Date(now - DAY) }));
      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect(await storage.conversationExists(CONV)).toBe(true);
      expect((await storage.formToolRuns(CONV)).map((r) => r.createdAt.slice(0, 10))).toEqual([
        new Date(now - DAY).toISOString().slice(0, 10),
      ]);
      await storage.purgeBefore(new Date(now));
      expect(await storage.conversationExists(CONV)).toBe(false);
      expect(await storage.formToolRuns(CONV)).toEqual([]);
    });

    it("are stored in a conversation made before any question (POST /api/conversations)", async () => {
      const storage = open();
      await storage.createConversation(CONV, new Date());
      expect(await storage.addFormToolRun(run())).toBe("stored");
      expect(await storage.formToolRuns(CONV)).toEqual([
        expect.objectContaining({ name: "benchmark_gap", rating: null, feedbackComment: null }),
      ]);
    });

    it("take 👍/👎 by their id like an answer: a second rating replaces the first, keeping its comment", async () => {
      const storage = open();
      await storage.createConversation(CONV, new Date());
      const rated = run();
      await storage.addFormToolRun(rated);
      const ids = { conversationId: CONV, messageId: rated.id };
      expect(await storage.addFeedback({ ...ids, rating: "down", comment: "没有算年节能量" })).toBe("stored");
      expect(await storage.addFeedback({ ...ids, rating: "up" })).toBe("stored");
      expect(await storage.formToolRuns(CONV)).toEqual([
        expect.objectContaining({ id: rated.id, rating: "up", feedbackComment: "没有算年节能量" }),
      ]);
      // Kept on the run, not among the answers' ratings.
      expect(count(storage, "feedback")).toBe(0);
    });

    it("refuse a rating from another conversation, or of a run it does not hold", async () => {
      const storage = open();
      await storage.createConversation(CONV, new Date());
      await storage.createConversation(OTHER_CONV, new Date());
      const rated = run();
      await storage.addFormToolRun(rated);
      expect(
        await storage.addFeedback({ conversationId: OTHER_CONV, messageId: rated.id, rating: "up" }),
      ).toBe("unknown_message");
      expect(await storage.addFeedback({ conversationId: CONV, messageId: randomUUID(), rating: "up" })).toBe(
        "unknown_message",
      );
      expect((await storage.formToolRuns(CONV))[0]!.rating).toBeNull();
    });

    it("are listed across conversations newest first, or only the rated ones, latest rating first", async () => {
      const storage = open();
      const now = Date.now();
      await storage.createConversation(CONV, new Date(now - 60_000));
      await storage.createConversation(OTHER_CONV, new Date(now - 60_000));
      const older = run({ createdAt: new Date(now - 30_000) });
      const newer = run({ conversationId: OTHER_CONV, createdAt: new Date(now - 10_000) });
      await storage.addFormToolRun(older);
      await storage.addFormToolRun(newer);
      expect((await storage.listFormToolRuns(10)).map((r) => [r.id, r.conversationId])).toEqual([
        [newer.id, OTHER_CONV],
        [older.id, CONV],
      ]);
      expect(await storage.listFormToolRuns(1)).toHaveLength(1);
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([]);
      await storage.addFeedback({ conversationId: CONV, messageId: older.id, rating: "down" });
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([
        expect.objectContaining({ id: older.id, conversationId: CONV, rating: "down" }),
      ]);
    });

    it("lose their rating with them when purged", async () => {
      const storage = open();
      const now = Date.now();
      await storage.createConversation(CONV, new Date(now - 200 * DAY));
      const old = run({ createdAt: new Date(now - 190 * DAY) });
      await storage.addFormToolRun(old);
      await storage.addFeedback({ conversationId: CONV, messageId: old.id, rating: "up", comment: "好" });
      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect(await storage.listFormToolRuns(10, { rated: true })).toEqual([]);
      expect(count(storage, "conversation_tool_runs")).toBe(0);
    });
  });

  describe("feedback", () => {
    it("answers unknown_message for a message it does not hold, or one from another conversation", async () => {
      const storage = open();
      const messageId = await seed(storage, { question: "节能", at: new Date(), finish: {} });
      expect(await storage.addFeedback({ conversationId: CONV, messageId: randomUUID(), rating: "up" })).toBe(
        "unknown_message",
      );
      expect(await storage.addFeedback({ conversationId: OTHER_CONV, messageId, rating: "up" })).toBe(
        "unknown_message",
      );
      expect(count(storage, "feedback")).toBe(0);
    });

    it("stores a rating, and a second rating of the same answer replaces the first, keeping its comment", async () => {
      const storage = open();
      const messageId = await seed(storage, { question: "节能", at: new Date(), finish: {} });
      expect(
        await storage.addFeedback({ conversationId: CONV, messageId, rating: "up", comment: "有用" }),
      ).toBe("stored");
      expect(await storage.addFeedback({ conversationId: CONV, messageId, rating: "down" })).toBe("stored");
      expect(count(storage, "feedback")).toBe(1);
      expect((await storage.listFeedback(10))[0]).toMatchObject({
        messageId,
        rating: "down",
        feedbackComment: "有用",
      });
      // A new comment does replace the old one.
      await storage.addFeedback({
        conversationId: CONV,
        messageId,
        rating: "down",
        comment: "没有说清楚补贴标准",
      });
      expect((await storage.listFeedback(10))[0]).toMatchObject({
        rating: "down",
        feedbackComment: "没有说清楚补贴标准",
      });
    });
  });

  describe("handoffs", () => {
    it("returns a unique reference RG-YYYYMMDD-XXXXXX dated by Beijing's calendar, in letters hard to misread", async () => {
      const storage = open();
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
      const storage = open();
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
      const storage = open();
      const at = (iso: string, question: string) => {
        storage.db.prepare("UPDATE handoffs SET created_at = ? WHERE question = ?").run(iso, question);
      };
      const add = async (question: string, iso: string, status?: HandoffStatus) => {
        const { reference } = await storage.addHandoff({ question });
        at(iso, question);
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
      const storage = open();
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
      const storage = open();
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
      const storage = open();
      storage.db
        .prepare(
          "INSERT INTO handoffs (reference, question, contact, created_at, status) VALUES (?, ?, ?, ?, 'done')",
        )
        .run("RG-20250101-ABCDEF", "旧的请求", "王先生 0554-1234567", "2025-01-01T00:00:00.000Z");
      expect(await storage.findHandoff("RG-20250101-ABCDEF")).toMatchObject({
        contact: "王先生 0554-1234567",
        status: "done",
      });
      expect((await storage.findHandoff("RG-20250101-ABCDEF"))!.contactKind).toBeUndefined();
    });
  });

  describe("the desk's migration", () => {
    it("adds columns to a database of the previous version without losing a row, and makes its accounts admins", () => {
      const old = path.join(dir, "old.sqlite");
      const raw = new Database(old);
      for (const [i, sql] of MIGRATIONS.slice(0, 3).entries()) {
        raw.exec(sql);
        raw.pragma(`user_version = ${i + 1}`);
      }
      raw
        .prepare("INSERT INTO handoffs (reference, question, contact, created_at) VALUES (?, ?, ?, ?)")
        .run("RG-20250101-ABCDEF", "旧的请求", "王先生", "2025-01-01T00:00:00.000Z");
      raw
        .prepare(
          "INSERT INTO staff_users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)",
        )
        .run("zhang", "张", "h", "2025-01-01T00:00:00.000Z");
      raw.close();
      const storage = open(old);
      expect(storage.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      expect(storage.db.prepare("SELECT reference, question, contact, status FROM handoffs").all()).toEqual([
        { reference: "RG-20250101-ABCDEF", question: "旧的请求", contact: "王先生", status: "open" },
      ]);
      expect(storage.db.prepare("SELECT username, role FROM staff_users").all()).toEqual([
        { username: "zhang", role: "admin" },
      ]);
    });
  });

  describe("the readiness probe's migration", () => {
    it("adds its table to a database of the desk's version, keeping the desk's rows and roles", async () => {
      const old = path.join(dir, "desk.sqlite");
      const raw = new Database(old);
      for (const [i, sql] of MIGRATIONS.slice(0, 4).entries()) {
        raw.exec(sql);
        raw.pragma(`user_version = ${i + 1}`);
      }
      raw
        .prepare(
          "INSERT INTO handoffs (reference, question, contact, contact_kind, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .run("RG-20250101-ABCDEF", "旧的请求", "13812345678", "phone", "2025-01-01T00:00:00.000Z");
      raw
        .prepare(
          "INSERT INTO staff_users (username, display_name, password_hash, created_at, role) VALUES (?, ?, ?, ?, ?)",
        )
        .run("li", "李", "h", "2025-01-01T00:00:00.000Z", "staff");
      raw.close();
      const storage = open(old);
      expect(storage.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      expect(storage.db.prepare("SELECT reference, contact_kind FROM handoffs").all()).toEqual([
        { reference: "RG-20250101-ABCDEF", contact_kind: "phone" },
      ]);
      expect(storage.db.prepare("SELECT username, role FROM staff_users").all()).toEqual([
        { username: "li", role: "staff" },
      ]);
      expect(
        storage.db.prepare("SELECT name FROM sqlite_master WHERE name = 'readiness_probe'").get(),
      ).toEqual({ name: "readiness_probe" });
    });
  });

  describe("the migration of form calculations' ratings", () => {
    it("adds the rating to the runs of a database of the readiness probe's version, which keep everything else", async () => {
      const old = path.join(dir, "probe.sqlite");
      const raw = new Database(old);
      for (const [i, sql] of MIGRATIONS.slice(0, 5).entries()) {
        raw.exec(sql);
        raw.pragma(`user_version = ${i + 1}`);
      }
      const at = "2025-01-01T00:00:00.000Z";
      raw.prepare("INSERT INTO conversations (id, created_at, last_at) VALUES (?, ?, ?)").run(CONV, at, at);
      raw
        .prepare(
          "INSERT INTO conversation_tool_runs (id, conversation_id, created_at, name, input, output) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run("old-run", CONV, at, "benchmark_gap", '{"product":"熟料"}', '{"gapToBenchmark":10}');
      raw.close();
      const storage = open(old);
      expect(storage.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      expect(await storage.formToolRuns(CONV)).toEqual([
        {
          id: "old-run",
          createdAt: at,
          name: "benchmark_gap",
          input: { product: "熟料" },
          output: { gapToBenchmark: 10 },
          error: null,
          rating: null,
          feedbackComment: null,
        },
      ]);
      expect(await storage.addFeedback({ conversationId: CONV, messageId: "old-run", rating: "up" })).toBe(
        "stored",
      );
    });
  });

  describe("topTopics", () => {
    it("count each cited unit once per enquiry since the date, most cited first", async () => {
      const storage = open();
      const now = Date.now();
      await seed(storage, {
        question: "甲",
        at: new Date(now - 10 * DAY),
        finish: {
          citations: [
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
            citation("hn2023:3.2"),
          ],
        },
      });
      await seed(storage, {
        question: "乙",
        at: new Date(now - 1000),
        finish: { citations: [citation("hn2023:1.3", 1), citation("hn2023:1.3", 2), citation("hn2023:2.1")] },
      });
      await seed(storage, {
        question: "丙",
        at: new Date(now - 500),
        finish: { citations: [citation("hn2023:1.3")] },
      });
      await seed(storage, {
        question: "丁",
        at: new Date(now - 100),
        finish: { citations: [citation("hn2023:3.2")] },
      });
      const since = new Date(now - DAY);
      expect(await storage.topTopics(since, 10)).toEqual([
        { unitId: "hn2023:1.3", breadcrumb: "一、总体要求 › hn2023:1.3", count: 2 },
        { unitId: "hn2023:2.1", breadcrumb: "一、总体要求 › hn2023:2.1", count: 1 },
        { unitId: "hn2023:3.2", breadcrumb: "一、总体要求 › hn2023:3.2", count: 1 },
      ]);
      expect((await storage.topTopics(since, 1)).map((t) => t.unitId)).toEqual(["hn2023:1.3"]);
      // Over thirty days 甲 counts too: a tie, broken by unit id.
      expect((await storage.topTopics(new Date(now - 30 * DAY), 10)).map((t) => [t.unitId, t.count])).toEqual(
        [
          ["hn2023:1.3", 2],
          ["hn2023:3.2", 2],
          ["hn2023:2.1", 1],
        ],
      );
    });
  });

  describe("the console's reports", () => {
    it("activityByDay counts enquiries (not greetings), the answered ones, ratings and handoffs per Beijing day", async () => {
      const storage = open();
      // 2026-03-01 23:30 and 2026-03-02 00:30 Beijing time: two days, though one UTC day.
      const late = new Date("2026-03-01T15:30:00.000Z");
      const early = new Date("2026-03-01T16:30:00.000Z");
      const answered = await seed(storage, { question: "甲", at: late, finish: { status: "answered" } });
      await seed(storage, { question: "你好", at: late, finish: { status: "answered_help" } });
      const refused = await seed(storage, {
        conversationId: OTHER_CONV,
        question: "乙",
        at: early,
        finish: { status: "unanswerable_no_content" },
      });
      await seed(storage, { question: "丙", at: early, finish: { status: "answered_reviewed" } });
      await storage.addFeedback({ conversationId: CONV, messageId: answered, rating: "up" });
      await storage.addFeedback({ conversationId: OTHER_CONV, messageId: refused, rating: "down" });
      storage.db.prepare("UPDATE feedback SET created_at = ?").run(early.toISOString());
      await storage.addHandoff({ question: "找人", contactKind: "none" });
      storage.db.prepare("UPDATE handoffs SET created_at = ?").run(early.toISOString());
      expect(await storage.activityByDay(new Date("2026-02-28T16:00:00.000Z"))).toEqual([
        { day: "2026-03-01", enquiries: 1, answered: 1, up: 0, down: 0, handoffs: 0, handoffsOpen: 0 },
        { day: "2026-03-02", enquiries: 2, answered: 1, up: 1, down: 1, handoffs: 1, handoffsOpen: 1 },
      ]);
      expect(await storage.activityByDay(new Date("2026-03-05T00:00:00.000Z"))).toEqual([]);
    });

    it("askedQuestions lists questions since the date, newest first, without greetings, requests for a person or refusals", async () => {
      const storage = open();
      const now = Date.now();
      await seed(storage, { question: "节能诊断有补贴吗", at: new Date(now - 3000), finish: {} });
      await seed(storage, {
        question: "转人工",
        at: new Date(now - 2000),
        finish: { status: "answered_handoff" },
      });
      await seed(storage, {
        question: "讲个笑话",
        at: new Date(now - 1500),
        finish: { status: "guardrails_off_topic" },
      });
      await seed(storage, {
        question: "电价多少",
        at: new Date(now - 1000),
        finish: { status: "unanswerable_no_content" },
      });
      await seed(storage, { question: "很久以前", at: new Date(now - 40 * DAY), finish: {} });
      const asked = await storage.askedQuestions(new Date(now - DAY), 10);
      expect(asked.map((q) => [q.question, q.status])).toEqual([
        ["电价多少", "unanswerable_no_content"],
        ["节能诊断有补贴吗", "answered"],
      ]);
      expect(asked[0]).toMatchObject({ conversationId: CONV, messageId: expect.any(String) });
    });

    it("improvementCandidates gives what did not end answered, or was rated 👎, with what came before and after it", async () => {
      const storage = open();
      const now = Date.now();
      const at = (ago: number) => new Date(now - ago);
      const ok = await seed(storage, { question: "甲", at: at(9000), finish: {} });
      await storage.addFeedback({ conversationId: CONV, messageId: ok, rating: "down", comment: "不对" });
      await seed(storage, {
        question: "乙要算",
        at: at(8000),
        finish: { status: "answered_needs_input" },
      });
      await seed(storage, {
        question: "丙转人工",
        at: at(7000),
        finish: { status: "answered_handoff" },
      });
      await storage.addHandoff({ conversationId: CONV, question: "乙", contactKind: "none" });
      await seed(storage, {
        question: "算好了",
        at: at(6000),
        finish: { toolRuns: [{ name: "benchmark_gap", input: {}, output: { ok: 1 } }] },
      });
      await seed(storage, { question: "好的", at: at(5000), finish: { status: "answered_help" } });
      const found = await storage.improvementCandidates(at(DAY), 10);
      expect(found.map((c) => c.question)).toEqual(["丙转人工", "乙要算", "甲"]);
      const [handoff, needsInput, disliked] = found;
      expect(handoff).toMatchObject({
        previousQuestion: "乙要算",
        nextQuestion: "算好了",
        nextStatus: "answered",
        handoffReference: expect.stringMatching(/^RG-/),
      });
      expect(needsInput).toMatchObject({ calculatedLater: true, previousQuestion: "甲" });
      expect(disliked).toMatchObject({ rating: "down", feedbackComment: "不对", previousQuestion: null });
      expect(await storage.improvementCandidates(at(7500), 10)).toHaveLength(1);
    });
  });

  describe("curated answers", () => {
    it("are added active, listed newest first, and updated in part", async () => {
      const storage = open();
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
      const storage = open();
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

    it("saved before drafts existed, count as published by their author when they were last saved", () => {
      const marked = path.join(dir, "before-drafts.sqlite");
      const raw = new Database(marked);
      for (const [version, migration] of MIGRATIONS.slice(0, 6).entries()) {
        raw.exec(migration);
        raw.pragma(`user_version = ${version + 1}`);
      }
      raw
        .prepare(
          "INSERT INTO curated_answers (question, question_key, answer, unit_ids, author, created_at, updated_at) VALUES ('问', '问', '答', '[]', 'zhang', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')",
        )
        .run();
      raw.close();
      const storage = open(marked);
      return expect(storage.listCuratedAnswers()).resolves.toEqual([
        expect.objectContaining({
          updatedBy: "zhang",
          active: true,
          published: {
            question: "问",
            answer: "答",
            unitIds: [],
            by: "zhang",
            at: "2026-01-02T00:00:00.000Z",
          },
        }),
      ]);
    });
  });

  describe("staff users and sessions", () => {
    it("finds a user by name, changes a password, refuses a second user of the same name", async () => {
      const storage = open();
      const id = await storage.createStaffUser("zhang", "张科长", "scrypt$hash1");
      expect(await storage.findStaffUser("zhang")).toEqual({
        id,
        username: "zhang",
        displayName: "张科长",
        passwordHash: "scrypt$hash1",
        disabled: false,
        role: "staff",
      });
      expect(await storage.findStaffUser("li")).toBeNull();
      expect(await storage.setStaffPassword("zhang", "scrypt$hash2")).toBe(true);
      expect((await storage.findStaffUser("zhang"))!.passwordHash).toBe("scrypt$hash2");
      expect(await storage.setStaffPassword("li", "scrypt$hash")).toBe(false);
      await expect(storage.createStaffUser("zhang", "另一个", "x")).rejects.toThrow(/UNIQUE/);
    });

    it("gives an account a role (staff unless said), changes it, and lists accounts without their hashes", async () => {
      const storage = open();
      await storage.createStaffUser("zhang", "张科长", "h1");
      await storage.createStaffUser("admin", "管理员", "h2", "admin");
      await storage.setStaffDisabled("zhang", true);
      expect((await storage.findStaffUser("admin"))!.role).toBe("admin");
      const accounts = await storage.listStaffUsers();
      expect(accounts.map(({ createdAt: _, ...rest }) => rest)).toEqual([
        { username: "admin", displayName: "管理员", role: "admin", disabled: false },
        { username: "zhang", displayName: "张科长", role: "staff", disabled: true },
      ]);
      expect(JSON.stringify(accounts)).not.toContain("h1");
      expect(await storage.setStaffRole("zhang", "admin")).toBe(true);
      expect((await storage.findStaffUser("zhang"))!.role).toBe("admin");
      expect(await storage.setStaffRole("nobody", "admin")).toBe(false);
      expect(() => storage.db.prepare("UPDATE staff_users SET role = 'root'").run()).toThrow(/CHECK/);
    });

    it("finds a session until it expires, not after, and not once deleted", async () => {
      const storage = open();
      const userId = await storage.createStaffUser("zhang", "张科长", "h");
      const expires = new Date(Date.now() + 3_600_000);
      await storage.createSession("token-hash-1", userId, "csrf-1", expires);
      expect(await storage.findSession("token-hash-1", new Date())).toEqual({
        userId,
        username: "zhang",
        displayName: "张科长",
        role: "staff",
        csrfToken: "csrf-1",
        expiresAt: expires.toISOString(),
      });
      expect(await storage.findSession("token-hash-1", new Date(expires.getTime() + 1))).toBeNull();
      expect(await storage.findSession("token-hash-1", expires)).toBeNull();
      expect(await storage.findSession("other-hash", new Date())).toBeNull();
      await storage.deleteSession("token-hash-1");
      expect(await storage.findSession("token-hash-1", new Date())).toBeNull();
    });

    it("finds no session of a disabled user", async () => {
      const storage = open();
      const userId = await storage.createStaffUser("li", "李", "h");
      await storage.createSession("token-hash-2", userId, "csrf-2", new Date(Date.now() + 3_600_000));
      expect(await storage.findSession("token-hash-2", new Date())).not.toBeNull();
      storage.db.prepare("UPDATE staff_users SET disabled = 1 WHERE id = ?").run(userId);
      expect(await storage.findSession("token-hash-2", new Date())).toBeNull();
      expect((await storage.findStaffUser("li"))!.disabled).toBe(true);
    });
  });

  describe("audit", () => {
    it("records who did what with its detail, newest first", async () => {
      const storage = open();
      await storage.audit("zhang", "sign_in", {});
      await storage.audit("zhang", "export_csv", { filter: { status: "answered" }, rows: 12 });
      const [latest, first] = await storage.listAudit(10);
      expect(latest).toMatchObject({ username: "zhang", action: "export_csv" });
      expect(JSON.parse(latest!.detail)).toEqual({ filter: { status: "answered" }, rows: 12 });
      expect(first).toMatchObject({ username: "zhang", action: "sign_in", detail: "{}" });
      expect(latest!.at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(await storage.listAudit(1)).toHaveLength(1);
    });

    it("lists only the views (view_*) or only the changes when asked", async () => {
      const storage = open();
      for (const action of ["sign_in", "view_enquiries", "export_csv", "view_audit", "viewer_like_change"])
        await storage.audit("zhang", action, {});
      expect((await storage.listAudit(10, "views")).map((e) => e.action)).toEqual([
        "view_audit",
        "view_enquiries",
      ]);
      expect((await storage.listAudit(10, "changes")).map((e) => e.action)).toEqual([
        "viewer_like_change",
        "export_csv",
        "sign_in",
      ]);
      expect(await storage.listAudit(10, "all")).toHaveLength(5);
    });
  });

  describe("purgeBefore", () => {
    it("deletes old enquiries with their citations, tool runs and feedback, and expired sessions; keeps recent ones", async () => {
      const storage = open();
      const now = Date.now();
      const oldRun = { name: "benchmark_gap", input: {}, output: {} };
      const old = await seed(storage, {
        question: "旧问题",
        at: new Date(now - 200 * DAY),
        finish: { citations: [citation("hn2023:1.3")], toolRuns: [oldRun] },
      });
      const recent = await seed(storage, {
        conversationId: OTHER_CONV,
        question: "新问题",
        at: new Date(now - DAY),
        finish: { citations: [citation("hn2023:2.1")], toolRuns: [oldRun] },
      });
      await storage.addFeedback({ conversationId: CONV, messageId: old, rating: "down", comment: "旧评价" });
      await storage.addFeedback({ conversationId: OTHER_CONV, messageId: recent, rating: "up" });
      const userId = await storage.createStaffUser("zhang", "张", "h");
      await storage.createSession("expired", userId, "c", new Date(now - 1000));
      await storage.createSession("valid", userId, "c", new Date(now + 3_600_000));

      expect(await storage.purgeBefore(new Date(now - 180 * DAY))).toBe(1);

      for (const table of ["citations", "tool_runs", "feedback"]) {
        expect(count(storage, table, "message_id = ?", old)).toBe(0);
        expect(count(storage, table, "message_id = ?", recent)).toBe(1);
      }
      expect(await storage.conversation(CONV)).toEqual([]);
      expect(await storage.conversationExists(CONV)).toBe(false);
      expect((await storage.conversation(OTHER_CONV)).map((m) => m.messageId)).toEqual([recent]);
      expect(count(storage, "staff_sessions")).toBe(1);
      expect(await storage.findSession("valid", new Date())).not.toBeNull();
      expect(await storage.countMessages()).toBe(1);
    });

    it("keeps a handoff until staff close it, however old, and purges it once closed longer than the retention period", async () => {
      const storage = open();
      const now = Date.now();
      const ago = (days: number) => new Date(now - days * DAY).toISOString();
      const made: Record<string, string> = {};
      for (const question of [
        "旧的，仍待处理",
        "旧的，刚答复",
        "旧的，早已答复",
        "旧的，答复后又打开",
        "新的",
      ]) {
        made[question] = (await storage.addHandoff({ question })).reference;
      }
      for (const question of Object.keys(made).filter((q) => q.startsWith("旧"))) {
        storage.db.prepare("UPDATE handoffs SET created_at = ? WHERE question = ?").run(ago(400), question);
      }
      await storage.setHandoffStatus(made["旧的，刚答复"]!, "done");
      await storage.setHandoffStatus(made["旧的，早已答复"]!, "done");
      storage.db.prepare("UPDATE handoffs SET closed_at = ? WHERE question = '旧的，早已答复'").run(ago(200));
      await storage.setHandoffStatus(made["旧的，答复后又打开"]!, "done");
      storage.db
        .prepare("UPDATE handoffs SET closed_at = ? WHERE question = '旧的，答复后又打开'")
        .run(ago(200));
      await storage.setHandoffStatus(made["旧的，答复后又打开"]!, "open");

      await storage.purgeBefore(new Date(now - 180 * DAY));
      expect((await storage.listHandoffs(10)).map((h) => h.question).sort()).toEqual(
        ["旧的，仍待处理", "旧的，刚答复", "旧的，答复后又打开", "新的"].sort(),
      );
    });

    it("deletes audit entries older than the retention period (they hold search terms and mistyped usernames)", async () => {
      const storage = open();
      await storage.audit("zhang", "view_enquiries", { filter: { q: "旧的搜索词" } });
      await storage.audit("zhangsna", "sign_in_failed", { reason: "unknown_user" });
      storage.db.prepare("UPDATE audit_log SET at = ?").run(new Date(Date.now() - 200 * DAY).toISOString());
      await storage.audit("zhang", "view_enquiries", { filter: { q: "新的搜索词" } });
      await storage.purgeBefore(new Date(Date.now() - 180 * DAY));
      expect((await storage.listAudit(10)).map((e) => e.detail)).toEqual([
        JSON.stringify({ filter: { q: "新的搜索词" } }),
      ]);
    });

    it("keeps audit entries at least 180 days, however short the chat content's retention", async () => {
      const storage = open();
      await storage.audit("zhang", "view_enquiries", { filter: { q: "十天前" } });
      storage.db.prepare("UPDATE audit_log SET at = ?").run(new Date(Date.now() - 10 * DAY).toISOString());
      await storage.audit("zhang", "view_enquiries", { filter: { q: "两百天前" } });
      storage.db
        .prepare("UPDATE audit_log SET at = ? WHERE detail LIKE '%两百天前%'")
        .run(new Date(Date.now() - 200 * DAY).toISOString());
      const sevenDays = new Date(Date.now() - 7 * DAY);
      await storage.purgeBefore(sevenDays, { auditBefore: sevenDays });
      expect((await storage.listAudit(10)).map((e) => JSON.parse(e.detail).filter.q)).toEqual(["十天前"]);
    });

    it("erases a handoff's contact a set time after staff closed it (已办结), and only then", async () => {
      const storage = open();
      const now = Date.now();
      const ago = (days: number) => new Date(now - days * DAY).toISOString();
      const ref = async (question: string) =>
        (await storage.addHandoff({ question, contact: "13812345678", contactKind: "phone" })).reference;
      const waiting = await ref("仍待处理");
      const taken = await ref("处理中");
      const replied = await ref("已答复未办结");
      const closedLongAgo = await ref("早已办结");
      const closedRecently = await ref("刚办结");
      const reopened = await ref("办结后重新打开");
      for (const reference of [waiting, taken, replied, closedLongAgo, closedRecently, reopened])
        storage.db.prepare("UPDATE handoffs SET created_at = ? WHERE reference = ?").run(ago(100), reference);
      // The desk's steps, as HandoffDesk stores them, dated long enough ago for the contact to go.
      await storage.updateHandoff(taken, { status: "assigned", assignedTo: "zhang", assignedAt: ago(90) });
      await storage.updateHandoff(replied, {
        status: "replied",
        assignedTo: "zhang",
        assignedAt: ago(90),
        reply: "已电话答复",
        repliedBy: "zhang",
        repliedAt: ago(90),
      });
      for (const [reference, days] of [
        [closedLongAgo, 40],
        [closedRecently, 5],
        [reopened, 60],
      ] as const)
        await storage.updateHandoff(reference, {
          status: "done",
          reply: "已电话答复",
          repliedBy: "zhang",
          repliedAt: ago(days),
          closedBy: "zhang",
          closedAt: ago(days),
          closeNote: "已办结",
        });
      await storage.updateHandoff(reopened, {
        status: "replied",
        closedBy: null,
        closedAt: null,
        closeNote: null,
      });

      await storage.purgeBefore(new Date(now - 180 * DAY), {
        handoffContactsBefore: new Date(now - 30 * DAY),
      });
      const kept = Object.fromEntries(
        (await storage.listHandoffs(10)).map((h) => [h.question, [h.status, h.contact ?? null]]),
      );
      expect(kept).toEqual({
        仍待处理: ["open", "13812345678"],
        处理中: ["assigned", "13812345678"],
        已答复未办结: ["replied", "13812345678"],
        早已办结: ["done", null],
        刚办结: ["done", "13812345678"],
        办结后重新打开: ["replied", "13812345678"],
      });
      // Only the contact goes: the request, its kind of contact and staff's reply stay until RETENTION_DAYS.
      expect(await storage.findHandoff(closedLongAgo)).toMatchObject({
        contactKind: "phone",
        reply: "已电话答复",
        closedBy: "zhang",
        closeNote: "已办结",
      });
    });

    it("leaves nothing of a purged question in the file or its write-ahead log (secure_delete)", async () => {
      const storage = open();
      expect(storage.db.pragma("secure_delete", { simple: true })).toBe(1);
      const MARK = "这是一个将被清除的独特问题ZQXJ";
      const now = Date.now();
      await seed(storage, {
        question: `${MARK}，节能诊断怎么申请`,
        at: new Date(now - 200 * DAY),
        finish: { answer: `关于${MARK}的答复` },
      });
      await seed(storage, {
        conversationId: OTHER_CONV,
        question: "留下的问题",
        at: new Date(now),
        finish: {},
      });
      storage.db.pragma("wal_checkpoint(TRUNCATE)");
      const onDisk = () =>
        [file, `${file}-wal`]
          .filter((f) => fs.existsSync(f))
          .map((f) => fs.readFileSync(f).toString("utf8"))
          .join("");
      expect(onDisk()).toContain(MARK);
      expect(await storage.purgeBefore(new Date(now - 180 * DAY))).toBe(1);
      expect(onDisk()).not.toContain(MARK);
      expect(onDisk()).toContain("留下的问题");
    });

    it("runs at start through openStorage with the configured retention", async () => {
      const storage = SqliteStorage.open(file);
      await seed(storage, { question: "十天前", at: new Date(Date.now() - 10 * DAY), finish: {} });
      await seed(storage, { question: "昨天", at: new Date(Date.now() - DAY), finish: {} });
      await storage.close();
      const reopened = (await openStorage(
        { databaseFile: file, retentionDays: 7 },
        pino({ level: "silent" }),
      )) as SqliteStorage;
      opened.push(reopened);
      expect((await reopened.conversation(CONV)).map((m) => m.question)).toEqual(["昨天"]);
    });
  });

  describe("checkWritable", () => {
    it("is true on a writable database and leaves nothing behind", async () => {
      const storage = open();
      expect(await storage.checkWritable()).toBe(true);
      expect(await storage.checkWritable()).toBe(true);
      expect(count(storage, "audit_log")).toBe(0);
    });

    it("is false on a database opened read-only", async () => {
      const storage = open();
      await seed(storage, { question: "节能", at: new Date(), finish: {} });
      await storage.close();
      const copy = path.join(dir, "copy.sqlite");
      fs.copyFileSync(file, copy);
      const readOnly = new SqliteStorage(new Database(copy, { readonly: true }));
      opened.push(readOnly);
      expect(await readOnly.countMessages()).toBe(1);
      expect(await readOnly.checkWritable()).toBe(false);
    });
  });
});
