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
  /** kgce/t as shown (rounded), the figure every later line uses */
  uc: number;
  breakdown: BenchmarkGapResult["breakdown"];
  /** total energy in tce as shown (the sum of the lines as shown), when computed from the energy lines */
  totalTce: number | null;
  /** tCO2 per tce of the plant's own energy mix, when every line has a CO2 factor */
  plantCo2PerTce: number | null;
}

/**
 * The unit consumption: as given, or total energy ÷ output with the breakdown by carrier. Each line's
 * tce is rounded as shown, the total is the sum of those, and the unit consumption is that total ÷
 * output, so every printed line checks by hand (docs/calculators.md, Rounding).
 */
export function measureConsumption(
  input: ConversionOptions & { unitConsumption?: number | undefined; energy?: EnergyItem[] | undefined },
  product: Product,
  outputT: number | null,
  grid: GridFactorRef,
  data: CalculatorData,
  trail: Trail,
): MeasuredConsumption {
  if (!input.energy || outputT === null) {
    const given = input.unitConsumption!;
    checkPlausible(given, product, "unitConsumption", false);
    return { uc: round(given, "unitConsumption"), breakdown: null, totalTce: null, plantCo2PerTce: null };
  }
  const measured = measureItems(input.energy, data);
  const conversion = convertExact(measured, input, data);
  trail.notes.push(...conversion.notes);
  const lines = conversion.lines.map((l) => ({ l, tce: round(l.kgce / 1000, "tce") }));
  const totalTce = round(
    lines.reduce((sum, x) => sum + x.tce, 0),
    "tce",
  );
  const ucRaw = (totalTce * 1000) / outputT;
  checkPlausible(ucRaw, product, "energy", true);
  const breakdown = lines.map(({ l, tce }) => {
    trail.sources.add(l, m.usedFor.conversionFactor(l.measured.name));
    return {
      carrier: l.measured.name,
      amount: l.measured.item.amount,
      unit: l.measured.item.unit,
      tce,
      sharePercent: round((tce / totalTce) * 100, "percent"),
      formula: l.formula,
    };
  });
  trail.formula.push(...breakdown.map((b) => b.formula));
  trail.formula.push(
    m.formula.unitConsumptionFromEnergy(
      fmt(totalTce, "tce"),
      fmtExact(outputT),
      fmt(ucRaw, "unitConsumption"),
    ),
  );
  let plantCo2PerTce: number | null = null;
  const co2 = co2Exact(measured, grid, data);
  if (co2.every((c) => c.co2T !== null)) {
    plantCo2PerTce = co2.reduce((s, c) => s + c.co2T!, 0) / (conversion.totalKgce / 1000);
    for (const c of co2) trail.sources.add(c, m.usedFor.co2Factor(c.measured.name));
  }
  const given = input.unitConsumption;
  if (given !== undefined && Math.abs(given - ucRaw) / ucRaw > 0.005) {
    trail.notes.push(m.notes.givenDiffersFromComputed(fmtExact(given), fmt(ucRaw, "unitConsumption")));
  }
  return { uc: round(ucRaw, "unitConsumption"), breakdown, totalTce, plantCo2PerTce };
}
