/**
 * Bench section for a long LLM answer (issue 11): the answer's check reads each released sentence once,
 * so its cost grows with the answer's length, not with its square, and the event loop stays free while
 * it streams. Measured in process, against the tests' scripted OpenAI-compatible endpoint on 127.0.0.1:
 * the time to answer 2,000 and 20,000 sentences sent at once, and /healthz's latency while 100 KB
 * stream over about three seconds.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../../server/app.js";
import { LLM_ANSWER_DEFAULTS, type AppConfig } from "../../server/config.js";
import { createServices } from "../../server/services.js";
import { ScriptedOpenAiServer } from "../../test/support/scriptedOpenAi.js";
import type { BenchSection, Figure } from "./report.js";
import { summarise } from "./stats.js";

const HEALTHZ_TARGET_MS = 50;
const QUESTION = "规上工业单位增加值能耗到2025年要降多少";
const SENTENCE = "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";

function get(port: number, path: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        res.resume();
        res.on("end", () => resolve(performance.now() - started));
      })
      .on("error", reject);
  });
}

export const longAnswerBench: BenchSection<{ config: AppConfig }> = {
  name: "long LLM answer",
  describe:
    "an LLM answer of 2,000 and 20,000 sentences checked as it streams; /healthz while 100 KB stream (scripted endpoint, in process)",
  async run({ config }) {
    const endpoint = new ScriptedOpenAiServer();
    const baseURL = await endpoint.start();
    const services = await createServices(
      {
        ...config,
        rateLimits: { perIpPerMinute: 1e9, perConversationPerMinute: 1e9 },
        llm: {
          baseURL,
          apiKey: "bench",
          model: "scripted",
          firstTokenTimeoutMs: 10_000,
          totalTimeoutMs: 120_000,
          ...LLM_ANSWER_DEFAULTS,
          answerMaxChars: 1_000_000,
        },
      },
      pino({ level: "silent" }),
    );
    const server = createApp(services).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const answerOf = async (sentences: number, delayMs = 0) => {
        const chunks = Array.from({ length: sentences / 10 }, () => SENTENCE.repeat(10));
        endpoint.respondWith({ kind: "text", chunks, delayMs });
        const started = performance.now();
        const ctx = await services.pipeline.answer({
          message: QUESTION,
          conversationId: "bench",
          history: [],
        });
        if (ctx.status !== "answered")
          throw new Error(`the long answer ended ${ctx.status}: ${ctx.notes.join(" ")}`);
        return performance.now() - started;
      };
      await answerOf(2_000); // warm-up: the first run also compiles
      const short = await answerOf(2_000);
      const long = await answerOf(20_000);
      const hundredKb = Math.ceil((100 * 1024) / Buffer.byteLength(SENTENCE) / 10) * 10;
      // The longer runs' garbage is collected first: a pause for it would be theirs, not the stream's.
      (globalThis as { gc?: () => void }).gc?.();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      let streaming = true;
      const streamed = answerOf(hundredKb, 30).finally(() => (streaming = false));
      const samples: number[] = [];
      while (streaming) {
        samples.push(await get(port, "/healthz"));
        await new Promise((r) => setTimeout(r, 20));
      }
      await streamed;
      loop.disable();
      const healthz = summarise(samples);
      const bytes = (n: number) => `${((n * Buffer.byteLength(SENTENCE)) / 1024).toFixed(0)} KB`;
      const figures: Figure[] = [
        { label: "answer of 2,000 sentences", value: short, unit: "ms", note: bytes(2_000) },
        {
          label: "answer of 20,000 sentences",
          value: long,
          unit: "ms",
          note: `${bytes(20_000)}; ×${(long / short).toFixed(1)} the time for ×10 the text (linear: about ×10)`,
        },
        {
          label: "/healthz p50 during a 100 KB stream",
          value: healthz.p50,
          unit: "ms",
          note: `${healthz.count} probes`,
        },
        {
          label: "/healthz max during a 100 KB stream",
          value: healthz.max,
          unit: "ms",
          targetBelow: HEALTHZ_TARGET_MS,
        },
        {
          label: "longest event-loop block during it",
          value: loop.max / 1e6,
          unit: "ms",
          note: "perf_hooks.monitorEventLoopDelay; on a busy machine the scheduler adds to both",
        },
      ];
      return figures;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.storage.close();
      await endpoint.stop();
    }
  },
};
