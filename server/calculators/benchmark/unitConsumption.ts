import { messages } from "../../messages.js";
import type { CalculatorData, Product } from "../data.js";
import { convertExact, type ConversionOptions } from "../convertToStandardCoal.js";
import { CalculatorInputError } from "../errors.js";
import { measureItems, type EnergyItem } from "../energyInput.js";
import { co2Exact, type GridFactorRef } from "../estimateCo2.js";
import { fmt, fmtExact } from "../format.js";
import { round } from "../rounding.js";
import type { BenchmarkGapResult, Trail } from "./types.js";

const m = messages.calculators;

/** A figure more than this many times the benchmark (or less than its reciprocal) is taken for a typo. */
export const PLAUSIBILITY_FACTOR = 20;

export function checkPlausible(value: number, product: Product, field: string, computed: boolean): void {
  const b = product.benchmark.value;
  if (value > b * PLAUSIBILITY_FACTOR || value < b / PLAUSIBILITY_FACTOR) {
    const shown = fmt(value, "unitConsumption");
    throw new CalculatorInputError(
      "implausible_value",
      field,
      computed
        ? m.errors.implausibleComputed(shown, product.name, fmtExact(b))
        : m.errors.implausibleGiven(shown, product.name, fmtExact(b)),
      { benchmark: b, value: round(value, "unitConsumption") },
    );
  }
}

export interface MeasuredConsumption {
  /** kgce/t, full precision */
  ucRaw: number;
  breakdown: BenchmarkGapResult["breakdown"];
  /** total energy in tce, when computed from the energy lines */
  totalTceRaw: number | null;
  /** tCO2 per tce of the plant's own energy mix, when every line has a CO2 factor */
  plantCo2PerTce: number | null;
}

/** The unit consumption: as given, or total energy ÷ output with the breakdown by carrier. */
export function measureConsumption(
  input: ConversionOptions & { unitConsumption?: number | undefined; energy?: EnergyItem[] | undefined },
  product: Product,
  outputT: number | null,
  grid: GridFactorRef,
  data: CalculatorData,
  trail: Trail,
): MeasuredConsumption {
  if (!input.energy || outputT === null) {
    const ucRaw = input.unitConsumption!;
    checkPlausible(ucRaw, product, "unitConsumption", false);
    return { ucRaw, breakdown: null, totalTceRaw: null, plantCo2PerTce: null };
  }
  const measured = measureItems(input.energy, data);
  const conversion = convertExact(measured, input, data);
  const totalTceRaw = conversion.totalKgce / 1000;
  const ucRaw = conversion.totalKgce / outputT;
  checkPlausible(ucRaw, product, "energy", true);
  trail.notes.push(...conversion.notes);
  const breakdown = conversion.lines.map((l) => {
    trail.sources.add(l.source, m.usedFor.conversionFactor(l.measured.name));
    return {
      carrier: l.measured.name,
      amount: l.measured.item.amount,
      unit: l.measured.item.unit,
      tce: round(l.kgce / 1000, "tce"),
      sharePercent: round((l.kgce / conversion.totalKgce) * 100, "percent"),
      formula: l.formula,
    };
  });
  trail.formula.push(...breakdown.map((b) => b.formula));
  trail.formula.push(
    m.formula.unitConsumptionFromEnergy(
      fmt(totalTceRaw, "tce"),
      fmtExact(outputT),
      fmt(ucRaw, "unitConsumption"),
    ),
  );
  let plantCo2PerTce: number | null = null;
  const co2 = co2Exact(measured, grid, data);
  if (co2.every((c) => c.co2T !== null)) {
    plantCo2PerTce = co2.reduce((s, c) => s + c.co2T!, 0) / totalTceRaw;
    for (const c of co2) trail.sources.add(c.source, m.usedFor.co2Factor(c.measured.name));
  }
  const given = input.unitConsumption;
  if (given !== undefined && Math.abs(given - ucRaw) / ucRaw > 0.005) {
    trail.notes.push(m.notes.givenDiffersFromComputed(fmtExact(given), fmt(ucRaw, "unitConsumption")));
  }
  return { ucRaw, breakdown, totalTceRaw, plantCo2PerTce };
}
