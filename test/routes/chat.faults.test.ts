import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../server/storage/migrations.js";
import { SPOOL_FILE } from "../../server/storage/spool.js";
import { buildApp, listen, send, until, type BuiltApp } from "../support/appWith.js";
import { root } from "../support/services.js";

const QUESTIONS = ["钢铁行业2025年的目标是什么", "水泥熟料的标杆值是多少", "电机能效提升有什么要求"];

let built: BuiltApp | undefined;
let server: Awaited<ReturnType<typeof listen>> | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await server?.close();
  server = undefined;
  await built?.close();
  built = undefined;
});

/** The spooled writes of one kind in DATA_DIR (the spool file and any replay batches). */
function spooled(dataDir: string, kind: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir)
    .filter((name) => name.startsWith(SPOOL_FILE))
    .flatMap((name) => fs.readFileSync(path.join(dataDir, name), "utf8").split("\n"))
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { kind: string; start?: { messageId: string } })
    .filter((write) => write.kind === kind)
    .map((write) => write.start?.messageId ?? "");
}

const errorLines = (app: BuiltApp) => app.logs.filter((line) => Number(line.level) >= 50);

describe("when DATA_DIR is deleted under load", () => {
  it("answers every request, each enquiry stored or spooled, /readyz 503, and exactly one error line", async () => {
    built = await buildApp();
    server = await listen(built.app);
    const port = server.port;
    const answered: string[] = [];
    const statuses: number[] = [];
    const TOTAL = 90;
    let sent = 0;
    let deleted = false;
    const worker = async () => {
      while (sent < TOTAL) {
        const n = sent++;
        if (n === 30 && !deleted) {
          deleted = true;
          fs.rmSync(built!.dataDir, { recursive: true, force: true });
        }
        const res = await send(port, {
          path: "/api/chat",
          body: { message: QUESTIONS[n % QUESTIONS.length] },
        });
        statuses.push(res.status);
        if (res.status === 200) answered.push(String(res.body!.messageId));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    expect(statuses).toHaveLength(TOTAL);
    expect(statuses.every((status) => status === 200)).toBe(true);
    // What the open (now orphaned) file holds, and what waits in the spool: together, every enquiry.
    const stored = (built.realStorage as unknown as { db: Database.Database }).db
      .prepare("SELECT id FROM messages")
      .all()
      .map((row) => (row as { id: string }).id);
    const inSpool = spooled(built.dataDir, "start");
    expect(stored.length).toBeGreaterThan(0);
    expect(inSpool.length).toBeGreaterThan(0);
    expect([...stored, ...inSpool].sort()).toEqual([...answered].sort());

    const ready = await send(port, { path: "/readyz" });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ checks: { database: false, databaseFault: "missing" } });
    expect((await send(port, { path: "/healthz" })).status).toBe(200);
    // A handoff is not spooled: the person is told, in Chinese, to try again (503), not shown a 500.
    const handoff = await send(port, {
      path: "/api/handoff",
      body: { question: "请联系我", phone: "13912345678" },
    });
    expect(handoff.status).toBe(503);
    expect(handoff.headers["retry-after"]).toBe("30");
    expect(handoff.body).toMatchObject({ error: { code: "unavailable:storage" } });
    expect(String((handoff.body!.error as { message: string }).message)).toMatch(/[\u4e00-\u9fff]/);
    expect(errorLines(built)).toHaveLength(1);
    expect(errorLines(built)[0]).toMatchObject({ fault: "missing" });
    // The person's question is not in the log line.
    expect(JSON.stringify(built.logs)).not.toContain("钢铁行业");
  });
});

/** A second process that takes the database's write lock (BEGIN EXCLUSIVE) and holds it for holdMs. */
async function lockFromAnotherProcess(file: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN EXCLUSIVE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); process.exit(0); }, Number(process.argv[2]));
  `;
  const locker = spawn(process.execPath, ["-e", script, file, String(holdMs)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    locker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    locker.once("exit", (code) => reject(new Error(`the locking process exited early (${code})`)));
  });
  return locker;
}

describe("when another process holds an exclusive lock on the database", () => {
  it("/healthz keeps answering at once; the enquiry is answered and spooled, then written in once the lock goes", async () => {
    built = await buildApp();
    server = await listen(built.app);
    const port = server.port;
    const holdMs = 4000;
    child = await lockFromAnotherProcess(built.config.databaseFile, holdMs);
    const locked = performance.now();

    const latencies: number[] = [];
    let chatting = true;
    const chat = send(port, { path: "/api/chat", body: { message: QUESTIONS[0] } }).finally(
      () => (chatting = false),
    );
    while (chatting || latencies.length < 10) {
      const t = performance.now();
      expect((await send(port, { path: "/healthz" })).status).toBe(200);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    const reply = await chat;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "answered" });
    // Answered while the lock still held: spooled, not waited for.
    expect(performance.now() - locked).toBeLessThan(holdMs);
    // Generous: a frozen event loop (SQLite's 5 s busy wait) would show seconds here.
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(spooled(built.dataDir, "start")).toEqual([reply.body!.messageId]);

    const notReady = await send(port, { path: "/readyz" });
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ checks: { database: false, databaseFault: "locked" } });

    await new Promise<void>((resolve) => child!.once("exit", () => resolve()));
    expect((await send(port, { path: "/readyz" })).status).toBe(200);
    await until(async () => ((await built!.realStorage.countMessages()) === 1 ? true : undefined));
    expect(errorLines(built).map((line) => line.fault)).toEqual(["locked"]);
    expect(
      built.logs.some(
        (line) => line.msg === "database takes writes again; spooled enquiries will be written in",
      ),
    ).toBe(true);
  });
});

describe("npm run backup -- <file>", () => {
  it("copies the database while the service answers, into a checked, self-contained file", async () => {
    built = await buildApp();
    server = await listen(built.app);
    const port = server.port;
    for (const message of QUESTIONS) await send(port, { path: "/api/chat", body: { message } });
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-")), "copy.sqlite");
    // Answers go on while the backup runs in its own process.
    const backup = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", target], {
      cwd: root,
      env: { ...process.env, DATA_DIR: built.dataDir, DATABASE_FILE: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    backup.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    backup.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => backup.once("exit", resolve));
    let running = true;
    void exited.then(() => (running = false));
    const latencies: number[] = [];
    while (running) {
      const t = performance.now();
      expect((await send(port, { path: "/api/chat", body: { message: QUESTIONS[1] } })).status).toBe(200);
      latencies.push(performance.now() - t);
    }
    expect(await exited, err).toBe(0);
    const result = JSON.parse(out.trim()) as { file: string; messages: number; schemaVersion: number };
    expect(result).toMatchObject({ file: target, schemaVersion: MIGRATIONS.length });
    expect(result.messages).toBeGreaterThanOrEqual(3);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["copy.sqlite"]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    expect((copy.prepare("SELECT COUNT(*) AS n FROM messages").get() as { n: number }).n).toBe(
      result.messages,
    );
    copy.close();
    expect(Math.max(...latencies)).toBeLessThan(2000);

    // A second run refuses to overwrite it.
    const again = spawnSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", target], {
      cwd: root,
      env: { ...process.env, DATA_DIR: built.dataDir, DATABASE_FILE: "" },
      encoding: "utf8",
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists already");
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  });
});

describe("starting on a database newer than this release", () => {
  it("refuses to start and says why in Chinese and English, without a stack trace", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-test-"));
    try {
      const db = new Database(path.join(dataDir, "assistant.sqlite"));
      db.pragma(`user_version = ${MIGRATIONS.length + 3}`);
      db.close();
      const run = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
        cwd: root,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_FILE: "",
          PORT: "0",
          LOG_LEVEL: "info",
          OPENAI_BASE_URL: "",
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const fatal = run.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.level === 60);
      expect(fatal).toMatchObject({ found: MIGRATIONS.length + 3, known: MIGRATIONS.length });
      expect(String(fatal!.msg)).toContain("数据库结构版本");
      expect(String(fatal!.msg)).toContain("newer than this release knows");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
