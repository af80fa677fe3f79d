import { messages } from "../../messages.js";
import type { BenchmarkStatus, CalculatorData, Deadline, Product } from "../data.js";
import { fmt, fmtExact } from "../format.js";
import type { SourceCollector } from "../sources.js";
import type { BenchmarkGapResult } from "./types.js";

const m = messages.calculators;

/** What the plan asks of a plant in a status, in its own words, and the deadline that applies. */
export function breadcrumb(unitId: string, data: CalculatorData): string {
  return data.planUnits.get(unitId)?.breadcrumb ?? "";
}

export function policyFor(
  status: BenchmarkStatus,
  product: Product,
  data: CalculatorData,
  uc: number,
  sources: SourceCollector,
  asOf?: string,
): BenchmarkGapResult["policy"] {
  const asks = data.policy.guidance[status].map((q) => {
    sources.add(q, m.usedFor.policy);
    return { quote: q.quote, unitId: q.unitId, breadcrumb: breadcrumb(q.unitId, data) };
  });
  const deadlineEntry = data.policy.deadlines.find((d) => d.id === product.belowBaselineDeadline);
  const showDeadline = status === "worse_than_baseline" || status === "baseline_unknown";
  const deadline =
    showDeadline && deadlineEntry
      ? deadlineRef(deadlineEntry, status === "baseline_unknown", sources, asOf)
      : null;
  const newEntry = data.policy.deadlines.find((d) => d.id === "new-projects-at-benchmark");
  if (newEntry) sources.add(newEntry, m.usedFor.deadline);
  const summary = m.policySummary[status]({
    product: product.name,
    uc: fmt(uc, "unitConsumption"),
    benchmark: fmtExact(product.benchmark.value),
    baseline: product.baseline ? fmtExact(product.baseline.value) : null,
    deadline: deadlineEntry?.date ?? null,
    deadlinePassed: deadlinePassed(deadlineEntry?.date ?? null, asOf),
  });
  return {
    summary,
    asks,
    deadline,
    newProjects: newEntry
      ? { text: newEntry.text, verification: newEntry.verification, source: newEntry.source }
      : null,
  };
}

/** Whether a deadline ("2025-12-31") is behind the day of the answer; null when either is unknown. */
export function deadlinePassed(date: string | null, asOf: string | undefined): boolean | null {
  if (!date || !asOf) return null;
  return asOf > date;
}

function deadlineRef(d: Deadline, conditional: boolean, sources: SourceCollector, asOf: string | undefined) {
  sources.add(d, m.usedFor.deadline);
  return {
    date: d.date,
    passed: deadlinePassed(d.date, asOf),
    text: d.text,
    appliesTo: d.appliesTo,
    verification: d.verification,
    source: d.source,
    conditional,
  };
}
