import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStorage } from "../../server/services.js";
import { MIGRATIONS } from "../../server/storage/migrations.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { root } from "../support/services.js";
import { CONV, DAY, OTHER_CONV, seed } from "./contract/fixtures.js";

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

/**
 * What only the SQLite storage does: its file, WAL, user_version migrations, secure_delete, a crash
 * of the one process that writes it. What every storage does is the contract (contract/*.ts), run on
 * SQLite by sqliteStorage.contract.test.ts.
 */
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

  describe("curated answers", () => {
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

  describe("purgeBefore", () => {
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
