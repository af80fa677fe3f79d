import fs from "node:fs";
import path from "node:path";
import * as z from "zod";

/*
 * Off-topic detection. A request for an unrelated task (a poem, a joke, code, a translation) is off
 * topic even when it mentions energy; a question about an unrelated subject (weather, stocks,
 * football) is off topic unless it also names something of the plan's domain. The words are data:
 * knowledge/guard/off-topic.json, by general category.
 */

/** The vocabulary of knowledge/guard/off-topic.json, compiled. */
export interface OffTopicVocabulary {
  unrelatedTasks: RegExp;
  unrelatedSubjects: RegExp;
  coreDomain: RegExp;
  asksWho: RegExp;
}

const fileSchema = z.object({
  unrelatedTasks: z.object({ why: z.string(), pattern: z.string().min(1) }),
  unrelatedSubjects: z.array(
    z.object({ category: z.string(), why: z.string().min(10), patterns: z.array(z.string().min(1)).min(1) }),
  ),
  coreDomain: z.object({ why: z.string(), pattern: z.string().min(1) }),
  asksWho: z.object({ why: z.string(), pattern: z.string().min(1) }),
});

export const OFF_TOPIC_FILE = "guard/off-topic.json";

export function loadOffTopicVocabulary(knowledgeDir: string): OffTopicVocabulary {
  const data = fileSchema.parse(JSON.parse(fs.readFileSync(path.join(knowledgeDir, OFF_TOPIC_FILE), "utf8")));
  return {
    unrelatedTasks: new RegExp(data.unrelatedTasks.pattern, "i"),
    unrelatedSubjects: new RegExp(data.unrelatedSubjects.flatMap((c) => c.patterns).join("|"), "i"),
    coreDomain: new RegExp(data.coreDomain.pattern, "i"),
    asksWho: new RegExp(data.asksWho.pattern),
  };
}

/** A question whose best passage scores below this shares no real words with the plan. */
export const MIN_ON_TOPIC_BM25 = 3;
/**
 * Below this share of its words found anywhere in the plan, a question without a domain word is about
 * something else, even when one word matches ("淮南南站到合肥南的高铁" shares only 淮南).
 */
export const MIN_PLAN_COVERAGE = 0.3;

/** The plan's own words, to tell how much of a question the plan could speak to. */
export interface PlanVocabulary {
  words: ReadonlySet<string>;
  tokenize(text: string): string[];
}

/** Words for a plant or a trade: with an industry's name, the message is about that industry ("皮革厂"). */
const PLANT = /厂|企业|公司|行业|生产|制造|加工|车间/;

export class OffTopicDetector {
  private readonly terms: string[];

  /**
   * `domainTerms`: the retrieval dictionary, the synonyms and the words of the plan's headings. Ways
   * of asking who is responsible ("找谁", "谁管") are synonyms too, but say nothing of the subject.
   */
  private readonly everyUnrelatedSubject: RegExp;

  constructor(
    private readonly vocabulary: OffTopicVocabulary,
    domainTerms: string[],
    private readonly plan?: PlanVocabulary,
    /** The industries people name, in the domain when a word for a plant or a trade goes with them. */
    private readonly industries: string[] = [],
  ) {
    this.terms = [
      ...new Set(domainTerms.filter((term) => term.length >= 2 && !vocabulary.asksWho.test(term))),
    ];
    this.everyUnrelatedSubject = new RegExp(vocabulary.unrelatedSubjects.source, "gi");
  }

  /** A request for a task (a poem, code, a translation, share tips), whatever it mentions. */
  isUnrelatedTask(message: string): boolean {
    return this.vocabulary.unrelatedTasks.test(message);
  }

  /** `planOverlap`: the BM25 score of the best passage for the message. */
  isOffTopic(message: string, planOverlap: number): boolean {
    const { unrelatedTasks, unrelatedSubjects, coreDomain } = this.vocabulary;
    if (unrelatedTasks.test(message)) return true;
    const domain = this.mentionsDomain(message);
    // Words of the plan's headings ("新能源") are too weak to rescue "新能源股票"; the core domain is not.
    // The core domain is looked for outside the unrelated words: 天气 holds 气 and 电影 holds 电.
    if (unrelatedSubjects.test(message))
      return !coreDomain.test(message.replace(this.everyUnrelatedSubject, ""));
    if (domain) return false;
    return planOverlap < MIN_ON_TOPIC_BM25 || this.planCoverage(message) < MIN_PLAN_COVERAGE;
  }

  mentionsDomain(message: string): boolean {
    return (
      this.vocabulary.coreDomain.test(message) ||
      this.terms.some((term) => message.includes(term)) ||
      (PLANT.test(message) && this.industries.some((alias) => message.includes(alias)))
    );
  }

  /** The share of the message's words (two characters or more) that occur in the plan; 1 when unknown. */
  planCoverage(message: string): number {
    if (!this.plan) return 1;
    const words = [...new Set(this.plan.tokenize(message).filter((word) => word.length >= 2))];
    if (words.length === 0) return 1;
    return words.filter((word) => this.plan!.words.has(word)).length / words.length;
  }
}
