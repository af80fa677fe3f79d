import http from "node:http";
import net from "node:net";
import path from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../server/messages.js";
import { openStorage } from "../server/services.js";
import { SqliteStorage } from "../server/storage/sqliteStorage.js";
import { startInstance, type Instance } from "./support/instances.js";
import { ScriptedOpenAiServer } from "./support/scriptedOpenAi.js";

const QUESTION = "规上工业单位增加值能耗到2025年要降多少";
const SENTENCES = [
  "到2025年，全市规模以上工业单位增加值能耗",
  "较2020年下降15%[1]。",
  "这是对全市规上工业的整体要求[1]。",
];

const running: Instance[] = [];

/** Starts `node --import tsx server/main.ts` as production would, on a free port and a temporary DATA_DIR. */
async function startService(env: Record<string, string>): Promise<Instance> {
  const service = await startInstance(env);
  running.push(service);
  return service;
}

interface StreamResult {
  events: Array<{ event: string; data: Record<string, unknown> }>;
  ended: "end" | "aborted";
}

/** A streamed chat over a keep-alive connection, as a browser or a reverse proxy would hold it. */
function streamChat(
  port: number,
  agent: http.Agent,
  onEvent: (event: string) => void,
): Promise<StreamResult> {
  return new Promise((resolve, reject) => {
    const events: StreamResult["events"] = [];
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/chat",
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      },
      (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)![1]!;
            events.push({
              event,
              data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>,
            });
            onEvent(event);
          }
        });
        res.on("end", () => resolve({ events, ended: "end" }));
        res.on("aborted", () => resolve({ events, ended: "aborted" }));
        res.on("error", () => resolve({ events, ended: "aborted" }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ message: QUESTION }));
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function storedEnquiries(dataDir: string) {
  const storage = SqliteStorage.open(path.join(dataDir, "assistant.sqlite"));
  try {
    return await storage.listEnquiries({ limit: 10, offset: 0 });
  } finally {
    await storage.close();
  }
}

describe("graceful shutdown (SIGTERM)", () => {
  const llm = new ScriptedOpenAiServer();
  let llmUrl: string;
  const agent = new http.Agent({ keepAlive: true });

  beforeAll(async () => {
    llmUrl = await llm.start();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.kill()));
  });

  afterAll(async () => {
    agent.destroy();
    await llm.stop();
  });

  const llmEnv = (grace: number) => ({
    OPENAI_BASE_URL: llmUrl,
    OPENAI_MODEL: "scripted-model",
    OPENAI_API_KEY: "test-key",
    SHUTDOWN_GRACE_MS: String(grace),
  });

  it("stops accepting, lets the answer in flight finish, closes the database and exits 0 within the grace period", async () => {
    const GRACE = 8000;
    // The first sentence is streamed after about 1.6 s, the last one 0.8 s later: time to see new connections refused.
    llm.respondWith({ kind: "text", chunks: SENTENCES, delayMs: 800 });
    const service = await startService(llmEnv(GRACE));
    await service.logged("ready");
    expect(await connects(service.port)).toBe(true);

    let signalled = 0;
    let refused: Promise<number> | undefined;
    const result = await streamChat(service.port, agent, (event) => {
      if (event === "delta" && !signalled) {
        service.child.kill("SIGTERM");
        signalled = performance.now();
        refused = until(async () => ((await connects(service.port)) ? undefined : performance.now()), 3000);
        refused.catch(() => {});
      }
    });
    const ended = performance.now();
    const shuttingDown = await service.logged("shutting down");
    expect(shuttingDown).toMatchObject({ signal: "SIGTERM", graceMs: GRACE });
    // New connections were refused while the answer was still being streamed.
    expect(await refused).toBeLessThan(ended);

    // The answer in flight was finished, over the connection it started on.
    expect(result.ended).toBe("end");
    expect(result.events.at(-1)!.event).toBe("done");
    const done = result.events.at(-1)!.data;
    expect(done).toMatchObject({ status: "answered", mode: "llm" });
    expect(String(done.answer)).toContain("这是对全市规上工业的整体要求");

    const exit = await service.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE);
    // Promptly once the answer is done: the kept-alive connection is not left open until keepAliveTimeout (5 s).
    expect(exit.at - ended).toBeLessThan(3000);

    const logged = service.logs.map((l) => String(l.msg));
    expect(logged.indexOf("shutting down")).toBeGreaterThan(logged.findIndex((m) => m.includes("ready")));
    expect(logged.indexOf("stopped")).toBeGreaterThan(logged.indexOf("shutting down"));
    expect(logged.at(-1)).toBe("stopped");
    expect(service.stderr.join("")).toBe("");

    const { rows, total } = await storedEnquiries(service.dataDir);
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      messageId: done.messageId,
      status: "answered",
      mode: "llm",
      question: QUESTION,
    });
  });

  it("cuts a stream longer than the grace period with an error event saying why, exits 0, and keeps the enquiry on record", async () => {
    const GRACE = 600;
    llm.respondWith({
      kind: "slow",
      chunks: [SENTENCES.join(""), ...Array.from({ length: 40 }, () => "这一目标")],
      delayMs: 200,
    });
    const service = await startService({ ...llmEnv(GRACE), LLM_TOTAL_TIMEOUT_MS: "60000" });
    await service.logged("ready");

    let signalled = 0;
    const result = await streamChat(service.port, agent, (event) => {
      if (event === "delta" && !signalled) {
        service.child.kill("SIGTERM");
        signalled = performance.now();
      }
    });
    expect(result.events.some((e) => e.event === "done")).toBe(false);
    // Not a silent cut: the stream ends cleanly, its last event says why, in Chinese, without internals.
    expect(result.ended).toBe("end");
    expect(result.events.at(-1)).toEqual({
      event: "error",
      data: { code: "unavailable:shutdown", message: messages.http.shuttingDown },
    });
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(GRACE + 3000);
    expect(service.logs.map((l) => l.msg)).toContain("stopped");
    expect(service.logs.find((l) => String(l.msg).includes("cut short"))).toMatchObject({ cut: 1 });

    // Recorded before exit, not only at the next start: error_interrupted, with what was shown.
    const { rows, total } = await storedEnquiries(service.dataDir);
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ question: QUESTION, status: "error_interrupted", mode: "llm" });
    const shown = result.events
      .filter((e) => e.event === "delta")
      .map((e) => String(e.data.text))
      .join("");
    expect(shown).toContain("较2020年下降15%[1]。");
    const direct = SqliteStorage.open(path.join(service.dataDir, "assistant.sqlite"));
    try {
      const [detail] = await direct.conversation(rows[0]!.conversationId);
      expect(detail!.answer).toBe(shown.trim());
    } finally {
      await direct.close();
    }

    // And it stays so at the next start.
    const storage = await openStorage(
      { databaseFile: path.join(service.dataDir, "assistant.sqlite"), retentionDays: 180 },
      pino({ level: "silent" }),
    );
    try {
      expect((await storage.listEnquiries({ limit: 10, offset: 0 })).rows[0]!.status).toBe(
        "error_interrupted",
      );
    } finally {
      await storage.close();
    }
  });

  it("answers a JSON request still running after the grace period with a 503 saying why", async () => {
    const GRACE = 600;
    llm.respondWith({
      kind: "slow",
      chunks: [SENTENCES.join(""), ...Array.from({ length: 40 }, () => "这一目标")],
      delayMs: 200,
    });
    const service = await startService({ ...llmEnv(GRACE), LLM_TOTAL_TIMEOUT_MS: "60000" });
    await service.logged("ready");
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: service.port,
          path: "/api/chat",
          method: "POST",
          agent: false,
          headers: { "Content-Type": "application/json" },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ message: QUESTION }));
    });
    await until(async () => (llm.requests.length ? true : undefined), 10_000);
    service.child.kill("SIGTERM");
    const res = await reply;
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: "unavailable:shutdown",
      message: messages.http.shuttingDown,
    });
    expect((await service.exited).code).toBe(0);
    const { rows } = await storedEnquiries(service.dataDir);
    expect(rows[0]).toMatchObject({ question: QUESTION, status: "error_interrupted" });
  });
});
