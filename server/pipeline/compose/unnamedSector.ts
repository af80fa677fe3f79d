import type { Passage } from "../../knowledge/types.js";
import type { IndustryMatch } from "../../knowledge/planModel.js";
import { messages } from "../../messages.js";
import type { SearchResult } from "../../retrieval/hybridSearcher.js";
import type { AnswerContext } from "../context.js";
import { bestSentenceOf, QUOTED_PASSAGES, type QuestionTerms } from "./sentences.js";

const t = messages.answer.unnamedSector;

/**
 * "造纸厂能享受哪些政策": the plan has no path for that industry. Say so first, then the clauses that
 * mention it inside another one, then the measures that apply to any industrial enterprise, best
 * matched to the question first. Null when the industry has a sector of its own in the plan.
 */
export function unnamedSectorAnswer(
  ctx: AnswerContext,
  { industry, alias }: IndustryMatch,
  terms: QuestionTerms,
): { text: string; cited: Passage[] } | null {
  if (industry.planSector) return null;
  const { knowledge } = ctx.deps;
  const sectors = knowledge.units.filter((u) => u.kind === "sector").map((u) => u.title.replace(/行业$/, ""));
  const mention = industry.mentions
    .flatMap(({ unitId, term }) => knowledge.passagesOfUnit(unitId).filter((p) => p.text.includes(term)))
    .at(0);
  const crossCutting = ctx.deps.planModel?.crossCutting.map((c) => c.unitId) ?? [];
  const general = crossCuttingFirst(ctx, crossCutting).filter((p) => p.unitId !== mention?.unitId);
  const cited = [...(mention ? [mention] : []), ...general].slice(0, QUOTED_PASSAGES);
  const lines = [t.lead(alias, sectors)];
  cited.forEach((passage, i) => {
    const best = bestSentenceOf(passage.text, terms, false, passage.breadcrumb.at(-1));
    const sentence = (best?.text ?? passage.text.split("。")[0]!).replace(/[；，]$/, "。");
    const title = passage.breadcrumb.at(-1)!.replace(/^(\d+\.|[一二三四五六七八九十]+、)\s*/, "");
    lines.push(passage === mention ? t.mention(title, sentence, i + 1) : t.general(title, sentence, i + 1));
  });
  return { text: lines.join("\n"), cited };
}

/** The cross-cutting measures, those retrieval ranked for the question first, then in the map's order. */
function crossCuttingFirst(ctx: AnswerContext, unitIds: string[]): Passage[] {
  const rank = (unitId: string) => {
    const at = ctx.passages.findIndex((r: SearchResult) => r.passage.unitId === unitId);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...unitIds]
    .sort((a, b) => rank(a) - rank(b) || unitIds.indexOf(a) - unitIds.indexOf(b))
    .flatMap((unitId) => ctx.deps.knowledge.passagesOfUnit(unitId).slice(0, 1));
}
