import { Bm25Index } from "./bm25.js";

export interface BankQuestion {
  unitId: string;
  question: string;
}

/**
 * The questions people ask that each clause answers (knowledge/model, written from the clause), as a
 * second retriever: it maps how people talk ("老电机要换吗") onto the clause that answers it, where the
 * clause's own wording ("低效电机", "淘汰") shares few words with the question.
 */
export class QuestionBank {
  private readonly index: Bm25Index;

  constructor(
    readonly questions: BankQuestion[],
    private readonly tokenize: (text: string) => string[],
  ) {
    this.index = new Bm25Index(
      questions.map((q) => tokenize(q.question)),
      1.2,
      0.75,
    );
  }

  /**
   * Each unit's best match for the query, as a share of the best unit's (1 for the best, 0 unmatched).
   * `exclude` leaves one bank question out, so training on the bank does not find the question itself.
   */
  unitScores(query: string, exclude?: number): Map<string, number> {
    return new Map([...this.unitMatches(query, exclude)].map(([unitId, m]) => [unitId, m.share]));
  }

  /** The same bank with one question left out, for training on the bank's own questions. */
  without(exclude: number): Pick<QuestionBank, "unitMatches"> {
    return { unitMatches: (query: string) => this.unitMatches(query, exclude) };
  }

  /** Each unit's best BM25 score against the query (`score`) and its share of the best unit's (`share`). */
  unitMatches(query: string, exclude?: number): Map<string, { score: number; share: number }> {
    const hits = this.index.search(
      this.tokenize(query).map((token) => ({ token, weight: 1 })),
      60,
    );
    const best = new Map<string, number>();
    for (const hit of hits) {
      if (hit.index === exclude) continue;
      const unitId = this.questions[hit.index]!.unitId;
      best.set(unitId, Math.max(best.get(unitId) ?? 0, hit.score));
    }
    const top = Math.max(0, ...best.values());
    if (top <= 0) return new Map();
    return new Map([...best].map(([unitId, score]) => [unitId, { score, share: score / top }]));
  }
}
