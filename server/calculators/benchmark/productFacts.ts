import { messages } from "../../messages.js";
import type { CalculatorData, Product } from "../data.js";
import { fmtExact } from "../format.js";
import { citationOf } from "../sources.js";
import type { BenchmarkGapResult } from "./types.js";

const m = messages.calculators;

type CitingData = Pick<CalculatorData, "sources" | "planUnits">;

/** Who the product is, as every result names it. */
export function productSummary(product: Product): BenchmarkGapResult["product"] {
  const { id, name, industry, inPlan, condition } = product;
  return { id, name, industry, inPlan, condition };
}

/**
 * The plan's (or a national notice's) benchmark as results show it: the authority it is cited from,
 * with the clause it stands in. Where it was checked (its trail, the data's notes) stays in the data.
 */
export function benchmarkInfo(product: Product, data: CitingData): BenchmarkGapResult["benchmarkInfo"] {
  const bm = product.benchmark;
  return {
    value: bm.value,
    unit: bm.unit,
    verification: bm.verification,
    source: bm.source,
    citation: citationOf(bm, data),
    unitId: bm.unitId,
  };
}

/** The product's baseline as results show it, with how it is known (a policy value or a standard's limit grade). */
export function baselineInfo(product: Product, data: CitingData): BenchmarkGapResult["baselineInfo"] {
  const bl = product.baseline;
  if (!bl) return null;
  return {
    value: bl.value,
    unit: bl.unit,
    verification: bl.verification,
    source: bl.source,
    citation: citationOf(bl, data, bl.grade),
    standard: bl.standard,
    grade: bl.grade,
    label:
      bl.verification === "standard_limit_grade" && bl.standard
        ? m.labels.baselineFromStandard(bl.standard, bl.grade ?? 3)
        : m.labels.baselinePolicy,
  };
}

/** A standard's grades as results show them, cited from the standard itself. */
export function referenceGradesOf(product: Product): BenchmarkGapResult["referenceGrades"] {
  return product.referenceGrades.map((g) => ({
    standard: g.standard,
    variant: g.variant,
    unit: g.unit,
    grade1: g.grade1,
    grade2: g.grade2,
    grade3: g.grade3,
    source: g.source,
    verification: g.verification,
  }));
}

/**
 * What the reader must know about the product's figures: condition, capacity band, how the baseline
 * is known. `capacityT` is the plant's capacity when comparing, null when it was not said, and
 * "lookup" when figures are only being looked up (then the band is stated, not assumed).
 */
export function productNotes(product: Product, capacityT: number | null | "lookup"): string[] {
  const notes: string[] = [];
  if (product.condition) notes.push(m.notes.condition(product.name, product.condition));
  if (product.capacityBand) {
    const band = product.capacityBand.label;
    notes.push(
      capacityT === "lookup"
        ? m.notes.capacityBandOnly(band)
        : capacityT === null
          ? m.notes.capacityAssumed(band)
          : m.notes.capacityInBand(fmtExact(capacityT), band),
    );
  }
  if (!product.inPlan) notes.push(m.notes.notInPlan(product.name));
  const bl = product.baseline;
  if (bl?.verification === "standard_limit_grade" && bl.standard) {
    notes.push(m.notes.baselineIsStandardGrade(bl.standard, fmtExact(bl.value)));
  }
  if (!bl)
    notes.push(
      m.notes.baselineUnknown(
        product.name,
        product.referenceGrades[0]?.standard ?? product.referenceStandard,
      ),
    );
  return notes;
}
