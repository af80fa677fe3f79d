import type * as z from "zod";
import { messages } from "../messages.js";
import type { BenchmarkGapResult } from "./computeBenchmarkGap.js";
import type { StandardCoalResult } from "./convertToStandardCoal.js";
import type { Co2Result } from "./estimateCo2.js";
import { fmt, fmtExact } from "./format.js";
import type { IntensityTargetResult } from "./intensityTarget.js";
import type { MotorUpgradeResult } from "./motorUpgrade.js";
import { parseCalculatorRequest } from "./parseCalculatorRequest.js";
import { calculatorTools, runCalculatorTool, type CalculatorContext, type ToolOutcome } from "./registry.js";
import type { SourceRef } from "./sources.js";
import type { VsdSavingsResult } from "./vsdSavings.js";

const d = messages.calculators.describe;
const v = messages.calculators.verification;

/** A calculator as the answer pipeline and the LLM see it: input validated, context bound. */
export interface BoundCalculatorTool {
  name: string;
  description: string;
  schema: z.ZodType;
  run(input: unknown): ToolOutcome;
}

export interface CalculatorPortRequest {
  tool: string;
  input: Record<string, unknown>;
  /** one question per missing input, in Chinese */
  missing: string[];
  notes: string[];
}

export interface ResultDescription {
  lead: string;
  details: string[];
  unitIds: string[];
}

/**
 * Everything the answer pipeline needs from the calculators: the tools, the message parser, running a
 * tool, and a short description of a result. The context is fetched on each call so data loads lazily.
 */
export function createCalculatorPort(context: () => CalculatorContext) {
  return {
    tools: calculatorTools.map((t): BoundCalculatorTool => ({
      name: t.name,
      description: t.description,
      schema: t.schema,
      run: (input) => runCalculatorTool(t.name, input, context()),
    })),
    parseMessage(
      message: string,
      previous: { tool: string; input: Record<string, unknown> } | null,
    ): CalculatorPortRequest | null {
      const parsed = parseCalculatorRequest(message, context().data, previous);
      if (!parsed) return null;
      return {
        tool: parsed.tool,
        input: parsed.input,
        missing: parsed.missing.map((x) => x.question),
        notes: parsed.notes,
      };
    },
    run: (name: string, input: unknown): ToolOutcome => runCalculatorTool(name, input, context()),
    describe: describeResult,
  };
}

function sourceLines(sources: SourceRef[]): string[] {
  return sources.map((s) => d.source(s.title, s.usedFor));
}

/** The lead sentence, the arithmetic and the sources of a result, in Chinese. */
export function describeResult(name: string, output: unknown): ResultDescription {
  switch (name) {
    case "benchmark_gap": {
      const r = output as BenchmarkGapResult;
      const lead = d.benchmarkGap({
        product: r.product.name,
        uc: fmt(r.unitConsumption, "unitConsumption"),
        status: r.statusLabel,
        benchmark: fmtExact(r.benchmark),
        baseline: r.baseline === null ? null : fmtExact(r.baseline),
        gap: fmt(r.gapToBenchmark, "unitConsumption"),
        percent: fmt(r.gapToBenchmarkPercent, "percent"),
        saving: r.annualSavingTce === null ? null : fmt(r.annualSavingTce, "tce"),
        co2: r.co2SavingT === null ? null : fmt(r.co2SavingT, "co2"),
      });
      const figures = [
        d.figure(d.benchmarkName, fmtExact(r.benchmark), v[r.benchmarkInfo.verification]),
        ...(r.baselineInfo
          ? [d.figure(r.baselineInfo.label, fmtExact(r.baselineInfo.value), v[r.baselineInfo.verification])]
          : []),
      ];
      return {
        // The summary opens with the status sentence the lead has just said; keep only what the policy asks.
        lead: `${lead}${r.policy.summary.replace(/^[^。]*。/, "")}`,
        details: [...r.formula, ...figures, ...r.notes, ...sourceLines(r.sources)],
        unitIds: [...new Set([...r.policy.asks.map((a) => a.unitId), ...r.planUnits.map((u) => u.id)])],
      };
    }
    case "energy_convert": {
      const r = output as { standardCoal: StandardCoalResult; co2: Co2Result };
      return {
        lead: d.energyConvert(
          fmt(r.standardCoal.totalTce, "tce"),
          fmt(r.co2.totalCo2T, "co2"),
          r.co2.gridFactor.name,
        ),
        details: [
          ...r.standardCoal.formula,
          ...r.co2.formula,
          ...r.standardCoal.notes,
          ...r.co2.notes,
          ...sourceLines(mergeSources(r.standardCoal.sources, r.co2.sources)),
        ],
        unitIds: [],
      };
    }
    case "motor_upgrade":
    case "vsd_savings": {
      const r = output as MotorUpgradeResult | VsdSavingsResult;
      const lead = d.electricitySaving({
        kwh: fmt(r.annualKwh, "kwh"),
        tce: fmt(r.annualTce, "tce"),
        co2: fmt(r.annualCo2T, "co2"),
        money: r.annualMoneyWanYuan === null ? null : fmt(r.annualMoneyWanYuan, "wanYuan"),
        payback: r.paybackYears === null ? null : fmt(r.paybackYears, "years"),
        percent: "savingPercent" in r ? fmt(r.savingPercent, "percent") : null,
        what: name === "motor_upgrade" ? d.motorWhat : d.vsdWhat,
      });
      return {
        lead,
        details: [...r.formula, ...r.notes, ...sourceLines(r.sources)],
        unitIds: r.planUnits.map((u) => u.id),
      };
    }
    case "intensity_target": {
      const r = output as IntensityTargetResult;
      return {
        lead: d.intensity({
          base: fmt(r.baseIntensity, "intensity"),
          current: fmt(r.currentIntensity, "intensity"),
          year: r.currentYear,
          reduction: fmt(r.reductionPercent, "percent"),
          status: r.statusLabel,
        }),
        details: [...r.formula, ...r.notes, ...sourceLines(r.sources)],
        unitIds: r.planUnits.map((u) => u.id),
      };
    }
    default:
      return { lead: "", details: [], unitIds: [] };
  }
}

function mergeSources(a: SourceRef[], b: SourceRef[]): SourceRef[] {
  const byId = new Map<string, SourceRef>();
  for (const s of [...a, ...b]) {
    const known = byId.get(s.id);
    byId.set(s.id, known ? { ...known, usedFor: [...new Set([...known.usedFor, ...s.usedFor])] } : s);
  }
  return [...byId.values()];
}
