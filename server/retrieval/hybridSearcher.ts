import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { Passage } from "../knowledge/types.js";
import { Bm25Index, type WeightedToken } from "./bm25.js";
import { passageFields, type PassageFields } from "./searchText.js";
import type { SynonymTable } from "./synonyms.js";
import type { ChineseTokenizer } from "./tokenizer.js";
import type { NamedEmbeddings } from "./vectorIndex.js";

export interface SearchResult {
  passage: Passage;
  /** Reciprocal-rank-fusion score: higher is better; comparable only within one query. */
  score: number;
  signals: {
    bm25Rank: number | null;
    bm25Score: number;
    vectorRank: number | null;
    /** Cosine similarity of the lexical (or endpoint) vector, 0..1. */
    vectorSimilarity: number;
  };
}

export interface SearchResponse {
  results: SearchResult[];
  /** Plan terms added from the synonym table. */
  expandedTerms: string[];
  /** True when the vector side failed (e.g. the embeddings endpoint) and only BM25 ranked. */
  degraded: boolean;
}

/** Synonym-added terms count, but less than the words the person used. */
const SYNONYM_WEIGHT = 0.6;
const CANDIDATES = 40;
const TOKEN_CACHE_SIZE = 5000;

export interface HybridSearcherParts {
  knowledge: KnowledgeBase;
  tokenizer: ChineseTokenizer;
  synonyms: SynonymTable;
  vectors: { store: HNSWLib; embeddings: NamedEmbeddings } | null;
  /** How much each ranking counts in the fusion; see DEFAULT_FUSION_WEIGHTS. */
  weights?: { bm25: number; vector: number };
  rrfK?: number;
  bm25Params?: { k1: number; b: number };
  /** How many times each field's words are indexed; see DEFAULT_FIELD_WEIGHTS. */
  fieldWeights?: FieldWeights;
}

export type FieldWeights = Record<keyof PassageFields, number>;

/**
 * A passage is most about its own unit's title, so those words count twice; the titles above it are
 * shared by all its siblings and count once, like its text. A part's overview is also indexed with
 * the titles of what it introduces. (BM25F in its simplest form: a field's words are indexed that many
 * times.) Measured with `npm run eval`; see docs/adr/0002-retrieval.md.
 */
export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 2, context: 1, text: 1, children: 1 };
/** Breadcrumb and text once each, nothing else: what the plain BM25 baseline indexes. */
export const PLAIN_FIELD_WEIGHTS: FieldWeights = { title: 1, context: 1, text: 1, children: 0 };

/**
 * The offline vectors are a weaker ranker than BM25 (eval: R@1 0.60 alone against 0.85), so they
 * count less, and a small RRF constant keeps BM25's first rank ahead of its second: with the usual
 * 60, ranks 1 and 2 differ by less than any vector vote and the weak ranker reorders the top.
 * Measured with `npm run eval`; see docs/adr/0002-retrieval.md.
 */
export const DEFAULT_FUSION_WEIGHTS = { bm25: 1, vector: 0.2 };
const RRF_K = 2;
/** Passages are short and alike in length; full length normalisation (b = 0.75) over-rewards the shortest. */
const BM25_PARAMS = { k1: 1.2, b: 0.5 };

/** BM25 over jieba words (with a domain dictionary and synonyms) fused with a vector ranking. */
export class HybridSearcher {
  private readonly bm25: Bm25Index;
  private readonly passageIndex: Map<string, number>;
  private readonly weights: { bm25: number; vector: number };
  private readonly rrfK: number;

  constructor(private readonly parts: HybridSearcherParts) {
    const passages = parts.knowledge.passages;
    const fieldWeights = parts.fieldWeights ?? DEFAULT_FIELD_WEIGHTS;
    this.bm25 = new Bm25Index(
      passages.map((passage) => this.indexTokens(passageFields(passage, parts.knowledge), fieldWeights)),
      (parts.bm25Params ?? BM25_PARAMS).k1,
      (parts.bm25Params ?? BM25_PARAMS).b,
    );
    this.passageIndex = new Map(passages.map((passage, index) => [passage.id, index]));
    this.weights = parts.weights ?? DEFAULT_FUSION_WEIGHTS;
    this.rrfK = parts.rrfK ?? RRF_K;
  }

  private indexTokens(fields: PassageFields, weights: FieldWeights): string[] {
    return (Object.keys(weights) as Array<keyof PassageFields>).flatMap((field) => {
      const tokens = weights[field] > 0 && fields[field] ? this.parts.tokenizer.tokenize(fields[field]) : [];
      return Array.from({ length: weights[field] }, () => tokens).flat();
    });
  }

  get knowledge(): KnowledgeBase {
    return this.parts.knowledge;
  }

  /** The same words the index sees, for scoring sentences against a question. */
  tokenize(text: string): string[] {
    let tokens = this.tokenCache.get(text);
    if (!tokens) {
      tokens = this.parts.tokenizer.tokenize(text);
      // Answers tokenize the same question and sentences many times; a small cache, emptied when full.
      if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
      this.tokenCache.set(text, tokens);
    }
    return tokens;
  }

  private readonly tokenCache = new Map<string, string[]>();

  /** The text cut into words as written, every character kept. */
  segment(text: string): string[] {
    return this.parts.tokenizer.segment(text);
  }

  /** BM25's inverse document frequency of a token: rare plan words weigh more. */
  termWeight(token: string): number {
    return this.bm25.idf(token);
  }

  expand(query: string): string[] {
    return this.parts.synonyms.expand(query).added;
  }

  get vectorEnabled(): boolean {
    return this.parts.vectors !== null;
  }

  async search(query: string, k = 5): Promise<SearchResponse> {
    const expansion = this.parts.synonyms.expand(query);
    const lexical = this.bm25.search(this.weightedTokens(query, expansion.added), CANDIDATES);
    let vector: Array<{ index: number; similarity: number }> = [];
    let degraded = false;
    if (this.parts.vectors) {
      try {
        vector = await this.vectorSearch(expansion.expandedText);
      } catch {
        degraded = true;
      }
    }
    return { results: this.fuse(lexical, vector).slice(0, k), expandedTerms: expansion.added, degraded };
  }

  private weightedTokens(query: string, added: string[]): WeightedToken[] {
    // Through the cache: the question was tokenized already (the guard's search, the question's terms).
    const own = this.tokenize(query).map((token) => ({ token, weight: 1 }));
    const extra = added.flatMap((term) =>
      this.tokenize(term).map((token) => ({ token, weight: SYNONYM_WEIGHT })),
    );
    return [...own, ...extra];
  }

  private async vectorSearch(text: string): Promise<Array<{ index: number; similarity: number }>> {
    const { store, embeddings } = this.parts.vectors!;
    const queryVector = await embeddings.embeddings.embedQuery(text);
    const hits = await store.similaritySearchVectorWithScore(
      queryVector,
      Math.min(CANDIDATES, this.bm25.size),
    );
    return hits
      .map(([doc, distance]) => ({
        index: this.passageIndex.get(String(doc.metadata.passageId)) ?? -1,
        similarity: 1 - distance,
      }))
      .filter((hit) => hit.index >= 0);
  }

  private fuse(
    lexical: Array<{ index: number; score: number }>,
    vector: Array<{ index: number; similarity: number }>,
  ): SearchResult[] {
    const fused = new Map<number, SearchResult>();
    const entry = (index: number): SearchResult => {
      let result = fused.get(index);
      if (!result) {
        result = {
          passage: this.parts.knowledge.passages[index]!,
          score: 0,
          signals: { bm25Rank: null, bm25Score: 0, vectorRank: null, vectorSimilarity: 0 },
        };
        fused.set(index, result);
      }
      return result;
    };
    lexical.forEach((hit, rank) => {
      const result = entry(hit.index);
      result.score += this.weights.bm25 / (this.rrfK + rank + 1);
      result.signals.bm25Rank = rank + 1;
      result.signals.bm25Score = hit.score;
    });
    vector.forEach((hit, rank) => {
      const result = entry(hit.index);
      result.score += this.weights.vector / (this.rrfK + rank + 1);
      result.signals.vectorRank = rank + 1;
      result.signals.vectorSimilarity = hit.similarity;
    });
    return [...fused.values()].sort((a, b) => b.score - a.score);
  }
}
