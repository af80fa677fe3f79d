import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestServices } from "../support/services.js";

/**
 * A 100 KB LLM answer (about 1,000 sentences) streams for about two seconds while /healthz is asked
 * again and again: the check of each sentence reads that sentence only (linear in the answer's
 * length), so the event loop stays free and /healthz answers during the stream, not after it. How
 * fast it answers is a figure of `npm run bench` (healthz during a long LLM stream).
 */
const env = useTestServices({ llm: { answerMaxChars: 200_000, totalTimeoutMs: 30_000 } });
const GOOD = "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";
/** Ten sentences a chunk, enough chunks for more than 100 KB. */
const CHUNK = GOOD.repeat(10);
const CHUNKS = Math.ceil((100 * 1024) / Buffer.byteLength(CHUNK)) + 1;

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = env.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(path: string): Promise<{ status: number; at: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
      })
      .on("error", reject);
  });
}

/** The chat as a stream: resolves at its end with the done event, the bytes received and when the first delta came. */
function streamChat(
  message: string,
): Promise<{ done: Record<string, unknown>; bytes: number; firstDelta: number; end: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/chat",
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      },
      (res) => {
        let raw = "";
        let firstDelta = 0;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          raw += chunk;
          if (!firstDelta && raw.includes("event: delta")) firstDelta = performance.now();
        });
        res.on("end", () => {
          const done = JSON.parse(/event: done\ndata: (.*)\n/.exec(raw)![1]!) as Record<string, unknown>;
          resolve({ done, bytes: Buffer.byteLength(raw), firstDelta, end: performance.now() });
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ message }));
  });
}

describe("while an LLM answer of 100 KB streams", () => {
  it("serves the whole answer, checked, and /healthz answers during the stream without waiting for it", async () => {
    const chunks = Array.from({ length: CHUNKS }, () => CHUNK);
    env.llmServer!.respondWith({ kind: "text", chunks, delayMs: 20 });
    const chat = streamChat("规上工业单位增加值能耗到2025年要降多少");
    const probes: Array<{ status: number; sent: number; at: number }> = [];
    let streaming = true;
    void chat.finally(() => (streaming = false));
    while (streaming) {
      const sent = performance.now();
      probes.push({ ...(await get("/healthz")), sent });
      await new Promise((r) => setTimeout(r, 50));
    }
    const { done, bytes, firstDelta, end } = await chat;

    expect(done).toMatchObject({ status: "answered", mode: "llm" });
    expect(Buffer.byteLength(String(done.answer))).toBeGreaterThan(100 * 1024);
    expect(bytes).toBeGreaterThan(200 * 1024); // every sentence once as a delta, once in done
    const during = probes.filter((p) => p.sent > firstDelta && p.at < end);
    expect(during.length).toBeGreaterThanOrEqual(5);
    expect(during.every((p) => p.status === 200)).toBe(true);
  }, 60_000);
});
