import { pinyin } from "pinyin-pro";

/*
 * Homophone slips (同音字): people type by pinyin, so a wrong character of the same sound and tone is the common
 * misspelling of Chinese ("入圆率" for 入园率, "标竿" for 标杆, "稀烃" for 烯烃). A word is mended to a word of
 * the domain that sounds the same and differs in one character, when it is no word of ordinary Chinese:
 * either the segmenter cut it into single characters, or the word it found is rare in its dictionary's
 * corpus. A mending with two candidates is no mending.
 */

const HAN = /^\p{Script=Han}$/u;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;
const HAN_RUN = /^\p{Script=Han}+$/u;
/** A word used this often in the corpus is meant, not slipped into. */
const MEANT = 50;
/** A character used this often as a word by itself is a function word ("是", "有"), not a slip. */
const FUNCTION_WORD = 50_000;
/** A word used this often is everyday Chinese, not a term of the domain. */
const EVERYDAY = 5000;
/** How many words' mendings are kept; emptied when full. */
const MENDED_WORDS = 20_000;
/** The longest run of lone characters read as one slipped word ("入", "圆", "率"). */
const LONGEST_RUN = 4;

export interface SpellingParts {
  /** Words of the domain a slip may stand for (the plan's words, the industries' names). */
  domainWords: Iterable<string>;
  /** How often a word is used in ordinary Chinese (a corpus count; 0 when it is no word of it). */
  frequency: (word: string) => number;
  /** The text cut into words, every character kept. */
  segment: (text: string) => string[];
}

export class HomophoneSpeller {
  private readonly bySound = new Map<string, string[]>();
  private readonly domain: Set<string>;
  /** Characters the domain uses as words by themselves ("县", "区"): typed as those words. */
  private readonly domainCharacters: Set<string>;

  constructor(private readonly parts: SpellingParts) {
    const words = [...parts.domainWords];
    this.domain = new Set(words.filter((word) => HAN_WORD.test(word)));
    this.domainCharacters = new Set(words.filter((word) => HAN.test(word)));
    for (const word of this.domain) {
      const sound = soundOf(word);
      const words = this.bySound.get(sound);
      if (words) words.push(word);
      else this.bySound.set(sound, [word]);
    }
  }

  /** The text with its homophone slips mended; the text itself when there are none. */
  correct(text: string): string {
    const words = this.parts.segment(text);
    let out = "";
    for (let i = 0; i < words.length;) {
      const run = this.mendedRun(words, i);
      if (run) {
        out += run.text;
        i += run.length;
        continue;
      }
      const word = words[i++]!;
      out += HAN_WORD.test(word) ? (this.mend(word) ?? word) : word;
    }
    return out;
  }

  /** Lone characters from `at` that sound like a domain word ("发", "点" → 发电): the longest such run. */
  private mendedRun(words: string[], at: number): { text: string; length: number } | null {
    let end = at;
    while (end < words.length && end - at < LONGEST_RUN && HAN.test(words[end]!)) end++;
    for (let length = end - at; length >= 2; length--) {
      const text = this.mend(words.slice(at, at + length).join(""));
      if (text) return { text, length };
    }
    return null;
  }

  private meantAlone(char: string): boolean {
    return this.parts.frequency(char) >= FUNCTION_WORD || this.domainCharacters.has(char);
  }

  /** Each word's mending, once: the same words come again and again, and a reading takes a while. */
  private readonly mended = new Map<string, string | null>();

  private mend(word: string): string | null {
    let found = this.mended.get(word);
    if (found === undefined) {
      found = this.mendOnce(word);
      if (this.mended.size >= MENDED_WORDS) this.mended.clear();
      this.mended.set(word, found);
    }
    return found;
  }

  private mendOnce(word: string): string | null {
    const { frequency } = this.parts;
    if (this.domain.has(word) || frequency(word) >= MEANT) return null;
    // A slip stands for a term of the domain (入园, 烯烃, 标杆), not for a word of everyday Chinese that
    // the plan happens to use (化石, 现有, 取得): those are as likely to be the slip's neighbours by chance.
    // …and a character that is a common word by itself ("是", "有", "要") was typed as that word.
    const candidates = (this.bySound.get(soundOf(word)) ?? []).filter(
      (d) => differsByOne(d, word) && frequency(d) < EVERYDAY && !this.meantAlone(slipped(word, d)),
    );
    return candidates.length === 1 ? candidates[0]! : null;
  }
}

/**
 * A word's sound with its tones ("入园" → "rù yuán"). An input method lists the characters of a syllable
 * and tone together, so a slip keeps both; one of another tone ("费电" for 非电) is another word.
 */
function soundOf(word: string): string {
  return pinyin(word, { type: "array" }).join(" ");
}

/** The character of a word that differs from the domain word it sounds like. */
function slipped(word: string, domainWord: string): string {
  return [...word].find((char, i) => char !== domainWord[i]) ?? "";
}

function differsByOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return [...a].filter((char, i) => char !== b[i]).length === 1;
}

/**
 * The counts of a word-frequency dictionary ("word freq tag" per line, as jieba's) that the speller's
 * thresholds can tell apart: Han words used at least as often as a word meant (the rest read as 0, a
 * slip's count); so the speller keeps a tenth of the dictionary, not all of it.
 */
export function wordFrequencies(dictionary: string): Map<string, number> {
  const frequencies = new Map<string, number>();
  // Read in place (no line arrays): the dictionary has some 350,000 lines and start-up waits on it.
  for (let at = 0; at < dictionary.length;) {
    const end = dictionary.indexOf("\n", at);
    const lineEnd = end < 0 ? dictionary.length : end;
    const space = dictionary.indexOf(" ", at);
    if (space > at && space < lineEnd) {
      const next = dictionary.indexOf(" ", space + 1);
      const frequency = Number(dictionary.slice(space + 1, next > space && next < lineEnd ? next : lineEnd));
      if (frequency >= MEANT) {
        const word = dictionary.slice(at, space);
        if (HAN_RUN.test(word)) frequencies.set(word, frequency);
      }
    }
    at = lineEnd + 1;
  }
  return frequencies;
}
