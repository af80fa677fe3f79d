import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScriptedOpenAiServer } from "../support/scriptedOpenAi.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { freePort, startInstance, type Instance } from "../support/instances.js";
import { root } from "../support/services.js";

const NGINX = "/usr/sbin/nginx";
const PER_IP = 4;
const SENTENCE = "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";
const MORE = "这是对全市规上工业的整体要求[1]。";

/** The nginx block of docs/deploy.md, exactly as an operator would copy it. */
function documentedConfig(): string {
  const doc = fs.readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
  const blocks = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

/** Only addresses, ports and certificate paths change; a line the test expects but misses fails the test. */
function substitute(config: string, replacements: Array<[string, string]>): string {
  let out = config;
  for (const [from, to] of replacements) {
    expect(out, `docs/deploy.md's nginx block should contain “${from}”`).toContain(from);
    out = out.split(from).join(to);
  }
  return out;
}

let dir: string;
let postgres: TestPostgres;
const llm = new ScriptedOpenAiServer();
let instances: Instance[] = [];
let nginx: ChildProcess | undefined;
let nginxLog = "";
let tlsPort: number;
let httpPort: number;
let cert: string;

beforeAll(async () => {
  if (!fs.existsSync(NGINX)) throw new Error("nginx not found: apt-get install -y nginx (.ci/run does)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nginx-test-"));
  fs.chmodSync(dir, 0o755);
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase("deploy");
  const llmUrl = await llm.start();
  llm.respondWith({ kind: "text", chunks: [SENTENCE, MORE] });
  const env = {
    DATABASE_URL: databaseUrl,
    TRUST_PROXY: "1",
    RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP),
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: "100",
    OPENAI_BASE_URL: llmUrl,
    OPENAI_MODEL: "scripted-model",
    OPENAI_API_KEY: "test-key",
  };
  const first = await startInstance(env);
  const second = await startInstance(env, { indexFrom: path.join(first.dataDir, "index") });
  instances = [first, second];

  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "pipe" },
  );
  cert = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
  tlsPort = await freePort();
  httpPort = await freePort();
  const site = substitute(documentedConfig(), [
    ["127.0.0.1:3001", `127.0.0.1:${first.port}`],
    ["127.0.0.1:3002", `127.0.0.1:${second.port}`],
    ["listen 80;", `listen 127.0.0.1:${httpPort};`],
    ["listen 443 ssl http2;", `listen 127.0.0.1:${tlsPort} ssl http2;`],
    ["/etc/ssl/tandafeng/fullchain.pem", path.join(dir, "cert.pem")],
    ["/etc/ssl/tandafeng/privkey.pem", path.join(dir, "key.pem")],
  ]);
  // What /etc/nginx/nginx.conf provides around conf.d/, in the test's own directory.
  const main = `
${process.getuid?.() === 0 ? "user root;" : ""}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip on;
  gzip_types text/event-stream application/json;
${site}
}`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), main);
  execFileSync(NGINX, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "pipe" });
  nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  nginx.stderr!.on("data", (chunk) => (nginxLog += String(chunk)));
  await until(async () => (await get("/healthz", "127.0.0.1").catch(() => null))?.status === 200);
}, 180_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill("SIGTERM");
    await new Promise((resolve) => nginx!.once("exit", resolve));
  }
  for (const instance of instances) await instance.kill();
  await llm.stop();
  postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Over TLS to nginx, from the given local address (127.0.0.2, 127.0.0.3 … are different clients). */
function send(
  method: string,
  pathname: string,
  from: string,
  body?: object,
  headers: Record<string, string> = {},
  onData?: (chunk: string) => void,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: tlsPort,
        path: pathname,
        method,
        ca: cert,
        localAddress: from,
        agent: false,
        headers: { "Content-Type": "application/json", ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          onData?.(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const get = (pathname: string, from: string) => send("GET", pathname, from);
const chat = (from: string, headers: Record<string, string> = {}) =>
  send("POST", "/api/chat", from, { message: "规上工业单位增加值能耗到2025年要降多少" }, headers);

async function until(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms; nginx: ${nginxLog}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chatsServedBy = (instance: Instance) =>
  instance.logs.filter((l) => l.path === "/api/chat" && l.status === 200).length;

describe("nginx as docs/deploy.md configures it, in front of two instances on PostgreSQL", () => {
  it("redirects plain HTTP to HTTPS", async () => {
    const reply = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get({ host: "127.0.0.1", port: httpPort, path: "/api/benchmarks", agent: false }, resolve)
        .on("error", reject),
    );
    reply.resume();
    expect(reply.statusCode).toBe(301);
    expect(reply.headers.location).toBe("https://127.0.0.1/api/benchmarks");
  });

  it("passes each client's own address on (X-Forwarded-For): the per-address limit holds per real client, across both instances, and a forged header does not dodge it", async () => {
    const servedBefore = instances.map(chatsServedBy);
    const first: number[] = [];
    for (let i = 0; i < PER_IP; i++) first.push((await chat("127.0.0.2")).status);
    expect(first).toEqual(Array(PER_IP).fill(200));
    // Both instances answered some of them (round robin), yet the count was one.
    const served = instances.map((instance, i) => chatsServedBy(instance) - servedBefore[i]!);
    expect(served.every((n) => n > 0)).toBe(true);
    expect((await chat("127.0.0.2")).status).toBe(429);
    // A client naming another address itself is still itself: nginx appends the real one, the service reads that.
    const forged = await chat("127.0.0.2", { "X-Forwarded-For": "198.51.100.77" });
    expect(forged.status).toBe(429);
    expect(JSON.parse(forged.body).error.code).toBe("rate_limited:ip");
    // Another client is not held up by the first one's requests.
    expect((await chat("127.0.0.3")).status).toBe(200);
  });

  it("streams the chat's server-sent events as they are made, not buffered to the end", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    llm.respondWith({ kind: "gated", chunks: [SENTENCE], until: gate, after: [MORE] });
    let firstDelta = false;
    let reachedBeforeEnd: (value: boolean) => void;
    const sawDelta = new Promise<boolean>((resolve) => (reachedBeforeEnd = resolve));
    const reply = send(
      "POST",
      "/api/chat",
      "127.0.0.4",
      { message: "规上工业单位增加值能耗到2025年要降多少" },
      // As a browser asks: the stream must still not be compressed (gzip holds pieces back to fill blocks).
      { Accept: "text/event-stream", "Accept-Encoding": "gzip" },
      (chunk) => {
        if (!firstDelta && chunk.includes("event: delta")) {
          firstDelta = true;
          reachedBeforeEnd(true);
        }
      },
    );
    // The model has not finished (it waits for the gate): the first sentence reaching the client now
    // means nginx passed it on as it came. Buffered, nothing would arrive until the gate opened.
    let timer: NodeJS.Timeout | undefined;
    const noDelta = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 15_000)));
    const streamed = await Promise.race([sawDelta, noDelta]);
    clearTimeout(timer);
    open();
    const done = await reply;
    expect(streamed).toBe(true);
    expect(done.status).toBe(200);
    expect(done.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(done.headers["content-encoding"]).toBeUndefined();
    expect(done.body).toContain("event: done");
    expect(done.body).toContain("这是对全市规上工业的整体要求");
    llm.respondWith({ kind: "text", chunks: [SENTENCE, MORE] });
  });

  it("answers the public name's /metrics with 404: Prometheus scrapes each instance directly", async () => {
    expect((await get("/metrics", "127.0.0.5")).status).toBe(404);
  });
});
