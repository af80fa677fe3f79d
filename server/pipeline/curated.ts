/**
 * Answers written and reviewed by bureau staff. A question that is the same or nearly the same as a
 * curated one (same characters after removing punctuation and filler, or ≥ 0.8 bigram overlap) gets the
 * reviewed answer instead of a generated one.
 */
export interface ReviewedAnswer {
  id: number;
  question: string;
  answer: string;
  unitIds: string[];
}

export const NEAR_IDENTICAL = 0.8;

const FILLER = /请问|你好|您好|一下|我想问|想问|问一下|麻烦|谢谢|呢|吗|啊|呀|吧|的|了/g;

export function questionKey(question: string): string {
  return question.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "").replace(FILLER, "");
}

function bigrams(key: string): Set<string> {
  const chars = [...key];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) grams.add(chars[0]!);
  return grams;
}

export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

export class CuratedAnswerIndex {
  private entries: Array<ReviewedAnswer & { key: string }> = [];

  replaceAll(answers: ReviewedAnswer[]): void {
    this.entries = answers.map((answer) => ({ ...answer, key: questionKey(answer.question) }));
  }

  match(question: string): ReviewedAnswer | null {
    const key = questionKey(question);
    if (!key) return null;
    let best: { entry: ReviewedAnswer; score: number } | null = null;
    for (const entry of this.entries) {
      const score = entry.key === key ? 1 : similarity(entry.key, key);
      if (score >= NEAR_IDENTICAL && (!best || score > best.score)) best = { entry, score };
    }
    return best?.entry ?? null;
  }
}
