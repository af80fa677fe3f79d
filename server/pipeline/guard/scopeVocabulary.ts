import fs from "node:fs";
import path from "node:path";
import * as z from "zod";

/**
 * The scope guard's vocabulary, `knowledge/guard/scope.json`, read and compiled. The file explains its
 * own format in `about`; this module only validates it, expands its macros and builds the regexes.
 */
const pattern = z.union([z.string(), z.array(z.string()).min(2)]);
const patterns = z.object({ zh: z.array(pattern), en: z.array(pattern) });
const justified = { why: z.string().min(10) };

const categoryId = z.enum(["harm", "forgery", "fraud", "political", "personal", "handoff"]);

const categorySchema = z.object({
  id: categoryId,
  status: z.string(),
  ...justified,
  match: patterns,
  topic: patterns.optional(),
  unless: patterns.optional(),
  except: patterns.optional(),
});

const names = z.array(z.string().min(1)).min(1);
const placeSchema = z.object({ zh: names, en: names });
const bilingual = z.object({ zh: z.string(), en: z.string() });

const fileSchema = z.object({
  macros: z.record(z.string(), z.string()),
  concealment: patterns.extend(justified),
  asksAboutRules: patterns.extend(justified),
  evasion: z.object({ ...justified, decidesAs: categoryId, signs: patterns, asks: patterns }),
  categories: z.array(categorySchema),
  regions: z.object({
    ...justified,
    home: z.object({ ...justified, zh: names, en: names }),
    policyNouns: bilingual,
    window: z.object({ zh: z.number().int().positive(), en: z.number().int().positive() }),
    asksCoverage: bilingual,
    basis: bilingual.extend(justified),
    groups: z.array(
      z.object({
        id: z.string(),
        ...justified,
        superior: z.boolean().optional(),
        nouns: bilingual.optional(),
        places: z.array(placeSchema).min(1),
      }),
    ),
  }),
  variants: z.object({
    ...justified,
    map: z.string().refine((map) => [...map].length % 2 === 0, "variants.map is pairs of characters"),
  }),
});

export type ScopeFile = z.infer<typeof fileSchema>;
export type CategoryId = z.infer<typeof categorySchema>["id"];

/** A pattern of the file, compiled: it matches when every part matches. */
export type Matcher = RegExp[];

export interface CompiledPatterns {
  zh: Matcher[];
  en: Matcher[];
  /** The same patterns for asking whether any matches a text (see AnyOf). */
  anyZh: AnyOf;
  anyEn: AnyOf;
}

/**
 * Patterns for asking whether any matches, in two groups: those that open with \b (as nearly every
 * English one does), which cannot match a text without a word character (a Chinese question without
 * a figure), and the rest. In each, the one-part patterns are joined in one regex: one pass over the text.
 */
export interface AnyOf {
  wordless: Matcher[];
  worded: Matcher[];
}

/** A word character as \b reads it under the i and u flags (ſ and the Kelvin sign fold to s and k). */
const WORD_CHARACTER = /[\w\u017F\u212A]/u;

export function anyMatches(any: AnyOf, text: string): boolean {
  return (
    any.wordless.some((m) => m.every((part) => part.test(text))) ||
    (WORD_CHARACTER.test(text) && any.worded.some((m) => m.every((part) => part.test(text))))
  );
}

/** Up to n characters that stay within one clause (clause punctuation is ASCII after NFKC, 。 and 、 aside). */
const gap = (n: string) => `[^,.!?;:。、\\n]{0,${n}}`;

export function expandMacros(source: string, macros: Record<string, string>): string {
  return source.replace(/\{([a-zA-Z]+)(?::(\d+))?\}/g, (whole, name: string, n?: string) => {
    if (name === "gap" && n) return gap(n);
    const body = macros[name];
    if (body === undefined) throw new Error(`knowledge/guard/scope.json: unknown macro ${whole}`);
    return expandMacros(body, macros);
  });
}

export function compilePatterns(
  given: { zh: Array<string | string[]>; en: Array<string | string[]> } | undefined,
  macros: Record<string, string>,
): CompiledPatterns {
  const compile = (list: Array<string | string[]> = []) =>
    list.map((entry) =>
      (Array.isArray(entry) ? entry : [entry]).map((part) => new RegExp(expandMacros(part, macros), "iu")),
    );
  const zh = compile(given?.zh);
  const en = compile(given?.en);
  return { zh, en, anyZh: anyOf(zh), anyEn: anyOf(en) };
}

/** A group name or a back-reference would change meaning once its pattern shares a regex with others. */
const NUMBERED = /\\[1-9]|\\k<|\(\?<[^=!]/;

function anyOf(matchers: Matcher[]): AnyOf {
  const worded = (m: Matcher) => m.some((part) => opensWithBoundary(part.source));
  return {
    wordless: joinedForAny(matchers.filter((m) => !worded(m))),
    worded: joinedForAny(matchers.filter(worded)),
  };
}

/**
 * Whether every match starts at a word boundary: the pattern opens with \b and has no alternative
 * beside it at its top level ("\bfoo|bar" may match "bar" anywhere).
 */
export function opensWithBoundary(source: string): boolean {
  if (!source.startsWith("\\b")) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return false;
  }
  return true;
}

/**
 * Matchers that match a text when any of the given ones does: the one-part matchers as one alternation
 * (its test is the OR of theirs, for none has a group name or back-reference), the others as they are.
 */
function joinedForAny(matchers: Matcher[]): Matcher[] {
  const single = matchers.filter((m) => m.length === 1).map((m) => m[0]!);
  if (single.length < 2 || single.some((r) => NUMBERED.test(r.source))) return matchers;
  const joined = new RegExp(single.map((r) => `(?:${r.source})`).join("|"), "iu");
  return [[joined], ...matchers.filter((m) => m.length !== 1)];
}

export function readScopeFile(knowledgeDir: string): ScopeFile {
  const file = path.join(knowledgeDir, "guard/scope.json");
  const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
