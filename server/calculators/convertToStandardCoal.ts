import * as z from "zod";
import { messages } from "../messages.js";
import { derivedHeatingValue, type CalculatorData, type Verification } from "./data.js";
import { CalculatorInputError } from "./errors.js";
import {
  measuredLine,
  electricityOptions,
  energyItemSchema,
  findCarrier,
  gridFactorOption,
  measureItems,
  type MeasuredItem,
} from "./energyInput.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { SourceCollector, type SourceRef } from "./sources.js";
import { acceptedUnits, baseUnit, unitFactor } from "./units.js";

const m = messages.calculators;

export const energyConvertSchema = z
  .object({
    energy: z.array(energyItemSchema).min(1).max(30).describe("分品种的能源用量列表"),
    ...electricityOptions,
    ...gridFactorOption,
    into: energyItemSchema
      .pick({ carrier: true, heatingValue: true, factor: true })
      .optional()
      .describe(
        "反算（可选）：把合计的标准煤量折成这一能源品种的实物量，如“1万吨标准煤相当于多少度电”的 电力",
      ),
    output: z
      .object({
        value: z.number().positive().describe("年产量数值"),
        unit: z.string().trim().min(1).max(20).describe("年产量单位，如 吨、万吨"),
      })
      .optional()
      .describe(
        '这些能源对应的产量（可选）：给出时另算每吨产品的各能源用量和折标准煤量，如 {value: 60, unit: "万吨"}',
      ),
    saved: z
      .boolean()
      .optional()
      .describe("这些用量是节约下来的能源（节能量）时为 true：结果按节约的标准煤和减少的二氧化碳表述"),
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
  /** the carrier as the formula names it ("电力（当量值）") */
  name: string;
  /** the factor is the user's own (折标系数 given with the amount) */
  given: boolean;
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
    /** the user's own factor, given with the amount */
    given: boolean;
  };
  tce: number;
  /** the same in kgce, for a question asked in kilograms */
  kgce: number;
  formula: string;
}

/** The energy per tonne of the output it was used for ("吨石料电耗多少度，折多少千克标煤"). */
export interface PerTonne {
  /** the output as given */
  output: { value: number; unit: string };
  outputT: number;
  /** the total as shown, per tonne */
  kgcePerT: number;
  /** each carrier's amount per tonne, in its base unit (kWh/t, m3/t, kg/t, MJ/t) */
  lines: Array<{ carrier: string; amount: number; unit: string }>;
}

/** The total standard coal expressed as an amount of one carrier ("1万吨标准煤相当于多少度电"). */
export interface IntoCarrier {
  carrier: { id: string; name: string };
  /** in `unit`: kWh, m3, t or GJ */
  amount: number;
  unit: "kWh" | "m3" | "t" | "GJ";
  factor: ConversionLine["factor"];
  formula: string;
}

export interface StandardCoalResult {
  lines: ConversionLine[];
  totalTce: number;
  totalKgce: number;
  into: IntoCarrier | null;
  perTonne: PerTonne | null;
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
        name: item.name,
        given: false,
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
  ): ExactConversion => {
    const kgce = item.base * factor;
    return {
      measured: item,
      name,
      given: factorLabel === m.labels.givenFactor,
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

  if (item.givenFactor !== null) {
    const reference = carrier.quantity === item.quantity ? (carrier.factor?.value ?? null) : null;
    const name = carrier.id === "electricity" ? m.labels.electricityName : item.name;
    return {
      conversion: finish(item.givenFactor, m.labels.givenFactor, "user", [], name),
      note: m.notes.givenFactor(
        carrier.name,
        fmtExact(item.givenFactor),
        factorUnit,
        reference === null ? null : fmtExact(reference),
      ),
    };
  }

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
    sources.add(l, m.usedFor.conversionFactor(l.measured.name));
    return {
      ...measuredLine(l.measured),
      factor: {
        value: l.factor,
        unit: l.factorUnit,
        label: l.factorLabel,
        verification: l.verification,
        source: l.source,
        given: l.given,
      },
      tce: round(l.kgce / 1000, "tce"),
      kgce: round(l.kgce, "kgce"),
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
  const totalKgce = round(
    lines.reduce((sum, l) => sum + l.kgce, 0),
    "kgce",
  );
  const notes = [...exact.notes];
  const into = input.into ? intoCarrier(input.into, totalTce, input, data, sources, notes) : null;
  if (into) formula.push(into.formula);
  const perTonne = input.output ? perTonneOf(input.output, exact.lines, totalTce, formula) : null;
  return {
    lines,
    totalTce,
    totalKgce,
    into,
    perTonne,
    formula,
    sources: sources.list(data),
    notes: [...new Set(notes)],
  };
}

/** Each carrier and the total as shown, per tonne of the output; the formula line checks by hand. */
function perTonneOf(
  output: NonNullable<EnergyConvertInput["output"]>,
  lines: ExactConversion[],
  totalTce: number,
  formula: string[],
): PerTonne {
  const kg = unitFactor("mass", output.unit);
  if (kg === undefined) {
    const accepted = acceptedUnits("mass");
    throw new CalculatorInputError(
      "unknown_unit",
      "output.unit",
      m.errors.unknownUnit(output.unit, accepted),
      {
        accepted,
      },
    );
  }
  const outputT = Number(((output.value * kg) / 1000).toPrecision(15));
  const kgcePerT = round((totalTce * 1000) / outputT, "perTonne");
  formula.push(
    m.formula.perTonneOfOutput(fmt(totalTce, "tce"), fmtExact(outputT), fmt(kgcePerT, "perTonne")),
  );
  const perLine = lines
    .filter((l) => l.measured.resolved.kind === "carrier")
    .map((l) => ({
      carrier: l.measured.name,
      amount: round(l.measured.base / outputT, "perTonne"),
      unit: `${l.measured.baseUnit}/t`,
    }));
  return { output: { value: output.value, unit: output.unit }, outputT, kgcePerT, lines: perLine };
}

/** How an amount of each quantity is shown when it is the answer: its unit, the places, and its size in base units. */
const shownAs = {
  electricity: { unit: "kWh", kind: "kwh", size: 1 },
  volume: { unit: "m3", kind: "cubicMetres", size: 1 },
  mass: { unit: "t", kind: "tonnes", size: 1000 },
  heat: { unit: "GJ", kind: "gigajoules", size: 1000 },
} as const;

/**
 * The total as shown, in tce, as an amount of a carrier: at the factor the forward conversion of that
 * carrier would use (当量值 or the 等价值 given, a measured heating value, a factor given), so converting
 * the answer back gives the total again.
 */
function intoCarrier(
  target: NonNullable<EnergyConvertInput["into"]>,
  totalTce: number,
  options: ConversionOptions,
  data: CalculatorData,
  sources: SourceCollector,
  notes: string[],
): IntoCarrier {
  const resolved = findCarrier(target.carrier, data);
  if (resolved?.kind !== "carrier") {
    const accepted = data.carriers.map((c) => c.name);
    throw new CalculatorInputError(
      "unknown_carrier",
      "into.carrier",
      m.errors.unknownCarrier(target.carrier, accepted),
      { accepted },
    );
  }
  const quantity = resolved.carrier.quantity;
  const [measured] = measureItems([{ ...target, amount: 1, unit: baseUnit[quantity] }], data, "into") as [
    MeasuredItem,
  ];
  const { conversion, note } = convertOne(measured, options, data, "into");
  if (note) notes.push(note);
  sources.add(conversion, m.usedFor.conversionFactor(conversion.measured.name));
  const shown = shownAs[quantity];
  const amount = round((totalTce * 1000) / conversion.factor / shown.size, shown.kind);
  const factorUnit = `kgce/${baseUnit[quantity]}`;
  return {
    carrier: { id: resolved.carrier.id, name: resolved.carrier.name },
    amount,
    unit: shown.unit,
    factor: {
      value: conversion.factor,
      unit: factorUnit,
      label: conversion.factorLabel,
      verification: conversion.verification,
      source: conversion.source,
      given: conversion.given,
    },
    formula: m.formula.intoCarrier(
      conversion.name,
      fmt(totalTce, "tce"),
      shown.size === 1 ? " × 1000" : "",
      fmtExact(conversion.factor),
      factorUnit,
      fmt(amount, shown.kind),
      shown.unit,
    ),
  };
}
