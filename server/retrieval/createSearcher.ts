import path from "node:path";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import { endpointEmbeddings, offlineEmbeddings } from "./embeddings.js";
import { HybridSearcher } from "./hybridSearcher.js";
import { SynonymTable } from "./synonyms.js";
import { ChineseTokenizer } from "./tokenizer.js";
import { loadOrBuildVectorIndex, type NamedEmbeddings } from "./vectorIndex.js";

export interface SearcherStatus {
  embedder: string;
  indexRebuilt: boolean;
  fellBackToOffline: boolean;
}

export async function createSearcher(
  knowledge: KnowledgeBase,
  config: Pick<AppConfig, "knowledgeDir" | "indexDir" | "embeddings">,
  logger: Logger,
  options: { forceRebuild?: boolean } = {},
): Promise<{ searcher: HybridSearcher; status: SearcherStatus }> {
  const tokenizer = ChineseTokenizer.fromFile(path.join(config.knowledgeDir, "retrieval/dictionary.txt"));
  const synonyms = SynonymTable.fromFile(path.join(config.knowledgeDir, "retrieval/synonyms.json"));
  let named: NamedEmbeddings = config.embeddings
    ? endpointEmbeddings(config.embeddings)
    : offlineEmbeddings(knowledge);
  let fellBackToOffline = false;
  let loaded;
  try {
    loaded = await loadOrBuildVectorIndex(knowledge, named, config.indexDir, { force: options.forceRebuild });
  } catch (error) {
    if (!config.embeddings) throw error;
    // The endpoint could not embed the passages: serve with the offline vectors rather than not at all.
    logger.warn(
      { err: error },
      "embeddings endpoint failed while building the index; using offline embeddings",
    );
    named = offlineEmbeddings(knowledge);
    fellBackToOffline = true;
    loaded = await loadOrBuildVectorIndex(knowledge, named, `${config.indexDir}-offline`, {
      force: options.forceRebuild,
    });
  }
  if (loaded.rebuilt)
    logger.info({ passages: loaded.meta.passages, embedder: named.id }, "search index built");
  const searcher = new HybridSearcher({
    knowledge,
    tokenizer,
    synonyms,
    vectors: { store: loaded.store, embeddings: named },
  });
  return { searcher, status: { embedder: named.id, indexRebuilt: loaded.rebuilt, fellBackToOffline } };
}
