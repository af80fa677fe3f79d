import type { BenchmarkStatus, CalculatorData, PlanUnitRef, ReferenceGrades } from "../data.js";
import type { GridFactorRef } from "../estimateCo2.js";
import type { FigureRef, SourceCollector, SourceRef } from "../sources.js";

/** What the benchmark-gap calculator returns (the HTTP contract of POST /api/tools/benchmark-gap). */
export interface PolicyAsk {
  quote: string;
  unitId: string;
  breadcrumb: string;
}

export interface BenchmarkGapResult {
  product: { id: string; name: string; industry: string; inPlan: boolean; condition: string | null };
  unit: "kgce/t";
  unitConsumption: number;
  /** how the unit consumption was obtained */
  unitConsumptionFrom: "given" | "energy_and_output";
  benchmark: number;
  baseline: number | null;
  status: BenchmarkStatus;
  statusLabel: string;
  gapToBenchmark: number;
  gapToBenchmarkPercent: number;
  gapToBaseline: number | null;
  gapToBaselinePercent: number | null;
  annualOutputT: number | null;
  annualSavingTce: number | null;
  annualSavingToBaselineTce: number | null;
  co2SavingT: number | null;
  co2Factor: {
    value: number;
    unit: "tCO2/tce";
    method: "plant_energy_mix" | "assumed_carrier";
    label: string;
  } | null;
  gridFactor: GridFactorRef;
  /**
   * With a planned unit consumption ("单耗由112降到105"): the fall per tonne and, with the output, the
   * energy it saves a year and that saving's CO2 at the same factor as the benchmark saving's.
   */
  plannedSaving: {
    unitConsumption: number;
    gap: number;
    /** the fall as a share of the consumption it starts from, % */
    percent: number;
    savingTce: number | null;
    co2T: number | null;
  } | null;
  cityTarget: {
    value: number;
    unit: string;
    year: number;
    gap: number;
    /** the gap as a share of the target, in per cent */
    percent: number;
    /** with the output, the energy a year to reach the target (tce); null without it or when reached */
    savingTce: number | null;
    reached: boolean;
    unitId: string;
    quote: string;
  } | null;
  breakdown: Array<{
    carrier: string;
    amount: number;
    unit: string;
    tce: number;
    sharePercent: number;
    formula: string;
  }> | null;
  totalEnergyTce: number | null;
  benchmarkInfo: FigureRef & { unitId: string | null };
  baselineInfo: (FigureRef & { standard: string | null; grade: number | null; label: string }) | null;
  /** The product's standard and its grades, cited from the standard (where they were checked stays in the data). */
  referenceGrades: Array<Omit<ReferenceGrades, "trail" | "note">>;
  policy: {
    summary: string;
    asks: PolicyAsk[];
    deadline: {
      date: string | null;
      /** the date is behind the day of the answer (GapContext.asOf); null when not known */
      passed: boolean | null;
      text: string;
      appliesTo: string;
      verification: string;
      source: string[];
      conditional: boolean;
    } | null;
    newProjects: { text: string; verification: string; source: string[] } | null;
  };
  planTargets: Array<{ text: string; unitId: string; breadcrumb: string }>;
  planUnits: PlanUnitRef[];
  sources: SourceRef[];
  formula: string[];
  notes: string[];
  rounding: string;
}

export interface GapContext {
  data: CalculatorData;
  gridFactorId: string;
  /** The Beijing calendar day of the answer ("2026-12-01"), so a deadline gone by is called so. */
  asOf?: string;
}

/** The formula lines, notes and sources a result collects as it is computed. */
export interface Trail {
  formula: string[];
  notes: string[];
  sources: SourceCollector;
}
