import type { Passage } from "../../knowledge/types.js";
import type { AnswerCheckWords } from "../../language/answerCheck.js";
import type { GroundingProblem } from "./grounding.js";
import { clauseAround, sentencesOf } from "./sentences.js";

/**
 * A claim that looks like an official act (批复, 同意, 盖章, 文件, 废止 …) stands only on the plan's own
 * words: the act word must be in a passage the sentence cites (an uncited sentence: in `pool`, the
 * passages the answer cites), and no sentence with an act is said to the person (同意贵公司…, 经…同意，
 * 您的项目可以立项), which the plan never does. A clause that says there is no such act (方案没有规定需要盖章) or defers to the official text
 * (以正式文件为准) claims none, and a sentence quoted from the passage it cites is the plan's own.
 */
export function officialActProblems(
  answer: string,
  passages: Passage[],
  pool: Passage[],
  words: AnswerCheckWords,
): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  for (const sentence of sentencesOf(answer)) {
    const cited = sentence.cited.length
      ? sentence.cited.flatMap((n) => (passages[n - 1] ? [passages[n - 1]!] : []))
      : pool;
    let quoted: boolean | undefined;
    for (const m of sentence.text.matchAll(words.officialActs)) {
      const clause = clauseAround(sentence.text, m.index, m.index + m[0].length);
      if (words.absence.test(clause) || words.disclaimer.test(clause)) continue;
      // The plan's own sentence, quoted ("…已经领导小组同意，现印发给你们"), says what it says.
      quoted ??= isQuoted(sentence.text, cited);
      if (quoted) continue;
      const inPlan = cited.some((p) => p.text.includes(m[0]));
      if (!inPlan || words.person.test(sentence.text)) problems.push({ kind: "official_act", detail: m[0] });
    }
  }
  return problems;
}

const squash = (text: string) => text.replace(/\[\d{1,2}\]/g, "").replace(/[^\p{L}\p{N}]/gu, "");

function isQuoted(sentence: string, passages: Passage[]): boolean {
  const words = squash(sentence);
  return words.length > 0 && passages.some((p) => squash(p.text).includes(words));
}
