import * as z from "zod";
import { messages } from "../messages.js";
import { baselineInfo, benchmarkInfo, productNotes, productSummary } from "./benchmark/productFacts.js";
import { breadcrumb, deadlinePassed } from "./benchmark/policy.js";
import { resolveProductOrThrow } from "./benchmark/resolveProductOrThrow.js";
import type { CalculatorData, Industry, PlanUnitRef, Product } from "./data.js";
import { fmtExact } from "./format.js";
import { normalizeName, resolveProduct } from "./resolveProduct.js";
import { SourceCollector, type FigureRef, type SourceRef } from "./sources.js";

const m = messages.calculators;

export const benchmarkLookupSchema = z.object({
  product: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe(
      "产品、工序或行业：名称、别名、目录编号、产品类别或行业，如 水泥熟料、电炉钢、纯碱（列出轻质和重质）、化工；不填则列出方案给出标杆值的全部产品",
    ),
});
export type BenchmarkLookupInput = z.infer<typeof benchmarkLookupSchema>;

export interface BenchmarkLookupEntry {
  product: { id: string; name: string; industry: string; inPlan: boolean; condition: string | null };
  unit: string;
  perUnit: string;
  indicator: string;
  benchmark: FigureRef & { unitId: string | null };
  baseline: (FigureRef & { standard: string | null; grade: number | null; label: string }) | null;
  cityTargets: Array<{ year: number; value: number; unit: string; unitId: string; quote: string }>;
  planTargets: Array<{ text: string; unitId: string; breadcrumb: string }>;
  notes: string[];
  /** What applies below the baseline, and whether its date has passed on `asOf`. */
  belowBaseline: { date: string | null; text: string; verification: string; passed: boolean | null } | null;
}

/** What POST /api/tools/benchmark-lookup returns: the reviewed figures of one product, or of every variant of a group. */
export interface BenchmarkLookupResult {
  entries: BenchmarkLookupEntry[];
  /** no product was asked for: every product the plan names is listed */
  all: boolean;
  newProjects: { text: string; verification: string } | null;
  asOf: string | null;
  planUnits: PlanUnitRef[];
  sources: SourceRef[];
}

export interface LookupContext {
  data: CalculatorData;
  /** The Beijing calendar day the answer is given on ("2026-12-01"); deadlines are judged against it. */
  asOf?: string;
}

/**
 * The benchmark (标杆), the baseline (基准, where one is known and how) and the city's targets of a
 * product, each with its source: "电炉钢标杆是多少" answered from reviewed data, not from a sentence search.
 * A group name ("纯碱") lists its variants instead of asking which one; no product lists every one the plan names.
 */
export function lookupBenchmark(input: BenchmarkLookupInput, ctx: LookupContext): BenchmarkLookupResult {
  const { data } = ctx;
  const products = input.product ? productsFor(input.product, data) : data.products.filter((p) => p.inPlan);
  const sources = new SourceCollector();
  const entries = products.map((product) => entryOf(product, ctx, sources));
  const newProjects = data.policy.deadlines.find((d) => d.id === "new-projects-at-benchmark") ?? null;
  if (newProjects) sources.add(newProjects, m.usedFor.deadline);
  const unitIds = [...new Set(products.flatMap((p) => p.planUnits))];
  return {
    entries,
    all: !input.product,
    newProjects: newProjects ? { text: newProjects.text, verification: newProjects.verification } : null,
    asOf: ctx.asOf ?? null,
    planUnits: unitIds.map((id) => data.planUnits.get(id) ?? { id, breadcrumb: "" }),
    sources: sources.list(data),
  };
}

/**
 * A group ("纯碱", "联碱法") is all its variants and an industry ("水泥", "化工") the plan's products of
 * it; anything else must resolve to one product, or the error lists the choices.
 */
function productsFor(text: string, data: CalculatorData): Product[] {
  // "合成氨、纯碱": each product in turn, a product named twice once.
  if (text.includes("、")) return [...new Set(text.split("、").flatMap((part) => productsFor(part, data)))];
  const resolution = resolveProduct(text, data);
  if (resolution.kind === "ambiguous") return resolution.variants;
  if (resolution.kind === "unknown") {
    const industry = industryNamed(text, data);
    if (industry) return data.products.filter((p) => p.inPlan && p.industry === industry.name);
  }
  return [resolveProductOrThrow(text, null, data).product];
}

/** The industry whose longest alias the text holds ("煤化工行业" → 化工). */
export function industryNamed(text: string, data: Pick<CalculatorData, "industries">): Industry | null {
  const normalized = normalizeName(text);
  let best: { industry: Industry; length: number } | null = null;
  for (const industry of data.industries) {
    for (const alias of industry.aliases) {
      if (normalized.includes(normalizeName(alias)) && alias.length > (best?.length ?? 0))
        best = { industry, length: alias.length };
    }
  }
  return best?.industry ?? null;
}

function entryOf(
  product: Product,
  { data, asOf }: LookupContext,
  sources: SourceCollector,
): BenchmarkLookupEntry {
  const deadline = data.policy.deadlines.find((d) => d.id === product.belowBaselineDeadline) ?? null;
  if (deadline) sources.add(deadline, m.usedFor.deadline);
  sources.add(product.benchmark, m.usedFor.benchmark(product.name));
  if (product.baseline)
    sources.add(product.baseline, m.usedFor.baseline(product.name), product.baseline.grade);
  for (const city of product.cityTargets) sources.add(city, m.usedFor.cityTarget);
  return {
    product: productSummary(product),
    unit: product.unit,
    perUnit: product.perUnit,
    indicator: product.indicator,
    benchmark: benchmarkInfo(product, data),
    baseline: baselineInfo(product, data),
    cityTargets: product.cityTargets.map((c) => ({
      year: c.year,
      value: c.value,
      unit: c.unit,
      unitId: c.unitId,
      quote: c.quote,
    })),
    planTargets: product.planTargets.map((t) => ({
      text: t.text,
      unitId: t.unitId,
      breadcrumb: breadcrumb(t.unitId, data),
    })),
    notes: [
      ...productNotes(product, "lookup"),
      ...(product.basis ? [m.notes.basisOfFigure(product.name, fmtExact(product.benchmark.value))] : []),
    ],
    belowBaseline: deadline
      ? {
          date: deadline.date,
          text: deadline.text,
          verification: deadline.verification,
          passed: deadlinePassed(deadline.date, asOf),
        }
      : null,
  };
}
