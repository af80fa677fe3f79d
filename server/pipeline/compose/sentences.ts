import type { SearchResult } from "../../retrieval/hybridSearcher.js";

export interface ScoredSentence {
  text: string;
  passageIndex: number;
  score: number;
}

/** Splits a passage into sentences, keeping a trailing responsibility clause off the sentence. */
export function sentencesOf(text: string): string[] {
  return (text.replace(/（(?:责任单位：)?[^（）]*?(?:牵头|负责|配合)[^（）]*?）/g, "").match(/[^。；！？\n]+[。；！？]?/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}

/**
 * Picks the sentence that best answers the question: the rarest question words it holds (weighted by
 * IDF), a small preference for the better-ranked passage, and for a sentence with a figure when the
 * question asks for one.
 */
export function bestSentence(
  passages: SearchResult[],
  questionTokens: string[],
  asksForFigure: boolean,
  weight: (token: string) => number,
): ScoredSentence | null {
  const tokens = [...new Set(questionTokens)].filter((t) => t.length >= 2 || /\d/.test(t));
  let best: ScoredSentence | null = null;
  passages.slice(0, 3).forEach((result, passageIndex) => {
    for (const sentence of sentencesOf(result.passage.text)) {
      const overlap = tokens.reduce((sum, token) => sum + (sentence.includes(token) ? Math.max(weight(token), 0.5) : 0), 0);
      const figureBonus = asksForFigure && /\d/.test(sentence) ? 1.5 : 0;
      const score = overlap + figureBonus - passageIndex * 0.5;
      if (!best || score > best.score) best = { text: sentence, passageIndex, score };
    }
  });
  return best;
}
