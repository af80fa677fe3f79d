import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type express from "express";
import pino from "pino";
import { createApp } from "../../server/app.js";
import type { AppServices } from "../../server/services.js";
import { loadConfig, type AppConfig } from "../../server/config.js";
import { createServices } from "../../server/services.js";
import type { Storage } from "../../server/storage/types.js";
import { root } from "./services.js";

export interface BuiltApp {
  app: express.Express;
  services: AppServices;
  config: AppConfig;
  /** The storage the service opened, before any wrapping the test asked for. */
  realStorage: Storage;
  /** Every log line, parsed, and as written. */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  dataDir: string;
  /** Closes the database; removes the data folder unless it is kept for a second app. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface BuildOptions {
  /** Changes to the configuration (rate limits, CORS origins, trust proxy, metrics token, ...). */
  config?: Partial<AppConfig>;
  /** Reuse a data folder (and its database), e.g. to start a second app after the first. */
  dataDir?: string;
  /** Wrap the storage the app is given, e.g. in a proxy that fails. */
  storage?: (real: Storage) => Storage;
}

/**
 * A real app (knowledge, index, pipeline, SQLite on a temporary DATA_DIR) built from a configuration
 * the test chooses, with every log line captured. Offline: no LLM, offline embeddings.
 */
export async function buildApp(options: BuildOptions = {}): Promise<BuiltApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "app-test-"));
  const base = loadConfig(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_IP_PER_MINUTE: "100000",
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: "100000",
    },
    root,
  );
  const config: AppConfig = {
    ...base,
    indexDir: sharedIndexDir(),
    llm: null,
    embeddings: null,
    ...options.config,
  };
  const logs: Array<Record<string, unknown>> = [];
  const rawLogs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        rawLogs.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const built = await createServices(config, pino({ level: "info" }, destination));
  const services: AppServices = options.storage
    ? { ...built, storage: options.storage(built.storage) }
    : built;
  return {
    app: createApp(services),
    services,
    config,
    realStorage: built.storage,
    logs,
    rawLogs,
    dataDir,
    async close({ keepData = false } = {}) {
      await built.sharing.close();
      await built.storage.close();
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let indexDir: string | undefined;

/** The search index is built once per test file and loaded by every app after: it only reads the knowledge. */
function sharedIndexDir(): string {
  if (!indexDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-test-index-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    indexDir = path.join(dir, "index");
  }
  return indexDir;
}

/** The storage with some methods replaced; everything else goes to the real one. */
export function storageWith(real: Storage, overrides: Partial<Storage>): Storage {
  return new Proxy(real, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Storage];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Listens on 127.0.0.1 on a free port; close() also cuts connections still open. */
export async function listen(
  app: express.Express | http.RequestListener,
): Promise<{ port: number; server: http.Server; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown> | null;
}

/**
 * One request with plain node:http, for what supertest cannot do: choose the client's own address
 * (any 127.x.y.z is loopback on Linux), so that two clients really differ without any proxy header.
 */
export function send(
  port: number,
  options: {
    method?: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    localAddress?: string;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: options.path,
        method: options.method ?? (payload ? "POST" : "GET"),
        localAddress: options.localAddress,
        agent: false,
        headers: { ...(payload ? { "Content-Type": "application/json" } : {}), ...options.headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let body: Record<string, unknown> | null = null;
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Polls until the probe gives a value, or fails after the time-out. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
