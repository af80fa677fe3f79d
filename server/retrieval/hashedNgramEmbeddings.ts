import { Embeddings } from "@langchain/core/embeddings";

export const HASHED_NGRAM_DIMENSIONS = 1024;

/**
 * The offline embedding: character uni-, bi- and tri-grams of the text, weighted by how rare they are
 * in the knowledge base (IDF, fitted on the passages), hashed with a sign into a fixed-size vector and
 * L2-normalised. It needs no model and no network. It is honest about what it is: a lexical
 * fingerprint, so it finds passages that share characters and short words with the question even
 * where the word segmentation differs, but it knows nothing of meaning. Synonyms are handled before
 * it, by the synonym table.
 */
export class HashedNgramEmbeddings extends Embeddings {
  readonly id = `hashed-ngram-idf-v2-${HASHED_NGRAM_DIMENSIONS}`;
  private readonly idf = new Map<string, number>();
  private defaultIdf = 1;

  constructor(private readonly dimensions = HASHED_NGRAM_DIMENSIONS) {
    super({});
  }

  /** Learns n-gram rarity from the corpus; deterministic, so the same corpus gives the same vectors. */
  fit(corpus: string[]): this {
    const documentFrequency = new Map<string, number>();
    for (const text of corpus) {
      for (const gram of new Set(ngrams(text).map(([g]) => g)))
        documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
    }
    const n = corpus.length;
    for (const [gram, df] of documentFrequency) this.idf.set(gram, Math.log(1 + n / df));
    // A gram the corpus never saw cannot match a passage; give it the weight of the rarest seen.
    this.defaultIdf = Math.log(1 + n);
    return this;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const counts = new Map<string, { count: number; weight: number }>();
    for (const [gram, weight] of ngrams(text)) {
      const entry = counts.get(gram) ?? { count: 0, weight };
      entry.count += 1;
      counts.set(gram, entry);
    }
    const vector = new Float64Array(this.dimensions);
    for (const [gram, { count, weight }] of counts) {
      const hash = fnv1a(gram);
      const sign = hash & 1 ? 1 : -1;
      // Sub-linear term frequency: a phrase repeated ten times should not drown the rest.
      const value = weight * (1 + Math.log(count)) * (this.idf.get(gram) ?? this.defaultIdf);
      vector[(hash >>> 1) % this.dimensions]! += sign * value;
    }
    // Plain indexed loops: a query is embedded on every answer, and Array.from with a callback costs more.
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    norm = Math.sqrt(norm) || 1;
    const unit = new Array<number>(vector.length);
    for (let i = 0; i < vector.length; i++) unit[i] = vector[i]! / norm;
    return unit;
  }
}

/** Uni-grams count half: single characters say little in Chinese; bi- and tri-grams carry the words. */
function ngrams(text: string): Array<[string, number]> {
  const grams: Array<[string, number]> = [];
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      grams.push([chars[i]!, 0.5]);
      if (i + 1 < chars.length) grams.push([chars[i]! + chars[i + 1]!, 1]);
      if (i + 2 < chars.length) grams.push([chars[i]! + chars[i + 1]! + chars[i + 2]!, 1]);
    }
  }
  return grams;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
