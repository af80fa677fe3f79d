/** One sentence of an answer, with the passages it cites ([n], 1-based). */
export interface Sentence {
  text: string;
  start: number;
  cited: number[];
}

const END = /[。！？!?\n]/u;
const TRAILING_CITATIONS = /^(?:[ \t]*\[\d{1,2}\])+/u;
const CITATION = /\[(\d{1,2})\]/g;

/**
 * The sentences of an answer, each with its citations. Marks written after the full stop
 * ("下降15%。[1]") belong to the sentence before them. One pass over the text.
 */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const close = (end: number) => {
    const trailing = TRAILING_CITATIONS.exec(text.slice(end, end + 64))?.[0] ?? "";
    const stop = end + trailing.length;
    const sentence = text.slice(start, stop);
    if (sentence.trim())
      sentences.push({
        text: sentence,
        start,
        cited: [...new Set([...sentence.matchAll(CITATION)].map((m) => Number(m[1])))],
      });
    start = stop;
    return stop;
  };
  for (let i = 0; i < text.length; i++) if (END.test(text[i]!)) i = close(i + 1) - 1;
  if (start < text.length) close(text.length);
  return sentences;
}

const CLAUSE_END = /[，,；;：:。！？!?\n]/u;

/** The clause around text[from, to): between the punctuation marks on either side. */
export function clauseAround(text: string, from: number, to: number): string {
  let start = from;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  let end = to;
  while (end < text.length && !CLAUSE_END.test(text[end]!)) end++;
  return text.slice(start, end);
}
