import { Router } from "express";
import type { AppServices } from "../services.js";
import { noticeOf } from "../calculators/benchmark/resolveProductOrThrow.js";
import type { CalculatorData, Product, UncataloguedProduct } from "../calculators/data.js";
import { citationOf, type Cited } from "../calculators/sources.js";
import { messages } from "../messages.js";

/**
 * GET /api/benchmarks: the product catalogue, every figure with the authority it is cited from (the
 * plan's clause, a standard, a ministry's notice) and its verification level, and the products of the
 * national table it leaves out (`uncatalogued`, named with the notice, without levels). Where a figure was
 * checked (its trail) stays in knowledge/data and docs/calculators.md.
 */
export function benchmarksRouter({
  config,
  calculators,
}: Pick<AppServices, "config" | "calculators">): Router {
  const router = Router();
  router.get("/benchmarks", (_req, res) => {
    const { data } = calculators;
    res.json({
      products: data.products.map((p) => catalogueEntry(p, data)),
      uncatalogued: data.uncatalogued.map((u) => uncataloguedEntry(u, data)),
      sources: [...data.sources.values()].flatMap((s) =>
        s.role === "authority"
          ? [{ id: s.id, kind: s.kind, title: s.cite, ...(s.number ? { number: s.number } : {}) }]
          : [],
      ),
      verificationLevels: messages.calculators.verification,
      defaultGridFactorId: config.gridEmissionFactorId,
    });
  });
  return router;
}

/** A figure as the catalogue shows it: without its trail or the reviewers' note, with its citation. */
function cited<F extends Cited & { trail?: unknown; note?: unknown }>(
  figure: F,
  data: CalculatorData,
  grade?: number | null,
): Omit<F, "trail" | "note"> & { citation: string } {
  const { trail: _trail, note: _note, ...shown } = figure;
  return { ...shown, citation: citationOf(figure, data, grade) };
}

/**
 * A product of the national table that the catalogue leaves out: its names and the notice that lists it,
 * no levels (none was confirmed in two independent public sources), no trail.
 */
export function uncataloguedEntry(u: UncataloguedProduct, data: CalculatorData) {
  return {
    id: u.id,
    name: u.name,
    area: u.area,
    aliases: u.aliases,
    industry: u.industry,
    listedIn: { source: u.listedIn.source, citation: noticeOf(u, data) },
    levels: null,
  };
}

export function catalogueEntry(p: Product, data: CalculatorData) {
  const crumb = (id: string) => data.planUnits.get(id)?.breadcrumb ?? "";
  const deadline = data.policy.deadlines.find((d) => d.id === p.belowBaselineDeadline);
  return {
    id: p.id,
    name: p.name,
    group: p.group,
    variantLabel: p.variantLabel,
    aliases: p.aliases,
    industry: p.industry,
    inPlan: p.inPlan,
    indicator: p.indicator,
    unit: p.unit,
    perUnit: p.perUnit,
    condition: p.condition,
    capacityBand: p.capacityBand ? cited(p.capacityBand, data) : null,
    basis: p.basis,
    benchmark: cited(p.benchmark, data),
    baseline: p.baseline ? cited(p.baseline, data, p.baseline.grade) : null,
    baselineKnownAs: p.baseline
      ? p.baseline.verification === "standard_limit_grade" && p.baseline.standard
        ? messages.calculators.labels.baselineFromStandard(p.baseline.standard, p.baseline.grade ?? 3)
        : messages.calculators.labels.baselinePolicy
      : null,
    referenceStandard: p.referenceStandard,
    referenceGrades: p.referenceGrades.map((g) => cited(g, data)),
    cityTargets: p.cityTargets.map((t) => cited(t, data)),
    planTargets: p.planTargets.map((t) => ({ ...cited(t, data), breadcrumb: crumb(t.unitId) })),
    belowBaselineDeadline: deadline ? cited(deadline, data) : null,
    planUnits: p.planUnits.map((id) => ({ id, breadcrumb: crumb(id) })),
  };
}
