import type { Status } from "../statuses.js";
import { decodedForms } from "./injection.js";
import { RegionDetector } from "./regions.js";
import {
  anyMatches,
  compilePatterns,
  readScopeFile,
  type CategoryId,
  type CompiledPatterns,
  type Matcher,
  type ScopeFile,
} from "./scopeVocabulary.js";

/**
 * What the assistant must not answer with the plan (forgery, fraud, harm, political and personal
 * questions), requests for a person, and questions about another place's plan: decided before any
 * retrieval or LLM, from the vocabulary in knowledge/guard/scope.json.
 */
export type ScopeReason = CategoryId | "other_region";

export interface ScopeVerdict {
  reason: ScopeReason;
  status: Status;
  /** The reply's language: English when the message has no Chinese in it. */
  language: "zh" | "en";
  /** For other_region: the place asked about, as the vocabulary names it. */
  place?: string;
}

/** The message as the patterns read it. */
export interface MessageForms {
  /** Chinese patterns: NFKC, lower case, simplified, no spaces or decorative symbols, clause punctuation kept. */
  zh: string;
  /** Also with the clause punctuation gone, for a word split by it ("伪，造"). */
  joined: string;
  /** English patterns: lower case, spaces collapsed. */
  en: string;
}

interface Category {
  id: CategoryId;
  status: Status;
  match: CompiledPatterns;
  topic: CompiledPatterns;
  unless: CompiledPatterns;
  except: CompiledPatterns;
}

/** A request to act unseen: decides as `decidesAs` whatever the act (see `evasion` in the file). */
interface Evasion {
  decidesAs: CategoryId;
  signs: CompiledPatterns;
  asks: CompiledPatterns;
}

/** Categories whose words are never innocent however they are split: their patterns also read the joined form. */
const READ_JOINED = new Set<CategoryId>(["harm", "forgery", "fraud"]);

export class ScopeGuard {
  private readonly categories: Category[];
  private readonly concealment: CompiledPatterns;
  private readonly asksAboutRules: CompiledPatterns;
  private readonly evasion: Evasion;
  private readonly variants: Map<string, string>;
  readonly regions: RegionDetector;

  /** `coveredTitles`: the titles of the documents the knowledge base holds (their places are in scope). */
  constructor(file: ScopeFile, coveredTitles: string[] = []) {
    const { macros } = file;
    this.categories = file.categories.map((c) => ({
      id: c.id,
      status: c.status as Status,
      match: compilePatterns(c.match, macros),
      topic: compilePatterns(c.topic, macros),
      unless: compilePatterns(c.unless, macros),
      except: compilePatterns(c.except, macros),
    }));
    this.concealment = compilePatterns(file.concealment, macros);
    this.asksAboutRules = compilePatterns(file.asksAboutRules, macros);
    this.evasion = {
      decidesAs: file.evasion.decidesAs,
      signs: compilePatterns(file.evasion.signs, macros),
      asks: compilePatterns(file.evasion.asks, macros),
    };
    const pairs = [...file.variants.map];
    this.variants = new Map(pairs.flatMap((c, i) => (i % 2 === 0 ? [[c, pairs[i + 1]!]] : [])));
    this.regions = new RegionDetector(file.regions, coveredTitles);
  }

  static load(knowledgeDir: string, coveredTitles: string[] = []): ScopeGuard {
    return new ScopeGuard(readScopeFile(knowledgeDir), coveredTitles);
  }

  classify(message: string): ScopeVerdict | null {
    const language = isEnglish(message) ? "en" : "zh";
    const candidates = [message, ...decodedForms(message)].map((text) => this.forms(text));
    for (const category of this.categories) {
      if (candidates.some((forms) => this.decides(category, forms)))
        return { reason: category.id, status: category.status, language };
    }
    for (const forms of candidates) {
      const place = this.regions.otherPlace(forms);
      if (place)
        return {
          reason: "other_region",
          status: "unanswerable_other_region",
          language,
          place: place[language],
        };
    }
    return null;
  }

  /** The message as the patterns read it (public for tests). */
  forms(text: string): MessageForms {
    const nfkc = text.normalize("NFKC").toLowerCase();
    const simplified = [...nfkc].map((c) => this.variants.get(c) ?? c).join("");
    const zh = simplified
      .replace(/\n+/g, "。")
      .replace(/\s+/g, "")
      .replace(/[^\p{L}\p{N},.!?;:。、]/gu, "");
    return {
      zh,
      joined: zh.replace(/[^\p{L}\p{N}]/gu, ""),
      en: simplified.replace(/[‘’`]/g, "'").replace(/\s+/g, " ").trim(),
    };
  }

  private decides(category: Category, forms: MessageForms): boolean {
    const texts = READ_JOINED.has(category.id) ? [forms.zh, forms.joined] : [forms.zh];
    const meets = (patterns: CompiledPatterns) => meetsIn(patterns, texts, forms.en);
    if (meets(category.except)) return false;
    if (meets(category.match)) return true;
    if (category.id === this.evasion.decidesAs && this.asksToEvade(texts, forms.en)) return true;
    if (!meets(category.topic)) return false;
    if (meets(this.concealment) || meets(this.evasion.signs)) return true;
    return !meets(this.asksAboutRules) && !meets(category.unless);
  }

  /**
   * A request or how-question to act so that no check detects it, unless each clause that says so asks
   * about the rules once the sign is removed ("不被发现" holds 发现, which alone asks how fraud is found):
   * "如何识别让审查看不出来的手法" is a question, "怎么才能不被发现，被发现了怎么罚" is not.
   */
  private asksToEvade(texts: string[], en: string): boolean {
    const { signs, asks } = this.evasion;
    if (!meetsIn(signs, texts, en) || !meetsIn(asks, texts, en)) return false;
    const evades = (text: string, sign: Matcher[], rules: Matcher[]) =>
      text
        .split(CLAUSE)
        .some(
          (clause) =>
            sign.some((m) => matches(m, clause)) &&
            !rules.some((m) => matches(m, removeMatches(sign, clause))),
        );
    return (
      texts.some((text) => evades(text, signs.zh, this.asksAboutRules.zh)) ||
      evades(en, signs.en, this.asksAboutRules.en)
    );
  }
}

/** Clause punctuation as the normalised forms keep it. */
const CLAUSE = /[,.!?;:。、\n]/;

function meetsIn(patterns: CompiledPatterns, zhTexts: string[], en: string): boolean {
  return zhTexts.some((text) => anyMatches(patterns.anyZh, text)) || anyMatches(patterns.anyEn, en);
}

function matches(matcher: Matcher, text: string): boolean {
  return matcher.every((part) => part.test(text));
}

function removeMatches(matchers: Matcher[], text: string): string {
  return matchers.flat().reduce((rest, part) => rest.replace(new RegExp(part.source, "giu"), " "), text);
}

/** English when there is no Chinese character in it and at least one Latin word. */
export function isEnglish(message: string): boolean {
  return !/\p{Script=Han}/u.test(message) && /[a-z]{2,}/i.test(message);
}
