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
  /**
   * Words that say what kind of answer is wanted rather than what it is about (knowledge/language,
   * `frame`): in "方案对中小企业有什么要求" only 中小企业 tells the sentences apart; a sentence holding the
   * rare word 要求 is no better for it.
   */
  frame?: ReadonlySet<string>;
  /** Years the question names ("2025"): a sentence of that year answers it, one of another year does not. */
  years?: string[];
  /** The question asks how much ("多少"): a quantity is the figure it wants, not a year. */
  asksQuantity?: boolean;
  /** The question asks when ("啥时候达峰"): a sentence with no year in it cannot answer. */
  asksWhen?: boolean;
  /** Asked with a word of time, which only a sentence with a year or figure can answer. */
  asksTime?: boolean;
  /** "明令不许上哪些项目": the words that forbid, one of which the answering sentence holds. */
  prohibitionWords?: string[];
  /** "适用于哪些企业": the kind asked for, whose instances the answering sentence names. */
  askedKind?: string;
  /** "按什么标准评": a kind of document is asked for, whose instances are titles in 《》. */
  asksForDocument?: boolean;
}

/** How many passages an offline answer quotes, and so weighs for its lead. */
export const QUOTED_PASSAGES = 3;
/** How much lower-ranked passages' sentences are trusted: retrieval's order is evidence too (one per quoted passage). */
const RANK_PRIOR = [1, 0.75, 0.6];
const FIGURE_BONUS = 1.5;

/**
 * The sentences of texts already split: the same passages are split for every answer that retrieves
 * them (for the lead ranking and again for the composer). Emptied when it grows past its bound.
 */
const split = new Map<string, string[]>();
const SPLIT_KEPT = 4096;

/** Splits a passage into sentences, keeping a trailing responsibility clause off the sentence. */
export function sentencesOf(text: string): string[] {
  let sentences = split.get(text);
  if (!sentences) {
    if (split.size >= SPLIT_KEPT) split.clear();
    sentences = splitSentences(text);
    split.set(text, sentences);
  }
  return [...sentences];
}

function splitSentences(text: string): string[] {
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
  for (const [token, weight] of weighedTokens(terms)) if (text.includes(token)) sum += weight;
  return sum;
}

const weighed = new WeakMap<
  QuestionTerms,
  { from: Pick<QuestionTerms, "tokens" | "weight" | "frame">; tokens: Array<[string, number]> }
>();

/**
 * Each word overlap counts, once, in the question's order, with what it weighs: worked out once per
 * set of terms rather than for every sentence weighed against them.
 */
function weighedTokens(terms: QuestionTerms): Array<[string, number]> {
  const cached = weighed.get(terms);
  const { tokens, weight, frame } = terms;
  if (cached && cached.from.tokens === tokens && cached.from.weight === weight && cached.from.frame === frame)
    return cached.tokens;
  const counted: Array<[string, number]> = [];
  for (const token of new Set(tokens)) {
    if (token.length < 2 && !/\d/.test(token)) continue;
    counted.push([token, frame?.has(token) ? 0.1 : Math.max(weight(token), 0.5)]);
  }
  weighed.set(terms, { from: { tokens, weight, frame }, tokens: counted });
  return counted;
}

/** How much of the question the headings above a sentence hold counts toward the sentence. */
const HEADING_SHARE = 0.5;

/** A passage the pipeline chose itself (search.ts pinnedResult) rather than found by searching. */
const isPinned = (result: SearchResult) => result.score === Infinity;
const UNPINNED_SHARE = 0.5;

const prior = (passageIndex: number) => RANK_PRIOR[passageIndex] ?? RANK_PRIOR.at(-1)!;

/** "通用设备能效提升。" opening its own passage: a heading, which names the subject but answers nothing. */
/** Whether a sentence is only its clause's title ("调整优化用能结构。" of "1. 调整优化用能结构"). */
export function isHeading(sentence: string, title: string | undefined): boolean {
  const bare = (text: string) => text.replace(/^[\d一二三四五六七八九十]+[.、．]\s*|[。；：:\s]/g, "");
  return title !== undefined && bare(sentence) === bare(title);
}

/** A sentence of another year than the one asked about answers little of it; one of that year, more. */
const YEAR_MATCH = 1.5;
const YEAR_MISMATCH = 0.3;

function yearAgreement(sentence: string, years: string[] | undefined): number {
  if (!years?.length) return 1;
  const own = [...sentence.matchAll(/(20\d{2})\s*年/g)].map((m) => m[1]!);
  if (own.length === 0) return 1;
  return own.some((year) => years.includes(year)) ? YEAR_MATCH : YEAR_MISMATCH;
}

/** A sentence that forbids answers "不许上哪些"; one that does not, however much it shares, hardly does. */
const FORBIDS = { yes: 1.5, no: 0.4 };

function forbidding(sentence: string, words: string[] | undefined): number {
  if (!words) return 1;
  return words.some((word) => sentence.includes(word)) ? FORBIDS.yes : FORBIDS.no;
}

/** "多少" of a sentence with no quantity in it, "啥时候" of one with no year: it may name the subject, but it cannot answer. */
const NO_QUANTITY = 0.5;
/** A sentence with no year or figure cannot say when: it answers "啥时候达峰" only if nothing else does. */
const NO_TIME = 0.15;

/**
 * Whether a sentence holds the kind of figure asked for: for "多少" a quantity ("70%", "102千克"), not a
 * year alone ("2030年，入园率进一步提升" sets no share); otherwise any figure, a target's year included.
 */
function holdsFigure(sentence: string, terms: QuestionTerms): boolean {
  if (!terms.asksQuantity) return /\d/.test(sentence);
  const quantity = /\d+(?:\.\d+)?(?!\d|\.\d|\s*年|[-—–]\d)/.test(
    sentence.replace(/\d{4}\s*[-—–]\s*\d{4}\s*年/g, ""),
  );
  // "要达到多少？哪年完成？": both, a quantity and its year.
  return quantity && (!terms.asksTime || /\d{4}\s*年/.test(sentence));
}

/**
 * A sentence naming instances of the kind asked for answers "哪些…" more than one that names the kind:
 * most when it enumerates them, less when it only qualifies the kind ("市场导向的…技术创新体系").
 */
const INSTANCES_BONUS = { enumerated: 2, qualified: 1.5 };
/** How far before the kind's noun an enumeration or qualifier may start. */
const QUALIFIER_REACH = 12;

/** "汽车、机械、电子、家电等行业龙头企业", "具备条件的省级及以上园区": the kind named by its instances. */
export function namesInstances(sentence: string, kind: string): "enumerated" | "qualified" | null {
  let found: "qualified" | null = null;
  for (let at = sentence.indexOf(kind); at > 0; at = sentence.indexOf(kind, at + 1)) {
    const before = sentence
      .slice(Math.max(0, at - QUALIFIER_REACH), at)
      .split(/[，。；：]/)
      .at(-1)!
      // "2、推进行业…": the 、 of an item's number enumerates nothing.
      .replace(/^[\d一二三四五六七八九十]+、/, "");
    // Instances closed by 等 ("天然气或电等清洁能源替代"), or listed up to the noun ("…、家电行业"); in
    // "上下游、行业间企业" the kind is itself an item of the list.
    if (/等|、[^、]+$/.test(before)) return "enumerated";
    if (before.includes("的")) found = "qualified";
  }
  return found;
}

function instancesBonus(sentence: string, kind: string | undefined): number {
  const named = kind ? namesInstances(sentence, kind) : null;
  return named ? INSTANCES_BONUS[named] : 1;
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
    const figure = asksForFigure && holdsFigure(sentence, terms);
    const score =
      (overlap(sentence, terms) + (figure ? FIGURE_BONUS : 0)) *
      (asksForFigure && !figure
        ? terms.asksTime
          ? NO_TIME
          : terms.asksQuantity || terms.asksWhen
            ? NO_QUANTITY
            : 1
        : 1) *
      yearAgreement(sentence, terms.years) *
      forbidding(sentence, terms.prohibitionWords) *
      (terms.asksForDocument && sentence.includes("《")
        ? INSTANCES_BONUS.enumerated
        : instancesBonus(sentence, terms.askedKind));
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
    // A sentence says what it says under its headings: "2025年，电弧炉…" answers "钢铁行业的目标"
    // through "（一）钢铁行业 › 总体实施目标".
    const heading = overlap(result.passage.breadcrumb.slice(0, -1).join(" "), terms) * HEADING_SHARE;
    const score =
      (found.score + heading) * prior(passageIndex) * (anyPinned && !isPinned(result) ? UNPINNED_SHARE : 1);
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
