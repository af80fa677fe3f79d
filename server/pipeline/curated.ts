import { defaultKeyTerms, termSimilarity, type KeyTerms, type TermReading } from "../language/keyTerms.js";

/**
 * Answers written and reviewed by bureau staff. A question that asks the same as a published one gets
 * the reviewed answer instead of a generated one. "The same" means: the same figures (years, amounts,
 * percentages), the same number of negations, the same key terms (knowledge/language/key-terms.json:
 * what a figure is asked of, the industry or equipment, the service; may or must, who or how much when
 * both say), and ≥ 0.8 overlap of the wording once each key term is replaced by its group (termSimilarity:
 * the groups as tokens, the rest by character pairs), so that paraphrases (能省多少电, 可以节约多少度电)
 * read alike. Character pairs alone are not enough:
 * “2025年…下降多少” and “2030年…下降多少”, “可以申请…吗” and “不可以申请…吗”, “能省多少电” and “能省多少钱”
 * share almost every pair and ask different things.
 */
export interface ReviewedAnswer {
  id: number;
  question: string;
  answer: string;
  unitIds: string[];
}

export const NEAR_IDENTICAL = 0.8;

/** What the assistant serves: each active answer's published version (a draft never, a stopped one never). */
export function servedAnswers(
  answers: Array<{
    id: number;
    active: boolean;
    published: { question: string; answer: string; unitIds: string[] } | null;
  }>,
): ReviewedAnswer[] {
  return answers.flatMap((a) =>
    a.active && a.published
      ? [
          {
            id: a.id,
            question: a.published.question,
            answer: a.published.answer,
            unitIds: a.published.unitIds,
          },
        ]
      : [],
  );
}

const FILLER = /请问|你好|您好|一下|我想问|想问|问一下|麻烦|谢谢|呢|吗|啊|呀|吧|的|了/g;

export function questionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "")
    .replace(FILLER, "");
}

export const similarity = termSimilarity;

// Words that contain a numeral or a negation character but state neither a figure nor a negation.
const NOT_FIGURE =
  "一些|一下|一般|一起|一定|一直|一律|一样|一旦|统一|进一步|一体化|十分|万一|唯一|之一|一个|一家|一种|一项|一批|哪一|一年";
// 千 of 千克/千瓦 and 百 of 百分点 are units, not numerals.
const CHINESE_FIGURE = new RegExp(
  `(${NOT_FIGURE})|百分之|(?:[〇零一二两三四五六七八九十万亿]|千(?![克瓦焦])|百(?!分[点之]))+`,
  "g",
);
const NOT_NEGATIONS = /非常|未来|特别|分别|类别|级别|区别|识别|个别|别的|无论|不论|不仅|不断|无锡/g;
// “是否”“能否”, and “A不A” / “有没有” questions ask; they do not deny.
const ASKING = /是否|能否|可否|与否|(\p{Script=Han})[不没]\1/gu;
const NEGATION = /[不没无非未别勿莫否]/g;
/** Stands for a figure in the wording that is compared by bigrams (a private-use character: never typed, never stripped). */
const FIGURE = "\uE000";

const DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** 二〇二五 → 2025, 十五 → 15, 一百零五 → 105; anything else (十四五, a lone 万) stays as written. */
function chineseNumeral(run: string): string {
  const chars = [...run];
  if (chars.every((c) => c in DIGIT)) return chars.map((c) => DIGIT[c]).join("");
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of chars) {
    if (c === "零" || c === "〇") digit = null;
    else if (c in DIGIT) {
      if (digit !== null) return run;
      digit = DIGIT[c]!;
    } else if (c in UNIT) {
      if (digit === null && (c !== "十" || section !== 0)) return run;
      section += (digit ?? 1) * UNIT[c]!;
      digit = null;
    } else {
      if (digit === null && section === 0) return run;
      total = (total + section + (digit ?? 0)) * LARGE[c]!;
      section = 0;
      digit = null;
    }
  }
  return String(total + section + (digit ?? 0));
}

export interface QuestionForm {
  /** The wording with every figure replaced by one placeholder and every key term by its group, as questionKey makes it. */
  key: string;
  /** The figures, each in one written form (２０２５, 二〇二五 → 2025; 百分之十五, 15% → 15), sorted. */
  figures: string;
  negations: number;
  terms: TermReading;
}

/** A question as matching sees it: wording, figures, negations and key terms apart, so that each can be compared in its own way. */
export function questionForm(question: string, keyTerms: KeyTerms = defaultKeyTerms()): QuestionForm {
  const figures: string[] = [];
  const figure = (value: string) => (figures.push(value), FIGURE);
  const text = question
    .normalize("NFKC")
    .toLowerCase()
    .replace(FILLER, "")
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    .replace(/\d+(?:\.\d+)?/g, (digits) => figure(String(Number(digits))))
    .replace(CHINESE_FIGURE, (run, word?: string) =>
      word ? word : run === "百分之" ? "" : figure(chineseNumeral(run)),
    );
  const negations = text.replace(NOT_NEGATIONS, "").replace(ASKING, "$1").match(NEGATION)?.length ?? 0;
  const terms = keyTerms.read(questionKey(text));
  return { key: questionKey(terms.canonical), figures: figures.sort().join(" "), negations, terms };
}

type Entry = ReviewedAnswer & { form: QuestionForm };

/** Whether two questions, read by questionForm, ask the same thing; their wording's similarity when they do. */
export function sameQuestion(
  a: QuestionForm,
  b: QuestionForm,
  keyTerms: KeyTerms = defaultKeyTerms(),
): number {
  if (!a.key || !b.key || a.figures !== b.figures || a.negations !== b.negations) return 0;
  if (keyTerms.differ(a.terms, b.terms)) return 0;
  const score = a.key === b.key ? 1 : similarity(a.key, b.key);
  return score >= NEAR_IDENTICAL ? score : 0;
}

export class CuratedAnswerIndex {
  private entries: Entry[] = [];

  constructor(private readonly keyTerms: KeyTerms = defaultKeyTerms()) {}

  /** The published answers to serve (drafts are never given to the index). */
  replaceAll(answers: ReviewedAnswer[]): void {
    this.entries = answers.map((answer) => ({
      ...answer,
      form: questionForm(answer.question, this.keyTerms),
    }));
  }

  match(question: string): ReviewedAnswer | null {
    const form = questionForm(question, this.keyTerms);
    if (!form.key) return null;
    let best: { entry: ReviewedAnswer; score: number } | null = null;
    for (const entry of this.entries) {
      const score = sameQuestion(entry.form, form, this.keyTerms);
      if (score > 0 && (!best || score > best.score)) best = { entry, score };
    }
    return best?.entry ?? null;
  }
}
