import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type express from "express";
import pino, { type Logger } from "pino";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../server/app.js";
import type { AppServices } from "../../server/services.js";
import { LLM_ANSWER_DEFAULTS, loadConfig, type AppConfig, type LlmConfig } from "../../server/config.js";
import type { AnswerDeps } from "../../server/pipeline/context.js";
import type { OffTopicDetector } from "../../server/pipeline/guard/offTopic.js";
import { createOffTopicDetector } from "../../server/pipeline/createPipeline.js";
import type { AnswerPipeline } from "../../server/pipeline/index.js";
import { createServices } from "../../server/services.js";
import { ScriptedOpenAiServer } from "./scriptedOpenAi.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Short enough that every LLM fault test finishes within about two seconds, long enough that a busy
 * two-core machine running test files in parallel does not time out a healthy scripted reply.
 */
export const TEST_LLM_TIMEOUTS = { firstTokenTimeoutMs: 800, totalTimeoutMs: 2000 } as const;

export interface TestServicesOptions {
  /** Point the LLM config at a fresh ScriptedOpenAiServer (true), with these time-outs if given. */
  llm?:
    | boolean
    | Partial<Pick<LlmConfig, "firstTokenTimeoutMs" | "totalTimeoutMs" | "answerMaxChars" | "linkAllowlist">>;
}

export interface TestServices {
  app: express.Express;
  services: AppServices;
  config: AppConfig;
  /** The same parts the app's pipeline is built from, for stage tests that build their own context. */
  deps: AnswerDeps;
  offTopic: OffTopicDetector;
  llmServer?: ScriptedOpenAiServer;
  /** Every line the app logged, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Real services (knowledge, search index, calculators, pipeline, storage) on a temporary DATA_DIR
 * (the database included), optionally with an LLM configured against a scripted endpoint on 127.0.0.1.
 */
export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-test-"));
  const llmServer = options.llm ? new ScriptedOpenAiServer() : undefined;
  const baseURL = llmServer ? await llmServer.start() : undefined;
  // Tests send many requests from one address: no rate limit should ever answer for the pipeline.
  const base = loadConfig(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_IP_PER_MINUTE: "100000",
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: "100000",
    },
    root,
  );
  const timeouts =
    typeof options.llm === "object" ? { ...TEST_LLM_TIMEOUTS, ...options.llm } : TEST_LLM_TIMEOUTS;
  const config: AppConfig = {
    ...base,
    embeddings: null,
    llm: baseURL
      ? { baseURL, apiKey: "test-key", model: "scripted-model", ...LLM_ANSWER_DEFAULTS, ...timeouts }
      : null,
  };
  const logs: Array<Record<string, unknown>> = [];
  const services = await createServices(config, captureLogger(logs));
  const deps = pipelineDeps(services.pipeline);
  const offTopic = createOffTopicDetector(config.knowledgeDir, services.knowledge, services.searcher);
  return {
    app: createApp(services),
    services,
    config,
    deps,
    offTopic,
    llmServer,
    logs,
    async close() {
      await llmServer?.stop();
      await services.storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the services once for the file (beforeAll) and cleans up after it; read the fields inside tests. */
export function useTestServices(options: TestServicesOptions = {}): TestServices {
  let built: TestServices | undefined;
  beforeAll(async () => {
    built = await createTestServices(options);
  });
  afterAll(async () => {
    await built?.close();
  });
  const current = (): TestServices => {
    if (!built) throw new Error("Test services are built in beforeAll; read them inside a test or hook.");
    return built;
  };
  return {
    get app() {
      return current().app;
    },
    get services() {
      return current().services;
    },
    get config() {
      return current().config;
    },
    get deps() {
      return current().deps;
    },
    get offTopic() {
      return current().offTopic;
    },
    get llmServer() {
      return current().llmServer;
    },
    get logs() {
      return current().logs;
    },
    close: () => current().close(),
  };
}

/**
 * The parts the app's pipeline was built with (knowledge, searcher, calculators, LLM client, system
 * prompt, ...), so a stage test runs on exactly what the app runs on, whatever parts are added later.
 */
export function pipelineDeps(pipeline: AnswerPipeline): AnswerDeps {
  return (pipeline as unknown as { deps: AnswerDeps }).deps;
}

function captureLogger(into: Array<Record<string, unknown>>): Logger {
  return pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean))
          into.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
}
