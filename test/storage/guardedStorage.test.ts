import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageFault, StorageHealth } from "../../server/storage/faults.js";
import { guardStorage, healthOf } from "../../server/storage/guardedStorage.js";
import { MIGRATIONS } from "../../server/storage/migrations.js";
import { SchemaTooNewError, SqliteStorage } from "../../server/storage/sqliteStorage.js";
import type { EnquiryStart, Storage } from "../../server/storage/types.js";

const CONV = "c_AAAAAAAAAAAAAAAAAAAAAA";
let dir: string;
let file: string;
let inner: SqliteStorage;
let storage: Storage;
let lines: Array<{ level: "error" | "info"; msg: string; fault?: string }>;
let recovered: number;
const others: Database.Database[] = [];

const start = (n: number): EnquiryStart => ({
  messageId: `m${n}`,
  conversationId: CONV,
  question: `问题${n}`,
  redactions: [],
  createdAt: new Date(),
});
const errors = () => lines.filter((l) => l.level === "error");

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "guarded-test-"));
  file = path.join(dir, "data", "assistant.sqlite");
  inner = SqliteStorage.open(file);
  lines = [];
  recovered = 0;
  const logger = {
    error: (o: { fault?: string }, msg: string) => lines.push({ level: "error", msg, fault: o.fault }),
    info: (o: { fault?: string }, msg: string) => lines.push({ level: "info", msg, fault: o.fault }),
  };
  const health = new StorageHealth(logger, () => recovered++);
  storage = guardStorage(inner, health, { retryDelaysMs: [10, 20, 40] });
});

afterEach(async () => {
  for (const db of others.splice(0)) if (db.open) db.close();
  await inner.close();
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("when DATA_DIR is removed while the service runs", () => {
  it("refuses the next write as missing, logs one error for any number of writes, and /readyz's probe fails", async () => {
    await storage.startEnquiry(start(1));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    for (let n = 2; n < 6; n++) {
      const refused = await storage.startEnquiry(start(n)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StorageFault);
      expect(refused).toMatchObject({ kind: "missing" });
    }
    expect(await storage.checkWritable()).toBe(false);
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatchObject({ fault: "missing" });
    expect(errors()[0]!.msg).toMatch(/removed.*spooled.*restart/);
    expect(healthOf(storage)?.fault?.kind).toBe("missing");
    // The open file still reads (the console keeps working on what it had).
    expect(await storage.countMessages()).toBe(1);
  });
});

describe("when the database file is replaced", () => {
  it("refuses writes as replaced: they would go to a file nobody opens again", async () => {
    const other = path.join(dir, "other.sqlite");
    SqliteStorage.open(other).db.close();
    fs.renameSync(other, file);
    await expect(storage.startEnquiry(start(1))).rejects.toMatchObject({ kind: "replaced" });
    expect(errors().map((e) => e.fault)).toEqual(["replaced"]);
  });
});

describe("the desk's writes (handoff steps, accounts)", () => {
  it("are checked against the file like every other write: refused as replaced, nothing written", async () => {
    const { reference } = await storage.addHandoff({
      question: "问",
      contact: "13912345678",
      contactKind: "phone",
    });
    await storage.createStaffUser("zhang", "张", "hash", "staff");
    const other = path.join(dir, "other.sqlite");
    SqliteStorage.open(other).db.close();
    fs.renameSync(other, file);
    const writes: Array<[string, () => Promise<unknown>]> = [
      ["assign", () => storage.updateHandoff(reference, { status: "assigned", assignedTo: "zhang" })],
      ["reply", () => storage.updateHandoff(reference, { status: "replied", reply: "已答复" })],
      [
        "close",
        () => storage.updateHandoff(reference, { status: "done", closedAt: new Date().toISOString() }),
      ],
      ["status", () => storage.setHandoffStatus(reference, "done")],
      ["role", () => storage.setStaffRole("zhang", "admin")],
      ["disable", () => storage.setStaffDisabled("zhang", true)],
      ["password", () => storage.setStaffPassword("zhang", "other")],
      ["create", () => storage.createStaffUser("li", "李", "hash")],
    ];
    for (const [name, write] of writes)
      expect(
        await write().then(
          () => name,
          (e: unknown) => e,
        ),
        name,
      ).toMatchObject({ kind: "replaced" });
    expect(await inner.findHandoff(reference)).toMatchObject({ status: "open", reply: undefined });
    expect(await inner.findStaffUser("zhang")).toMatchObject({ role: "staff", disabled: false });
    expect(await inner.findStaffUser("li")).toBeNull();
    expect(errors().map((e) => e.fault)).toEqual(["replaced"]);
  });
});

describe("when the database file is made read-only", () => {
  it("refuses writes until it is writable again, then says once that it recovered", async () => {
    fs.chmodSync(file, 0o444);
    await expect(storage.startEnquiry(start(1))).rejects.toMatchObject({ kind: "read_only" });
    await expect(storage.startEnquiry(start(2))).rejects.toMatchObject({ kind: "read_only" });
    expect(await storage.checkWritable()).toBe(false);
    fs.chmodSync(file, 0o644);
    expect(await storage.checkWritable()).toBe(true);
    await storage.startEnquiry(start(3));
    expect(lines.map((l) => [l.level, l.fault])).toEqual([
      ["error", "read_only"],
      ["info", "read_only"],
    ]);
    expect(recovered).toBe(1);
  });

  it("treats SQLite's own read-only refusal the same way", async () => {
    inner.db.pragma("query_only = ON");
    await expect(storage.addHandoff({ question: "问" })).rejects.toMatchObject({
      code: expect.stringMatching(/^SQLITE_READONLY/),
    });
    expect(healthOf(storage)?.fault?.kind).toBe("read_only");
  });
});

describe("when the disk is full", () => {
  it("refuses as full, and the probe really writes: it fails too, and passes once there is room", async () => {
    await storage.startEnquiry(start(1));
    const pages = inner.db.pragma("page_count", { simple: true }) as number;
    inner.db.pragma(`max_page_count = ${pages}`);
    const long = "长".repeat(50_000);
    await expect(storage.startEnquiry({ ...start(2), question: long })).rejects.toMatchObject({
      code: "SQLITE_FULL",
    });
    expect(healthOf(storage)?.fault?.kind).toBe("full");
    inner.db.pragma(`max_page_count = ${pages * 100}`);
    await storage.startEnquiry({ ...start(3), question: long });
    expect(healthOf(storage)?.fault).toBeNull();
    expect(errors()).toHaveLength(1);
  });
});

describe("when another connection holds the lock", () => {
  const lockHolder = () => {
    const db = new Database(file);
    others.push(db);
    db.exec("BEGIN EXCLUSIVE");
    return db;
  };

  it("waits it out with timers (the event loop keeps running) and writes once it is released", async () => {
    const holder = lockHolder();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    setTimeout(() => holder.exec("COMMIT"), 40);
    await storage.startEnquiry(start(1));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(2);
    expect(await storage.countMessages()).toBe(1);
    expect(errors()).toEqual([]);
  });

  it("refuses as locked after the retries, logs once, and then tries only once while the lock lasts", async () => {
    const holder = lockHolder();
    let ms = performance.now();
    await expect(storage.startEnquiry(start(1))).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(performance.now() - ms).toBeGreaterThanOrEqual(60);
    ms = performance.now();
    await expect(storage.startEnquiry(start(2))).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(performance.now() - ms).toBeLessThan(60);
    expect(await storage.checkWritable()).toBe(false);
    expect(errors().map((e) => e.fault)).toEqual(["locked"]);
    holder.exec("COMMIT");
    expect(await storage.checkWritable()).toBe(true);
    expect(recovered).toBe(1);
  });
});

describe("a write refused for another reason (a bug, not the database's state)", () => {
  it("is thrown as it is and does not mark the database faulty", async () => {
    await expect(
      storage.startEnquiry({ ...start(1), conversationId: null as unknown as string }),
    ).rejects.toThrow();
    expect(healthOf(storage)?.fault).toBeNull();
    expect(errors()).toEqual([]);
  });
});

describe("a schema newer than this release knows", () => {
  it("refuses to open, saying so in Chinese and English", () => {
    const newer = path.join(dir, "newer.sqlite");
    const db = new Database(newer);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    let refused: unknown;
    try {
      SqliteStorage.open(newer);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SchemaTooNewError);
    expect(refused).toMatchObject({ found: MIGRATIONS.length + 1, known: MIGRATIONS.length });
    expect((refused as Error).message).toContain("数据库结构版本");
    expect((refused as Error).message).toContain("newer than this release knows");
    // Left as it was: nothing migrated or written.
    const after = new Database(newer);
    expect(after.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length + 1);
    after.close();
  });
});
