import * as z from "zod";
import { messages } from "../messages.js";
import { derivedHeatingValue, type CalculatorData, type Verification } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import {
  measuredLine,
  electricityOptions,
  energyItemSchema,
  gridFactorOption,
  measureItems,
  type MeasuredItem,
} from "./energyInput.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;

export const energyConvertSchema = z
  .object({
    energy: z.array(energyItemSchema).min(1).max(30).describe("分品种的能源用量列表"),
    ...electricityOptions,
    ...gridFactorOption,
  })
  .superRefine((value, ctx) => {
    if (value.electricityBasis === "primary_energy" && value.electricityPrimaryFactor === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["electricityPrimaryFactor"],
        message: m.errors.primaryFactorRequired,
      });
    }
  });
export type EnergyConvertInput = z.infer<typeof energyConvertSchema>;

export interface ConversionOptions {
  electricityBasis?: "heat_content" | "primary_energy" | undefined;
  electricityPrimaryFactor?: number | undefined;
}

/** One converted line with full-precision figures (rounded only in the result). */
export interface ExactConversion {
  measured: MeasuredItem;
  /** kgce per base unit */
  factor: number;
  factorUnit: string;
  factorLabel: string;
  verification: Verification | "user";
  source: string[];
  kgce: number;
  formula: string;
}

export interface ConversionLine {
  carrier: { id: string; name: string };
  amount: number;
  unit: string;
  factor: {
    value: number;
    unit: string;
    label: string;
    verification: Verification | "user";
    source: string[];
  };
  tce: number;
  formula: string;
}

export interface StandardCoalResult {
  lines: ConversionLine[];
  totalTce: number;
  formula: string[];
  sources: SourceRef[];
  notes: string[];
}

/** Converts measured lines to kgce without rounding; used by the benchmark gap as well. */
export function convertExact(
  measured: MeasuredItem[],
  options: ConversionOptions,
  data: Pick<CalculatorData, "carriers" | "standardCoalHeatValue" | "fuelFactors">,
  fieldPrefix = "energy",
): { lines: ExactConversion[]; totalKgce: number; notes: string[] } {
  const notes: string[] = [];
  const lines = measured.map((item) => {
    const line = convertOne(item, options, data, `${fieldPrefix}.${item.index}`);
    if (line.note) notes.push(line.note);
    return line.conversion;
  });
  return { lines, totalKgce: lines.reduce((sum, l) => sum + l.kgce, 0), notes };
}

function convertOne(
  item: MeasuredItem,
  options: ConversionOptions,
  data: Pick<CalculatorData, "carriers" | "standardCoalHeatValue" | "fuelFactors">,
  field: string,
): { conversion: ExactConversion; note?: string } {
  const shown = `${fmtExact(item.item.amount)} ${item.item.unit}`;
  const baseShown = item.item.unit === item.baseUnit ? "" : ` = ${fmtExact(item.base)} ${item.baseUnit}`;
  if (item.resolved.kind === "standard_coal") {
    const kgce = item.base;
    return {
      conversion: {
        measured: item,
        factor: 1,
        factorUnit: "kgce/kgce",
        factorLabel: m.labels.alreadyStandardCoal,
        verification: "user",
        source: [],
        kgce,
        formula: m.formula.alreadyStandardCoal(item.name, shown, fmt(kgce / 1000, "tce")),
      },
    };
  }
  const carrier = item.resolved.carrier;
  const factorUnit = `kgce/${item.baseUnit}`;
  const finish = (
    factor: number,
    factorLabel: string,
    verification: Verification | "user",
    source: string[],
    name = item.name,
  ) => {
    const kgce = item.base * factor;
    return {
      measured: item,
      factor,
      factorUnit,
      factorLabel,
      verification,
      source,
      kgce,
      formula: m.formula.conversionLine(
        name,
        shown + baseShown,
        fmtExact(factor),
        factorUnit,
        fmt(kgce / 1000, "tce"),
      ),
    };
  };

  if (item.heatingValueMj !== null) {
    const hv = data.standardCoalHeatValue;
    const factor = item.heatingValueMj / hv.value;
    return {
      conversion: finish(
        factor,
        m.labels.fromHeatingValue(fmtExact(item.heatingValueMj), item.baseUnit, fmtExact(hv.value)),
        "user",
        hv.source,
      ),
    };
  }

  // Steam given as heat (GJ, MJ) converts like heat.
  if (carrier.id === "steam" && item.quantity === "heat") {
    const heat = data.carriers.find((c) => c.id === "heat")?.factor;
    if (!heat) throw new Error("knowledge/data/energy-conversion.json has no heat factor");
    return { conversion: finish(heat.value, m.labels.steamAsHeat, heat.verification, heat.source) };
  }

  if (carrier.quantity === "electricity") {
    if (options.electricityBasis === "primary_energy") {
      const factor = options.electricityPrimaryFactor;
      if (factor === undefined) {
        throw new CalculatorInputError(
          "factor_required",
          "electricityPrimaryFactor",
          m.errors.primaryFactorRequired,
        );
      }
      return {
        conversion: finish(factor, m.labels.electricityPrimary, "user", [], m.labels.electricityNamePrimary),
        note: m.notes.electricityPrimary(fmtExact(factor)),
      };
    }
    const f = carrier.factor!;
    return {
      conversion: finish(
        f.value,
        m.labels.electricityHeatContent,
        f.verification,
        f.source,
        m.labels.electricityName,
      ),
    };
  }

  const f = carrier.factor;
  if (!f) {
    throw new CalculatorInputError(
      "heating_value_required",
      `${field}.heatingValue`,
      m.errors.heatingValueRequired(
        carrier.name,
        carrier.rangeLower ? fmtExact(carrier.rangeLower.value) : null,
      ),
    );
  }
  const derived = derivedHeatingValue(carrier, data);
  if (derived) {
    return {
      conversion: finish(f.value, m.labels.derivedFactor(derived.fuel.name), f.verification, f.source),
      note: m.notes.derivedFactor(
        carrier.name,
        fmtExact(f.value),
        f.unit,
        `${fmtExact(derived.fuel.lhv)} ${derived.fuel.lhvUnit}`,
        fmtExact(data.standardCoalHeatValue.value),
      ),
    };
  }
  const note = f.isDefaultOfRange
    ? m.notes.defaultOfRange(carrier.name, fmtExact(f.value), f.unit)
    : undefined;
  return {
    conversion: finish(f.value, m.labels.referenceFactor, f.verification, f.source),
    ...(note ? { note } : {}),
  };
}

/** 折标准煤: each line and the total in tce, with the factor, its source and the arithmetic shown. */
export function convertToStandardCoal(input: EnergyConvertInput, data: CalculatorData): StandardCoalResult {
  const measured = measureItems(input.energy, data);
  const exact = convertExact(measured, input, data);
  const sources = new SourceCollector();
  const lines = exact.lines.map((l): ConversionLine => {
    sources.add(l.source, m.usedFor.conversionFactor(l.measured.name));
    return {
      ...measuredLine(l.measured),
      factor: {
        value: l.factor,
        unit: l.factorUnit,
        label: l.factorLabel,
        verification: l.verification,
        source: l.source,
      },
      tce: round(l.kgce / 1000, "tce"),
      formula: l.formula,
    };
  });
  // The total is the sum of the lines as shown, so the 合计 line checks by hand.
  const totalTce = round(
    lines.reduce((sum, l) => sum + l.tce, 0),
    "tce",
  );
  const formula = lines.map((l) => l.formula);
  if (lines.length > 1)
    formula.push(
      m.formula.total(
        lines.map((l) => fmt(l.tce, "tce")),
        fmt(totalTce, "tce"),
      ),
    );
  return { lines, totalTce, formula, sources: sources.list(data), notes: [...new Set(exact.notes)] };
}
