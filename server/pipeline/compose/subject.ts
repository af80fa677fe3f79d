import type { AnswerContext } from "../context.js";
import { contentWords } from "../understand/content.js";

/** A word the plan never uses weighs as a rare one: it is the subject the plan may not treat. */
const UNKNOWN_WORD = 2;

/**
 * The share (by weight) of the question's subject words a text holds; words the plan never uses count
 * too, and words inside `except` (an industry's name already dealt with) are left out. 1 when the
 * question names no subject.
 */
export function subjectShare(ctx: AnswerContext, text: string, except = "", of = ctx.message): number {
  const { searcher, language } = ctx.deps;
  const words = contentWords(of, language.forms, searcher, true).filter((word) => !except.includes(word));
  const weight = (list: string[]) =>
    list.reduce((sum, word) => sum + (searcher.termWeight(word) || UNKNOWN_WORD), 0);
  const total = weight(words);
  // A word is held in the plan's own wording too ("空压机" by 压缩机): the synonym table's terms count.
  const held = (word: string) =>
    text.includes(word) || searcher.expand(word).some((term) => text.includes(term));
  return total > 0 ? weight(words.filter(held)) / total : 1;
}
