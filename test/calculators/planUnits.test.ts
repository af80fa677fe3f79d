import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../server/calculators/data.js";
import { loadKnowledgeBase } from "../../server/knowledge/knowledgeBase.js";
import { dataDir, realData } from "./fixtures.js";

/**
 * knowledge/data cites the plan by unit id (plan-units.json, docs/knowledge-ids.md): each id must be a
 * unit of the parsed plan with the same breadcrumb, and each sentence attributed to the plan must be in
 * the unit it cites, not merely somewhere in the plan.
 */
const knowledge = loadKnowledgeBase(path.resolve(dataDir, ".."));
const planUnits = JSON.parse(fs.readFileSync(path.join(dataDir, dataFiles.planUnits), "utf8")) as {
  docId: string;
  units: Array<{ id: string; breadcrumb: string[] }>;
};
const squeeze = (text: string) => text.replace(/\s+/g, "");

/** Every sentence or figure knowledge/data attributes to a unit of the plan. */
function quotes(): Array<{ what: string; unitId: string; quote: string }> {
  const data = realData();
  const all: Array<{ what: string; unitId: string; quote: string }> = [];
  for (const [status, qs] of Object.entries(data.policy.guidance))
    for (const q of qs) all.push({ what: `policy.guidance.${status}`, unitId: q.unitId, quote: q.quote });
  for (const [tool, qs] of Object.entries(data.policy.toolQuotes))
    for (const q of qs) all.push({ what: `policy.toolQuotes.${tool}`, unitId: q.unitId, quote: q.quote });
  for (const t of data.policy.targets)
    all.push({ what: `policy.targets.${t.id}`, unitId: t.unitId, quote: t.quote });
  for (const p of data.products) {
    for (const t of p.cityTargets)
      all.push({ what: `${p.id}.cityTargets`, unitId: t.unitId, quote: t.quote });
    for (const t of p.planTargets)
      all.push({ what: `${p.id}.planTargets`, unitId: t.unitId, quote: t.text.replace(/。$/, "") });
    if (p.benchmark.verification === "plan" && p.benchmark.unitId) {
      all.push({
        what: `${p.id}.benchmark`,
        unitId: p.benchmark.unitId,
        quote: `${p.benchmark.value}千克标准煤/吨`,
      });
    }
    if (p.capacityBand)
      all.push({ what: `${p.id}.capacityBand`, unitId: p.capacityBand.unitId, quote: p.capacityBand.label });
  }
  return all;
}

describe("plan-units.json against the knowledge base", () => {
  it("is about the plan the knowledge base holds", () => {
    expect(knowledge.document(planUnits.docId)).toBeDefined();
  });

  it.each(planUnits.units.map((u) => [u.id, u] as const))(
    "%s is a unit of the plan, with the same breadcrumb",
    (id, u) => {
      const unit = knowledge.unit(id);
      expect(unit, id).toBeDefined();
      expect(u.breadcrumb).toEqual(unit!.breadcrumb);
    },
  );

  it("lists every unit knowledge/data cites", () => {
    const listed = new Set(planUnits.units.map((u) => u.id));
    for (const q of quotes()) expect(listed.has(q.unitId), `${q.what} cites ${q.unitId}`).toBe(true);
  });

  it.each(quotes().map((q) => [`${q.what} → ${q.unitId}`, q] as const))(
    "%s: the quote is in the unit it cites",
    (_what, q) => {
      const unit = knowledge.unit(q.unitId);
      expect(unit, q.unitId).toBeDefined();
      expect(squeeze(unit!.text)).toContain(squeeze(q.quote));
    },
  );
});
