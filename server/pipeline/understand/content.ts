import type { QuestionFormsData } from "../../language/questionForms.js";

export interface ContentReader {
  tokenize(text: string): string[];
  /** How rare a word is in the plan (0 when the plan never uses it). */
  termWeight(token: string): number;
}

/**
 * The words of a message that name a subject: not question forms, not pointing words, not the frame of
 * asking ("请问方案里…"), and known to the plan. "这个归哪个部门管？", "截止到哪一年？", "我们该怎么做？"
 * have none: they ask about whatever the conversation is about.
 */
export function contentWords(
  message: string,
  forms: QuestionFormsData,
  reader: ContentReader,
  /** Keep words the plan never uses too ("PUE", "兆瓦"): a subject the plan lacks is still a subject. */
  includeUnknown = false,
): string[] {
  let byReader = recent.get(forms);
  if (!byReader) recent.set(forms, (byReader = new WeakMap()));
  let words = byReader.get(reader);
  if (!words) byReader.set(reader, (words = new Map()));
  const key = `${includeUnknown ? "+" : "-"}${message}`;
  let found = words.get(key);
  if (!found) {
    found = readContentWords(message, forms, reader, includeUnknown);
    if (words.size >= RECENT_MESSAGES) words.delete(words.keys().next().value!);
    words.set(key, found);
  }
  return [...found];
}

/**
 * The content words of the last few messages, per vocabulary and reader: an answer asks for those of
 * its question again and again (each sentence's subject share), and they take a tokenizing to find.
 */
const recent = new WeakMap<QuestionFormsData, WeakMap<ContentReader, Map<string, string[]>>>();
const RECENT_MESSAGES = 16;

function readContentWords(
  message: string,
  forms: QuestionFormsData,
  reader: ContentReader,
  includeUnknown: boolean,
): string[] {
  const functional = functionalWords(forms);
  const isFunctional = (token: string) =>
    functional.has(token) ||
    [...token].every((char) => functional.has(char)) ||
    coveredByForms(token, functional);
  return (
    reader
      .tokenize(message)
      // Single characters left by the tokenizer are particles and prepositions (于, 之, 把), not subjects.
      .filter((token) => [...token].length > 1 && /[\p{L}\p{N}]/u.test(token))
      .filter((token) => !isFunctional(token) && (includeUnknown || reader.termWeight(token) > 0))
      .filter((token, _, all) => {
        if (reader.termWeight(token) > 0) return true;
        // Unknown to the plan: counted by its known parts ("电动车" by 电动), else once, as the longest
        // form ("空压机", not also its part "压机").
        const knownPart = all.some((o) => o !== token && token.includes(o) && reader.termWeight(o) > 0);
        const inLonger = all.some((o) => o !== token && o.includes(token));
        return !knownPart && !inLonger;
      })
  );
}

const cache = new WeakMap<QuestionFormsData, Set<string>>();

/** Every question form, pointing word and frame word: built once per vocabulary. */
export function functionalWords(forms: QuestionFormsData): Set<string> {
  let set = cache.get(forms);
  if (!set) {
    set = new Set([
      ...forms.when.forms,
      ...forms.when.completion,
      ...forms.howMuch.forms,
      ...forms.who.forms,
      ...forms.list.forms,
      ...forms.how.forms,
      ...forms.applies.forms,
      ...forms.deixis.forms,
      ...forms.frame.forms,
      ...forms.yesNo.finalParticles,
      ...forms.yesNo.aNotA.map((f) => f.form),
      ...forms.yesNo.modals.map((f) => f.form),
    ]);
    cache.set(forms, set);
  }
  return set;
}

/** "哪一年前" split as "哪一年"+"前", or "截止到" as one word: a token inside one of the forms is one of them. */
function coveredByForms(token: string, functional: Set<string>): boolean {
  for (const form of functional)
    if (form.length >= 2 && form.includes(token) && token.length >= 2) return true;
  return false;
}

/**
 * The subject words of a message less the kind it asks for ("提了哪些产品": 产品 is the kind of answer
 * wanted, not a subject): what is left names what the message is about.
 */
export function wordsBeyondAskedKind(message: string, words: string[], forms: QuestionFormsData): string[] {
  const determiners = forms.askedKind.forms;
  return words.filter((word) => !determiners.some((d) => message.includes(`${d}${word}`)));
}
