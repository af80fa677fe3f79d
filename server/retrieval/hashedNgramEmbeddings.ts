import { Embeddings } from "@langchain/core/embeddings";

export const HASHED_NGRAM_DIMENSIONS = 1024;

/**
 * The offline embedding: character uni-, bi- and tri-grams of the text, hashed with a sign into a
 * fixed-size vector and L2-normalised. It needs no model and no network. It is honest about what it
 * is: a lexical fingerprint, so it finds passages that share characters and short words with the
 * question even where the word segmentation differs, but it knows nothing of meaning. Synonyms are
 * handled before it, by the synonym table.
 */
export class HashedNgramEmbeddings extends Embeddings {
  readonly id = `hashed-ngram-v1-${HASHED_NGRAM_DIMENSIONS}`;

  constructor(private readonly dimensions = HASHED_NGRAM_DIMENSIONS) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    const chars = [...text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")];
    const add = (gram: string, weight: number) => {
      const hash = fnv1a(gram);
      const sign = hash & 1 ? 1 : -1;
      vector[(hash >>> 1) % this.dimensions]! += sign * weight;
    };
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === " ") continue;
      add(chars[i]!, 0.5);
      if (i + 1 < chars.length && chars[i + 1] !== " ") add(chars[i]! + chars[i + 1]!, 1);
      if (i + 2 < chars.length && chars[i + 1] !== " " && chars[i + 2] !== " ") add(chars[i]! + chars[i + 1]! + chars[i + 2]!, 1);
    }
    // Sub-linear weighting: a phrase repeated ten times should not drown the rest.
    let norm = 0;
    for (let i = 0; i < vector.length; i++) {
      const v = vector[i]!;
      vector[i] = Math.sign(v) * Math.log1p(Math.abs(v));
      norm += vector[i]! * vector[i]!;
    }
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => v / norm);
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
