/** npm run build:index — rebuilds the vector index from knowledge/ and saves it under DATA_DIR/index. */
import { loadConfig } from "../server/config.js";
import { loadKnowledgeBase } from "../server/knowledge/knowledgeBase.js";
import { createSearcher } from "../server/retrieval/createSearcher.js";
import { createLogger } from "../server/services.js";

const config = loadConfig();
const started = performance.now();
const knowledge = loadKnowledgeBase(config.knowledgeDir);
const { status } = await createSearcher(knowledge, config, createLogger({ logLevel: "warn" }), {
  forceRebuild: true,
});
console.log(
  `index built: ${knowledge.passages.length} passages from ${knowledge.documents.length} document(s), embedder ${status.embedder}, ` +
    `${Math.round(performance.now() - started)} ms → ${config.indexDir}`,
);
