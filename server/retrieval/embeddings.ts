import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingEndpointConfig } from "../config.js";
import { HashedNgramEmbeddings } from "./hashedNgramEmbeddings.js";
import type { NamedEmbeddings } from "./vectorIndex.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import { passageSearchText } from "./searchText.js";

/** Fitted on the passages it will index, so n-gram weights follow this knowledge base. */
export function offlineEmbeddings(knowledge: KnowledgeBase): NamedEmbeddings {
  const embeddings = new HashedNgramEmbeddings().fit(knowledge.passages.map(passageSearchText));
  return { id: embeddings.id, embeddings };
}

/** An OpenAI-compatible embeddings endpoint, with our own time-out and a single retry. */
export function endpointEmbeddings(config: EmbeddingEndpointConfig): NamedEmbeddings {
  return {
    id: `endpoint:${config.baseURL}:${config.model}`,
    embeddings: new OpenAIEmbeddings({
      model: config.model,
      apiKey: config.apiKey,
      configuration: { baseURL: config.baseURL },
      timeout: config.timeoutMs,
      maxRetries: 1,
    }),
  };
}
