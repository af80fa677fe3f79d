import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { HybridSearcher, PLAIN_FIELD_WEIGHTS } from "../../server/retrieval/hybridSearcher.js";
import { SynonymTable } from "../../server/retrieval/synonyms.js";
import { ChineseTokenizer } from "../../server/retrieval/tokenizer.js";

/**
 * The yardstick: plain BM25 over jieba's general dictionary — no domain words, no synonyms, no vectors,
 * and each passage's breadcrumb and text indexed once, with no field counting more than another.
 */
export function plainBm25Searcher(knowledge: KnowledgeBase): HybridSearcher {
  return new HybridSearcher({
    knowledge,
    tokenizer: new ChineseTokenizer(),
    synonyms: new SynonymTable([]),
    vectors: null,
    fieldWeights: PLAIN_FIELD_WEIGHTS,
  });
}
