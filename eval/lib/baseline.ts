import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { HybridSearcher } from "../../server/retrieval/hybridSearcher.js";
import { SynonymTable } from "../../server/retrieval/synonyms.js";
import { ChineseTokenizer } from "../../server/retrieval/tokenizer.js";

/** The yardstick: plain BM25 over jieba's general dictionary — no domain words, no synonyms, no vectors. */
export function plainBm25Searcher(knowledge: KnowledgeBase): HybridSearcher {
  return new HybridSearcher({ knowledge, tokenizer: new ChineseTokenizer(), synonyms: new SynonymTable([]), vectors: null });
}
