export interface Bm25Hit {
  index: number;
  score: number;
}

export interface WeightedToken {
  token: string;
  weight: number;
}

/** Okapi BM25 over pre-tokenised documents. Small corpora (hundreds of passages) fit in memory easily. */
export class Bm25Index {
  /** Per token, the documents holding it with the part of its score that depends on the document alone. */
  private readonly postings = new Map<string, Array<{ doc: number; part: number }>>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(
    documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = documents.map((tokens) => tokens.length);
    this.averageLength = this.lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, documents.length);
    documents.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        const list = this.postings.get(token) ?? [];
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.averageLength);
        list.push({ doc, part: (tf * (this.k1 + 1)) / norm });
        this.postings.set(token, list);
      }
    });
  }

  /** How rare a token is in the corpus (0 when unseen). */
  idf(token: string): number {
    const df = this.postings.get(token)?.length ?? 0;
    return df === 0 ? 0 : Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  get size(): number {
    return this.lengths.length;
  }

  search(query: WeightedToken[], limit: number): Bm25Hit[] {
    // Scores by document in an array, and the documents any token reached in a list (a Map costs more).
    const scores = new Float64Array(this.size);
    const reached = new Uint8Array(this.size);
    const hits: number[] = [];
    const seen = new Set<string>();
    for (const { token, weight } of query) {
      if (seen.has(token)) continue;
      seen.add(token);
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = Math.log(1 + (this.size - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, part } of list) {
        if (!reached[doc]) {
          reached[doc] = 1;
          hits.push(doc);
        }
        scores[doc]! += weight * idf * part;
      }
    }
    if (!Number.isInteger(limit) || limit <= 0)
      return hits
        .map((index) => ({ index, score: scores[index]! }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, limit);
    return best(hits, scores, limit).map((index) => ({ index, score: scores[index]! }));
  }
}

/**
 * The `limit` best documents, score down and then index up, as sorting them all and keeping the first
 * would give: a common word reaches most documents, and only a few of them can still enter the list.
 */
function best(docs: number[], scores: Float64Array, limit: number): number[] {
  const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  const top: number[] = [];
  for (const doc of docs) {
    if (top.length === limit && !before(doc, top[limit - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(doc, top[at - 1]!)) at--;
    top.splice(at, 0, doc);
    if (top.length > limit) top.pop();
  }
  return top;
}
