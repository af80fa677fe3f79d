import express from "express";
import type { Logger } from "pino";
import type { AppConfig } from "./config.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
import { requestId } from "./http/requestId.js";
import type { KnowledgeBase } from "./knowledge/knowledgeBase.js";
import type { HybridSearcher } from "./retrieval/hybridSearcher.js";
import type { CuratedAnswerIndex } from "./pipeline/curated.js";
import type { AnswerPipeline } from "./pipeline/index.js";
import type { Storage } from "./storage/types.js";
import { chatRouter } from "./routes/chat.js";
import { benchmarksRouter } from "./routes/benchmarks.js";
import { documentsRouter } from "./routes/documents.js";
import { healthRouter } from "./routes/health.js";
import { searchRouter } from "./routes/search.js";
import { toolsRouter } from "./routes/tools.js";

/** What the routes need; built once in main.ts (or by a test) and passed down. */
export interface AppServices {
  config: AppConfig;
  logger: Logger;
  knowledge: KnowledgeBase;
  searcher: HybridSearcher;
  pipeline: AnswerPipeline;
  storage: Storage;
  curated: CuratedAnswerIndex;
}

export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestId());
  app.use(express.json({ limit: "64kb" }));
  app.use(healthRouter(services));
  app.use("/api", searchRouter(services));
  app.use("/api", documentsRouter(services));
  app.use("/api", toolsRouter(services));
  app.use("/api", benchmarksRouter(services));
  app.use("/api", chatRouter(services));
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return app;
}
