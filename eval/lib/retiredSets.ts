import type { KnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import type { AnswerPipeline } from "../../server/pipeline/index.js";
import { askInTurn } from "./askInTurn.js";
import { gradeBlind, leadOf, type BlindItem, type BlindRule } from "./blindGrade.js";
import type { BlindSet } from "./blindSets.js";
import { figuresInNoSource } from "./unsupportedFigures.js";

/**
 * Retired blind sets (eval/retired/): once a blind set has guided a fix it stops measuring, so it
 * becomes a development set in its own format, graded by the same rules as a blind set but read case
 * by case like any development set, and held by the ratchet.
 */
export interface RetiredResult {
  id: string;
  set: string;
  kind: BlindItem["kind"];
  passed: boolean;
  /** The first rule the answer failed. */
  failed: BlindRule | null;
  status: string | null;
  lead: string;
  unsupportedFigures: string[];
}

export async function runRetiredSet(
  pipeline: AnswerPipeline,
  knowledge: KnowledgeBase,
  set: BlindSet,
): Promise<RetiredResult[]> {
  const results: RetiredResult[] = [];
  for (const item of set.items) {
    const ctx = await askInTurn(pipeline, item.turns);
    const failed = gradeBlind(item, ctx);
    results.push({
      id: item.id,
      set: set.name,
      kind: item.kind,
      passed: failed === null,
      failed,
      status: ctx.status,
      lead: leadOf(ctx.answer),
      unsupportedFigures: figuresInNoSource(ctx, knowledge, item.turns),
    });
  }
  return results;
}

/** Per kind [passed, total], and the overall share. */
export function summariseRetired(results: RetiredResult[]): {
  byKind: Record<string, [number, number]>;
  overall: number;
} {
  const byKind: Record<string, [number, number]> = {};
  for (const r of results) {
    const [p, n] = byKind[r.kind] ?? [0, 0];
    byKind[r.kind] = [p + (r.passed ? 1 : 0), n + 1];
  }
  const passed = results.filter((r) => r.passed).length;
  return { byKind, overall: results.length ? Math.round((passed / results.length) * 1e4) / 1e4 : 1 };
}
