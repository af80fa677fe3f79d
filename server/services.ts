import path from "node:path";
import pino, { type Logger } from "pino";
import type { AppServices } from "./app.js";
import type { AppConfig } from "./config.js";
import { loadKnowledgeBase } from "./knowledge/knowledgeBase.js";
import { createSearcher } from "./retrieval/createSearcher.js";
import { calculatorDataFor } from "./calculators/data.js";
import { InMemoryConversationStore } from "./conversation/conversationStore.js";
import { calculatorPort, messageParser } from "./pipeline/calculators.js";
import { createPipeline } from "./pipeline/createPipeline.js";

export function createLogger(config: Pick<AppConfig, "logLevel">): Logger {
  return pino({ level: config.logLevel, redact: ["req.headers.authorization", "req.headers.cookie"] });
}

/** Loads the knowledge and the search index: everything the routes need before the port opens. */
export async function createServices(config: AppConfig, logger = createLogger(config)): Promise<AppServices> {
  const knowledge = loadKnowledgeBase(config.knowledgeDir);
  const { searcher, status } = await createSearcher(knowledge, config, logger);
  logger.info({ documents: knowledge.documents.length, passages: knowledge.passages.length, ...status }, "knowledge loaded");
  const data = calculatorDataFor(path.join(config.knowledgeDir, "data"));
  const calculators = calculatorPort({ data, gridFactorId: config.gridEmissionFactorId }, messageParser(data));
  const pipeline = createPipeline(config, knowledge, searcher, calculators);
  return { config, logger, knowledge, searcher, pipeline, conversations: new InMemoryConversationStore() };
}
