import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingEndpointConfig } from "../config.js";
import { HashedNgramEmbeddings } from "./hashedNgramEmbeddings.js";
import type { NamedEmbeddings } from "./vectorIndex.js";

export function offlineEmbeddings(): NamedEmbeddings {
  const embeddings = new HashedNgramEmbeddings();
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
