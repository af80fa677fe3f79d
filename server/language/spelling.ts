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
/** A word used this often in the corpus is meant, not slipped into. */
const MEANT = 50;
/** A character used this often as a word by itself is a function word ("是", "有"), not a slip. */
const FUNCTION_WORD = 50_000;
/** A word used this often is everyday Chinese, not a term of the domain. */
const EVERYDAY = 5000;
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

  private mend(word: string): string | null {
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

/** The frequencies of a word-frequency dictionary ("word freq tag" per line, as jieba's), of its Han words. */
export function wordFrequencies(dictionary: string): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const line of dictionary.split("\n")) {
    const [word, frequency] = line.split(" ");
    if (word && /^\p{Script=Han}+$/u.test(word)) frequencies.set(word, Number(frequency) || 0);
  }
  return frequencies;
}
