import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const schema = z.object({
  about: z.string(),
  neutral: z.array(z.string().min(1)),
  classes: z.array(
    z.object({
      id: z.string().min(1),
      about: z.string(),
      rule: z.enum(["differ", "both", "none"]),
      groups: z.array(z.array(z.string().min(1)).min(1)).min(1),
    }),
  ),
});

export type KeyTermsFile = z.infer<typeof schema>;
export type KeyTermRule = KeyTermsFile["classes"][number]["rule"];

export const KEY_TERMS_FILE = "language/key-terms.json";

export function loadKeyTermsFile(knowledgeDir: string): KeyTermsFile {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(knowledgeDir, KEY_TERMS_FILE), "utf8")));
}

/** A question's key terms: its wording with each term replaced by its group, and the groups per class. */
export interface TermReading {
  /** The text with every listed word replaced by one character standing for its group. */
  canonical: string;
  /** For each class (by its index), the groups mentioned, sorted, as "3,7". */
  groups: string[];
}

/** Private-use characters stand for the groups: never typed, never stripped as punctuation. */
const GROUP_BASE = 0xe100;

/**
 * A canonical wording as a set of tokens: each group (and any other private-use placeholder, such as a
 * figure's) one token, the plain text between them by its character pairs (a lone character as itself).
 * Word order between terms does not matter: 谁负责节能诊断 and 节能诊断由哪个部门负责 share their tokens.
 */
export function termTokens(canonical: string): Set<string> {
  const tokens = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) tokens.add(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run[i]! + run[i + 1]!);
    run = [];
  };
  for (const char of canonical) {
    if (/\p{Co}/u.test(char)) {
      flush();
      tokens.add(char);
    } else run.push(char);
  }
  flush();
  return tokens;
}

/** Dice coefficient over termTokens, in [0, 1]. */
export function termSimilarity(a: string, b: string): number {
  const x = termTokens(a);
  const y = termTokens(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const token of x) if (y.has(token)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/**
 * The key terms of knowledge/language/key-terms.json as a reader: longest match first, so a longer word
 * (电机, 节能) is never read as the shorter one inside it (电, 能).
 */
export class KeyTerms {
  private readonly terms: Array<{ word: string; group: number | null; cls: number | null }>;
  readonly rules: KeyTermRule[];

  constructor(file: KeyTermsFile) {
    this.rules = file.classes.map((c) => c.rule);
    const terms = new Map<string, { group: number | null; cls: number | null }>();
    for (const word of file.neutral) terms.set(word.toLowerCase(), { group: null, cls: null });
    let group = 0;
    file.classes.forEach((c, cls) => {
      for (const words of c.groups) {
        for (const word of words)
          if (!terms.has(word.toLowerCase())) terms.set(word.toLowerCase(), { group, cls });
        group++;
      }
    });
    this.terms = [...terms]
      .map(([word, at]) => ({ word, ...at }))
      .sort((a, b) => [...b.word].length - [...a.word].length);
  }

  read(text: string): TermReading {
    const found = this.rules.map(() => new Set<number>());
    let canonical = "";
    for (let i = 0; i < text.length;) {
      const term = this.terms.find((t) => text.startsWith(t.word, i));
      if (!term) {
        canonical += text[i];
        i++;
        continue;
      }
      if (term.group === null || term.cls === null) canonical += term.word;
      else {
        canonical += String.fromCodePoint(GROUP_BASE + term.group);
        found[term.cls]!.add(term.group);
      }
      i += term.word.length;
    }
    return { canonical, groups: found.map((set) => [...set].sort((a, b) => a - b).join(",")) };
  }

  /** Whether two readings ask about different things by some class's rule. */
  differ(a: TermReading, b: TermReading): boolean {
    return this.rules.some((rule, cls) => {
      const x = a.groups[cls] ?? "";
      const y = b.groups[cls] ?? "";
      if (rule === "differ") return x !== y;
      if (rule === "both") {
        if (x === "" || y === "") return false;
        const shared = new Set(x.split(","));
        return !y.split(",").some((group) => shared.has(group));
      }
      return false;
    });
  }
}

let repositoryTerms: KeyTerms | undefined;

/** The repository's own key terms (knowledge/ beside server/), for an index made without a configuration. */
export function defaultKeyTerms(): KeyTerms {
  if (!repositoryTerms) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, "knowledge", KEY_TERMS_FILE)) && path.dirname(dir) !== dir)
      dir = path.dirname(dir);
    repositoryTerms = new KeyTerms(loadKeyTermsFile(path.join(dir, "knowledge")));
  }
  return repositoryTerms;
}
