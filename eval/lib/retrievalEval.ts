import fs from "node:fs";
import * as z from "zod";
import type { HybridSearcher } from "../../server/retrieval/hybridSearcher.js";
import type { Passage } from "../../server/knowledge/types.js";
import { summarise, summariseBy, type RankedCase, type RankingSummary } from "./metrics.js";

export const retrievalCaseSchema = z.object({
  id: z.string(),
  persona: z.enum(["sme", "provider", "staff"]),
  section: z.string(),
  question: z.string().min(2),
  expected: z.array(z.object({ unit: z.string(), contains: z.string().optional() })).min(1),
});
export type RetrievalCase = z.infer<typeof retrievalCaseSchema>;

export function loadRetrievalCases(file: string): RetrievalCase[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => retrievalCaseSchema.parse(JSON.parse(line)));
}

const squash = (text: string) => text.replace(/\s+/g, "");

/** A passage answers when it belongs to an expected unit and holds the expected words. */
export function answersCase(passage: Passage, testCase: RetrievalCase): boolean {
  return testCase.expected.some(
    (e) => passage.unitId === e.unit && (!e.contains || squash(passage.text).includes(squash(e.contains))),
  );
}

export interface RetrievalRun {
  summary: RankingSummary;
  byPersona: Record<string, RankingSummary>;
  bySection: Record<string, RankingSummary>;
  cases: Array<RankedCase & { question: string; top: string[] }>;
}

export async function runRetrievalEval(
  searcher: HybridSearcher,
  cases: RetrievalCase[],
  depth = 10,
): Promise<RetrievalRun> {
  const ranked = [];
  for (const testCase of cases) {
    const { results } = await searcher.search(testCase.question, depth);
    const rank = results.findIndex((r) => answersCase(r.passage, testCase));
    ranked.push({
      id: testCase.id,
      question: testCase.question,
      groups: { persona: testCase.persona, section: testCase.section },
      firstHitRank: rank >= 0 ? rank + 1 : null,
      top: results.slice(0, 3).map((r) => r.passage.id),
    });
  }
  return {
    summary: summarise(ranked),
    byPersona: summariseBy(ranked, "persona"),
    bySection: summariseBy(ranked, "section"),
    cases: ranked,
  };
}

/** Sections are reported by their top-level group (2.1 → 二（一）; zl3 → 专栏), to keep the table readable. */
export function sectionGroup(section: string): string {
  if (section.startsWith("zl")) return "专栏";
  return section.split(".")[0]!;
}
