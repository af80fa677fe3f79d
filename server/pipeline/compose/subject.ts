import type { AnswerContext } from "../context.js";
import { contentWords } from "../understand/content.js";

/**
 * A word the plan never uses: in a question about whether the plan says something ("焦炭的标杆有吗",
 * "PUE有要求吗") it weighs as the rarest word the plan does use, for that word is what is asked about;
 * elsewhere less, for it is as often the person's own context ("我们是做小五金的").
 */
export const UNKNOWN_WORD = { asked: 4.4, context: 2 };

/**
 * The share (by weight) of the question's subject words a text holds; words the plan never uses count
 * too, and words inside `except` (an industry's name already dealt with) are left out. 1 when the
 * question names no subject.
 *
 * The tokenizer gives a compound and its parts ("能效标杆值", "能效", "标杆"): the compound is the
 * word, counted once, and held in part by the share of its parts the text holds, so a phrase is not
 * counted three times and a text holding only its parts holds only part of it.
 */
export function subjectShare(
  ctx: AnswerContext,
  text: string,
  except = "",
  of = ctx.message,
  unknownWeight = UNKNOWN_WORD.context,
): number {
  const { searcher, language } = ctx.deps;
  const words = [
    ...new Set(
      contentWords(of, language.forms, searcher, true).filter(
        // The industry's name and the words made of it ("印染" and "印染厂").
        (word) => !except.includes(word) && !(except && word.includes(except)),
      ),
    ),
  ];
  const weigh = (word: string) => searcher.termWeight(word) || unknownWeight;
  // A word is held in the plan's own wording too ("空压机" by 压缩机): the synonym table's terms count.
  const held = (word: string) =>
    text.includes(word) || searcher.expand(word).some((term) => text.includes(term));
  let total = 0;
  let holds = 0;
  for (const word of words) {
    if (words.some((other) => other !== word && other.includes(word))) continue;
    const weight = weigh(word);
    total += weight;
    if (held(word)) {
      holds += weight;
      continue;
    }
    const parts = words.filter((part) => part !== word && word.includes(part));
    const partsWeight = parts.reduce((sum, part) => sum + weigh(part), 0);
    if (partsWeight > 0)
      holds += (weight * parts.filter(held).reduce((sum, part) => sum + weigh(part), 0)) / partsWeight;
  }
  return total > 0 ? holds / total : 1;
}

/** How much the question's own subject words weigh beyond those a name already holds. */
export function weightBeyond(
  ctx: AnswerContext,
  name: string,
  alsoNamed: (word: string) => boolean = () => false,
): number {
  return contentWords(ctx.message, ctx.deps.language.forms, ctx.deps.searcher)
    .filter((word) => !name.includes(word) && !alsoNamed(word))
    .reduce((sum, word) => sum + ctx.deps.searcher.termWeight(word), 0);
}
