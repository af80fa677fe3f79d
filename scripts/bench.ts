/**
 * npm run bench [-- <section name> ...]
 *
 * Prints performance figures beside the targets; it never fails on a target. Each section is a
 * named function that measures one thing and returns its figures; add a section by appending to
 * SECTIONS. Everything is written to a temporary DATA_DIR, never to the repository's data/.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { loadRetrievalCases } from "../eval/lib/retrievalEval.js";
import { loadConfig, type AppConfig } from "../server/config.js";
import { loadKnowledgeBase } from "../server/knowledge/knowledgeBase.js";
import { createSearcher } from "../server/retrieval/createSearcher.js";
import { offlineEmbeddings } from "../server/retrieval/embeddings.js";
import { loadOrBuildVectorIndex } from "../server/retrieval/vectorIndex.js";
import type { AddressInfo } from "node:net";
import { createApp } from "../server/app.js";
import type { AppServices } from "../server/services.js";
import { createServices } from "../server/services.js";
import { printSection, type BenchSection, type Figure } from "./bench/report.js";
import { median, summarise, timed } from "./bench/stats.js";
import { widgetBench } from "./bench/widget.js";
import { longAnswerBench } from "./bench/longAnswer.js";
import { instancesBench } from "./bench/instances.js";
import { loadFromSecondProcess } from "./bench/loadClient.js";

interface BenchContext {
  root: string;
  /** Offline configuration on a temporary DATA_DIR. */
  config: AppConfig;
}

const READY_MESSAGE = "碳达峰政策助手 ready";
const SEARCH_P99_TARGET_MS = 5;
const READY_TARGET_MS = 2000;
const silent = pino({ level: "silent" });

/** Makes sure DATA_DIR holds a current index, so later sections measure loading, not building. */
async function ensureIndex(config: AppConfig): Promise<void> {
  await createSearcher(loadKnowledgeBase(config.knowledgeDir), config, silent);
}

const indexBuild: BenchSection<BenchContext> = {
  name: "index build",
  describe: "parse knowledge/, then build and save the offline vector index (forced), 3 runs",
  async run({ config }) {
    const parse = await timed(() => loadKnowledgeBase(config.knowledgeDir));
    const knowledge = parse.result;
    const vectorRuns: number[] = [];
    const searcherRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      const dir = path.join(config.dataDir, `bench-index-${run}`);
      vectorRuns.push(
        (
          await timed(() =>
            loadOrBuildVectorIndex(knowledge, offlineEmbeddings(knowledge), dir, { force: true }),
          )
        ).ms,
      );
      searcherRuns.push(
        (await timed(() => createSearcher(knowledge, config, silent, { forceRebuild: true }))).ms,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const runs = (values: number[]) => `runs: ${values.map((v) => v.toFixed(0)).join(", ")} ms`;
    return [
      {
        label: "parse knowledge",
        value: parse.ms,
        unit: "ms",
        note: `${knowledge.documents.length} document(s), ${knowledge.passages.length} passages`,
      },
      { label: "vector index build (median)", value: median(vectorRuns), unit: "ms", note: runs(vectorRuns) },
      {
        label: "createSearcher, forced rebuild (median)",
        value: median(searcherRuns),
        unit: "ms",
        note: `tokenizer + BM25 + vectors; ${runs(searcherRuns)}`,
      },
    ];
  },
};

/** Spawns the server, waits for its ready line, stops it; returns the wall time and what it reported. */
async function startOnce(
  { root, config }: BenchContext,
  args: string[],
): Promise<{ wallMs: number; readyMs: number; indexRebuilt: unknown }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATA_DIR: config.dataDir,
      KNOWLEDGE_DIR: config.knowledgeDir,
      // Offline, whatever the shell has configured.
      OPENAI_BASE_URL: "",
      OPENAI_MODEL: "",
      OPENAI_EMBEDDING_MODEL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    return await new Promise((resolve, reject) => {
      let indexRebuilt: unknown = "unknown";
      const timer = setTimeout(
        () => reject(new Error(`no "${READY_MESSAGE}" line within 30 s; stderr: ${stderr.slice(-500)}`)),
        30_000,
      );
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return;
        }
        if (entry.msg === "knowledge loaded") indexRebuilt = entry.indexRebuilt;
        if (entry.msg === READY_MESSAGE) {
          clearTimeout(timer);
          resolve({ wallMs: performance.now() - started, readyMs: Number(entry.readyMs), indexRebuilt });
        }
      });
      exited.then((code) =>
        reject(new Error(`server exited (code ${code}) before it was ready; stderr: ${stderr.slice(-500)}`)),
      );
    });
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  }
}

const startup: BenchSection<BenchContext> = {
  name: "start-up to ready",
  describe:
    "spawn the server (PORT=0, offline) with the index built, until its ready log line; 3 runs of `node --import tsx server/main.ts`, " +
    "and of `node dist/server/main.js` (what npm start runs) when a build is present",
  async run(context) {
    await ensureIndex(context.config);
    const variants: Array<{ name: string; args: string[]; note: string }> = [
      {
        name: "tsx",
        args: ["--import", "tsx", "server/main.ts"],
        note: "includes tsx compiling the sources",
      },
    ];
    const built = path.join(context.root, "dist", "server", "main.js");
    if (fs.existsSync(built))
      variants.push({
        name: "dist",
        args: [built],
        note: `dist/ as last built, ${fs.statSync(built).mtime.toISOString()}`,
      });
    const list = (values: number[]) => `runs: ${values.map((v) => v.toFixed(0)).join(", ")} ms`;
    const figures: Figure[] = [];
    for (const variant of variants) {
      const runs = [];
      for (let run = 0; run < 3; run++) runs.push(await startOnce(context, variant.args));
      const wall = runs.map((r) => r.wallMs);
      const ready = runs.map((r) => r.readyMs);
      figures.push(
        {
          label: `${variant.name}: wall time, spawn to ready (median)`,
          value: median(wall),
          unit: "ms",
          targetBelow: READY_TARGET_MS,
          note: `${list(wall)}; ${variant.note}`,
        },
        {
          label: `${variant.name}: readyMs inside the process (median)`,
          value: median(ready),
          unit: "ms",
          targetBelow: READY_TARGET_MS,
          note: `${list(ready)}; knowledge + index load to listening`,
        },
        {
          label: `${variant.name}: runs that rebuilt the index`,
          value: runs.filter((r) => r.indexRebuilt !== false).length,
          unit: "count",
          note: "0: the saved index was reused",
        },
      );
    }
    if (variants.length === 1) {
      figures.push({
        label: "dist: wall time, spawn to ready",
        value: Number.NaN,
        unit: "ms",
        note: "not measured: no dist/server/main.js; `npm run build` first",
      });
    }
    return figures;
  },
};

const searchLatency: BenchSection<BenchContext> = {
  name: "search latency",
  describe: "every question of eval/retrieval-questions.jsonl, in-process, warm, k=5, offline vectors",
  async run({ root, config }) {
    const ROUNDS = 5;
    const questions = loadRetrievalCases(path.join(root, "eval", "retrieval-questions.jsonl")).map(
      (c) => c.question,
    );
    const { searcher } = await createSearcher(loadKnowledgeBase(config.knowledgeDir), config, silent);
    for (const question of questions) await searcher.search(question, 5); // warm-up round, not counted
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const question of questions) {
        const started = performance.now();
        await searcher.search(question, 5);
        samples.push(performance.now() - started);
      }
    }
    const s = summarise(samples);
    const note = `${questions.length} questions × ${ROUNDS} rounds = ${s.count} searches`;
    return [
      { label: "p50", value: s.p50, unit: "ms", note },
      { label: "p99", value: s.p99, unit: "ms", targetBelow: SEARCH_P99_TARGET_MS },
      { label: "max", value: s.max, unit: "ms" },
      { label: "mean", value: s.mean, unit: "ms" },
    ];
  },
};

const CHAT_P99_TARGET_MS = 50;
const CHAT_RPS_TARGET = 500;

const chatLoad: BenchSection<BenchContext> = {
  name: "chat load",
  describe:
    "POST /api/chat offline (JSON) with storage on, questions of eval/answer-cases.jsonl, load from a second process (autocannon)",
  async run({ config }) {
    await ensureIndex(config);
    const app = await serveApp(config);
    const url = app.url;
    try {
      await loadFromSecondProcess([url], 4, 2); // warm-up
      const single = await loadFromSecondProcess([url], 1, 8);
      const rssBefore = process.memoryUsage().rss;
      const loaded = await loadFromSecondProcess([url], 8, 10);
      const stressed = await loadFromSecondProcess([url], 32, 10);
      const rssAfter = process.memoryUsage().rss;
      const counts = (r: typeof loaded) => `${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors`;
      return [
        {
          label: "latency p50, 1 connection",
          value: single.p50,
          unit: "ms",
          note: `${single.requests} requests`,
        },
        {
          label: "latency p99, 1 connection",
          value: single.p99,
          unit: "ms",
          targetBelow: CHAT_P99_TARGET_MS,
        },
        {
          label: "throughput, 8 connections",
          value: loaded.rps,
          unit: "req/s",
          targetAbove: CHAT_RPS_TARGET,
          note: counts(loaded),
        },
        { label: "latency p50, 8 connections", value: loaded.p50, unit: "ms" },
        {
          label: "latency p99, 8 connections",
          value: loaded.p99,
          unit: "ms",
          targetBelow: CHAT_P99_TARGET_MS,
        },
        // Past saturation: latency is queueing, throughput shows the ceiling.
        { label: "throughput, 32 connections", value: stressed.rps, unit: "req/s", note: counts(stressed) },
        { label: "latency p99, 32 connections", value: stressed.p99, unit: "ms" },
        {
          label: "server RSS after load",
          value: rssAfter / 1048576,
          unit: "MB",
          note: `before ${(rssBefore / 1048576).toFixed(1)} MB`,
        },
        {
          label: "enquiries stored",
          value: await app.services.storage.countMessages(),
          unit: "count",
          note: "SQLite (WAL) in the bench's DATA_DIR",
        },
      ];
    } finally {
      await app.close();
    }
  },
};

/** Serves the real app (storage on, in the bench's temporary DATA_DIR) on a free loopback port. */
async function serveApp(config: AppConfig) {
  // The bench is one client on 127.0.0.1: lift the per-IP limits it would otherwise meet at once.
  const services = await createServices(
    { ...config, rateLimits: { perIpPerMinute: 1e9, perConversationPerMinute: 1e9 } },
    silent,
  );
  const server = createApp(services).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`;
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.storage.close();
  };
  return { services, url, close };
}

const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 180);
/** Heap growth (after GC, last third against first third of the soak) beyond this reads as a leak. */
const SOAK_HEAP_GROWTH_LIMIT_MB = 16;

/** Enquiries in the database that are finished (not pending), however many were stored before. */
async function finishedEnquiries(storage: AppServices["storage"]): Promise<number> {
  const all = (await storage.listEnquiries({ limit: 1, offset: 0 })).total;
  const pending = (await storage.listEnquiries({ status: "pending", limit: 1, offset: 0 })).total;
  return all - pending;
}

/** 200s the server itself sent for POST /api/chat (its own metrics): what "answered" means, not what the client managed to count. */
async function chatAnswersSent(metrics: AppServices["metrics"]): Promise<number> {
  const metric = metrics.registry.getSingleMetric("tdf_http_requests_total");
  const values = metric ? (await metric.get()).values : [];
  return values
    .filter((v) => v.labels.route === "/api/chat" && v.labels.method === "POST" && v.labels.status === "200")
    .reduce((sum, v) => sum + v.value, 0);
}

const soak: BenchSection<BenchContext> = {
  name: "soak",
  describe:
    `POST /api/chat offline with storage on for ${SOAK_SECONDS} s (4 connections, second process): heap over time against a ` +
    `${SOAK_HEAP_GROWTH_LIMIT_MB} MB growth limit, and finished enquiries stored against answers the server sent (any difference, either way, is shown)`,
  async run({ config }) {
    await ensureIndex(config);
    const app = await serveApp(config);
    try {
      const storedBefore = await finishedEnquiries(app.services.storage);
      const sentBefore = await chatAnswersSent(app.services.metrics);
      const samples: Array<{ at: number; rss: number; heap: number }> = [];
      // With --expose-gc (npm run bench) the heap is measured after a full collection, so growth is real.
      const collect = (globalThis as { gc?: () => void }).gc;
      const sampler = setInterval(() => {
        collect?.();
        const m = process.memoryUsage();
        samples.push({ at: Date.now(), rss: m.rss, heap: m.heapUsed });
      }, 5000);
      const load = await loadFromSecondProcess([app.url], 4, SOAK_SECONDS);
      clearInterval(sampler);
      // Answers still being made when the client stopped: wait for them to be stored, not a guessed while.
      const drained = await app.services.inflight.drain(10_000);
      const stored = (await finishedEnquiries(app.services.storage)) - storedBefore;
      const sent = (await chatAnswersSent(app.services.metrics)) - sentBefore;
      const difference = stored - sent;
      const third = Math.max(1, Math.floor(samples.length / 3));
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length) / 1048576;
      const firstHeap = avg(samples.slice(0, third).map((x) => x.heap));
      const lastHeap = avg(samples.slice(-third).map((x) => x.heap));
      const matchNote =
        difference === 0
          ? "every answer sent is stored, finished, and nothing else"
          : difference < 0
            ? `${-difference} answered but not stored as finished: LOST or left pending`
            : `${difference} stored as finished but never sent as a 200: counted wrongly or answered twice`;
      return [
        {
          label: "answers sent (server's 200s)",
          value: sent,
          unit: "count",
          note: `client counted ${load.ok} 2xx of ${load.requests}; ${load.rps.toFixed(0)} req/s, p99 ${load.p99} ms, ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} time-outs${drained ? "" : "; answers still running after 10 s"}`,
        },
        { label: "enquiries stored, finished", value: stored, unit: "count", note: matchNote },
        {
          label: "stored − sent, absolute",
          value: Math.abs(difference),
          unit: "count",
          targetBelow: 1,
          note: difference ? `stored ${difference > 0 ? "more" : "fewer"} than sent` : undefined,
        },
        {
          label: `heap${collect ? " after GC" : " (no --expose-gc: not after GC)"}, first third (mean)`,
          value: firstHeap,
          unit: "MB",
          note: `${samples.length} samples, every 5 s`,
        },
        { label: "heap, last third (mean)", value: lastHeap, unit: "MB" },
        {
          label: "heap growth, last third − first",
          value: lastHeap - firstHeap,
          unit: "MB",
          targetBelow: SOAK_HEAP_GROWTH_LIMIT_MB,
          note: `over ${SOAK_SECONDS} s`,
        },
        { label: "RSS at the end", value: (samples.at(-1)?.rss ?? 0) / 1048576, unit: "MB" },
      ];
    } finally {
      await app.close();
    }
  },
};

const SECTIONS: Array<BenchSection<BenchContext>> = [
  indexBuild,
  startup,
  searchLatency,
  chatLoad,
  soak,
  widgetBench,
  longAnswerBench,
  instancesBench,
];

async function main(): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const chosen = wanted.length ? SECTIONS.filter((s) => wanted.some((w) => s.name.includes(w))) : SECTIONS;
  if (chosen.length === 0) {
    console.error(
      `No bench section matches ${wanted.join(", ")}. Sections: ${SECTIONS.map((s) => s.name).join(", ")}`,
    );
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tandafeng-bench-"));
  const config: AppConfig = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }, root),
    embeddings: null,
    llm: null,
  };
  console.log(
    `bench on Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}; DATA_DIR ${dataDir}`,
  );
  try {
    for (const section of chosen) {
      try {
        printSection(section, await section.run({ root, config }));
      } catch (error) {
        console.log(`\n== ${section.name}: failed: ${(error as Error).message}`);
        process.exitCode = 1;
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
