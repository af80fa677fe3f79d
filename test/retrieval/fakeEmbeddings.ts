import { Embeddings } from "@langchain/core/embeddings";

/**
 * A small embedding for tests that works on Chinese: each character (any script) adds to one of
 * `dimensions` buckets by its code point, then the vector is L2-normalised. Counts its calls, so a
 * test can tell whether an index was rebuilt or loaded.
 */
export class CharacterBagEmbeddings extends Embeddings {
  documentCalls = 0;
  queryCalls = 0;

  constructor(private readonly dimensions = 64) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documentCalls += 1;
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.queryCalls += 1;
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const char of text) vector[char.codePointAt(0)! % this.dimensions]! += 1;
    const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
    return vector.map((v) => v / norm);
  }
}

/** An embeddings endpoint that is down: every call rejects. */
export class UnreachableEmbeddings extends Embeddings {
  constructor() {
    super({});
  }

  async embedDocuments(_texts: string[]): Promise<number[][]> {
    throw new Error("connect ECONNREFUSED 127.0.0.1:9");
  }

  async embedQuery(_text: string): Promise<number[]> {
    throw new Error("connect ECONNREFUSED 127.0.0.1:9");
  }
}
