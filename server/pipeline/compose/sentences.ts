import type { SearchResult } from "../../retrieval/hybridSearcher.js";

export interface ScoredSentence {
  text: string;
  passageIndex: number;
  score: number;
}

/** The words of a question with how much each should count (rare words more, added synonyms less). */
export interface QuestionTerms {
  tokens: string[];
  weight(token: string): number;
}

/**
 * Words that say what kind of answer is wanted rather than what it is about: in "方案对中小企业有什么要求"
 * only 中小企业 tells the sentences apart; a sentence holding the rare word 要求 is no better for it.
 */
const FRAME_WORDS = new Set(
  (
    "要求 提法 说法 规定 有没有 是否 哪些 哪几 哪几种 哪类 哪种 什么 怎么 怎么样 如何 特别 具体 主要 方面 这块 那块 这部分 " +
    "那部分 部分 里面 提到 提的 希望 情况 内容 问题 办法 措施 对应 条目 分别 指的 到底 一下 我们 咱们 你们 他们 政府 " +
    "鼓励 支持 允许 限制 可以 能不能 应该 需要 知道 了解 想问 请问 帮我 告诉 列出 列全 抄一下 写 落脚"
  ).split(/\s+/),
);

/** How many passages an offline answer quotes, and so weighs for its lead. */
export const QUOTED_PASSAGES = 3;
/** How much lower-ranked passages' sentences are trusted: retrieval's order is evidence too (one per quoted passage). */
const RANK_PRIOR = [1, 0.75, 0.6];
const FIGURE_BONUS = 1.5;

/** Splits a passage into sentences, keeping a trailing responsibility clause off the sentence. */
export function sentencesOf(text: string): string[] {
  return (
    text
      .replace(/（(?:责任单位：)?[^（）]*?(?:牵头|负责|配合)[^（）]*?）/g, "")
      .match(/[^。；！？\n]+[。；！？]?/g) ?? []
  )
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}

/** The weight of the question's words a text holds, each word counted once; frame words barely count. */
export function overlap(text: string, terms: QuestionTerms): number {
  let sum = 0;
  for (const token of new Set(terms.tokens)) {
    if (token.length < 2 && !/\d/.test(token)) continue;
    if (!text.includes(token)) continue;
    sum += FRAME_WORDS.has(token) ? 0.1 : Math.max(terms.weight(token), 0.5);
  }
  return sum;
}

/** A passage the pipeline chose itself (search.ts pinnedResult) rather than found by searching. */
const isPinned = (result: SearchResult) => result.score === Infinity;
const UNPINNED_SHARE = 0.5;

const prior = (passageIndex: number) => RANK_PRIOR[passageIndex] ?? RANK_PRIOR.at(-1)!;

/** "通用设备能效提升。" opening its own passage: a heading, which names the subject but answers nothing. */
function isHeading(sentence: string, title: string | undefined): boolean {
  const bare = (text: string) => text.replace(/^[\d一二三四五六七八九十]+[.、．]\s*|[。；：:\s]/g, "");
  return title !== undefined && bare(sentence) === bare(title);
}

/** The sentence of one passage that best answers the question, or null when none shares a word with it. */
export function bestSentenceOf(
  text: string,
  terms: QuestionTerms,
  asksForFigure: boolean,
  title?: string,
  eligible: (sentence: string) => boolean = () => true,
): { text: string; score: number } | null {
  let best: { text: string; score: number } | null = null;
  const sentences = sentencesOf(text);
  for (const sentence of (sentences.length > 1
    ? sentences.filter((s) => !isHeading(s, title))
    : sentences
  ).filter(eligible)) {
    const score = overlap(sentence, terms) + (asksForFigure && /\d/.test(sentence) ? FIGURE_BONUS : 0);
    if (!best || score > best.score) best = { text: sentence, score };
  }
  return best && best.score > 0 ? best : null;
}

/**
 * Picks the sentence that best answers the question among the first passages: the rarest question
 * words it holds (weighted by IDF, each once), scaled by how well retrieval ranked its passage, and a
 * preference for a sentence with a figure when the question asks for one. `eligible` narrows the
 * sentences considered (a money question is answered by a sentence about money).
 */
export function bestSentence(
  passages: SearchResult[],
  terms: QuestionTerms,
  asksForFigure: boolean,
  eligible?: (sentence: string) => boolean,
): ScoredSentence | null {
  let best: ScoredSentence | null = null;
  const top = passages.slice(0, QUOTED_PASSAGES);
  // Passages the question pointed at ("专栏1里…", a follow-up's "里面") are where its answer is.
  const anyPinned = top.some(isPinned);
  top.forEach((result, passageIndex) => {
    const found = bestSentenceOf(
      result.passage.text,
      terms,
      asksForFigure,
      result.passage.breadcrumb.at(-1),
      eligible,
    );
    if (!found) return;
    const score = found.score * prior(passageIndex) * (anyPinned && !isPinned(result) ? UNPINNED_SHARE : 1);
    if (!best || score > best.score) best = { text: found.text, passageIndex, score };
  });
  return best;
}

/** The passage whose text best matches the question, with the same rank prior; the first on a tie. */
export function bestPassageIndex(
  passages: SearchResult[],
  terms: QuestionTerms,
  eligible: (r: SearchResult) => boolean,
): number {
  let bestIndex = -1;
  let bestScore = -1;
  passages.slice(0, QUOTED_PASSAGES).forEach((result, index) => {
    if (!eligible(result)) return;
    const score = overlap(result.passage.text, terms) * prior(index);
    if (score > bestScore) [bestIndex, bestScore] = [index, score];
  });
  return bestIndex;
}

/** A text's adjacent character pairs, punctuation and spaces left out: a wording-tolerant fingerprint. */
export function characterPairs(text: string): string[] {
  const chars = [...text.replace(/[\s\p{P}\p{S}]/gu, "")];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}
