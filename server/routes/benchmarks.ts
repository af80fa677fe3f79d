import { Router } from "express";
import type { AppServices } from "../app.js";
import type { CalculatorData, Product } from "../calculators/data.js";
import { messages } from "../messages.js";
import { calculatorContext } from "./tools.js";

/** GET /api/benchmarks: the product catalogue with every figure's source and verification level. */
export function benchmarksRouter({ config }: Pick<AppServices, "config">): Router {
  const context = calculatorContext(config);
  const router = Router();
  router.get("/benchmarks", (_req, res) => {
    const { data } = context();
    res.json({
      products: data.products.map((p) => catalogueEntry(p, data)),
      sources: [...data.sources.values()],
      verificationLevels: messages.calculators.verification,
      defaultGridFactorId: config.gridEmissionFactorId,
    });
  });
  return router;
}

export function catalogueEntry(p: Product, data: CalculatorData) {
  const crumb = (id: string) => data.planUnits.get(id)?.breadcrumb ?? "";
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
    capacityBand: p.capacityBand,
    basis: p.basis,
    benchmark: p.benchmark,
    baseline: p.baseline,
    baselineKnownAs: p.baseline
      ? p.baseline.verification === "standard_limit_grade" && p.baseline.standard
        ? messages.calculators.labels.baselineFromStandard(p.baseline.standard, p.baseline.grade ?? 3)
        : messages.calculators.labels.baselinePolicy
      : null,
    referenceStandard: p.referenceStandard,
    referenceGrades: p.referenceGrades,
    cityTargets: p.cityTargets,
    planTargets: p.planTargets.map((t) => ({ ...t, breadcrumb: crumb(t.unitId) })),
    belowBaselineDeadline: data.policy.deadlines.find((d) => d.id === p.belowBaselineDeadline) ?? null,
    planUnits: p.planUnits.map((id) => ({ id, breadcrumb: crumb(id) })),
  };
}
