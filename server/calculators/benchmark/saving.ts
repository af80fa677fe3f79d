import { messages } from "../../messages.js";
import type { BenchmarkStatus, CalculatorData, Product } from "../data.js";
import { savingAtLevel } from "../arithmetic.js";
import { co2PerTceOfCarrier, type GridFactorRef } from "../estimateCo2.js";
import { fmt, fmtExact } from "../format.js";
import { round } from "../rounding.js";
import type { BenchmarkGapResult, Trail } from "./types.js";
import type { MeasuredConsumption } from "./unitConsumption.js";

const m = messages.calculators;

export interface Saving {
  annualSavingTce: number | null;
  annualSavingToBaselineTce: number | null;
  co2SavingT: number | null;
  co2Factor: BenchmarkGapResult["co2Factor"];
}

/**
 * Energy to save per year to reach the benchmark (and the baseline when below it), and the CO2 that
 * saving avoids: at the plant's own mix when its energy is known, else at the product's main carrier.
 * Each line computes from the figures it shows (the unit consumption and total as shown, the saving as
 * shown), so it checks by hand.
 */
export function yearlySaving(
  product: Product,
  status: BenchmarkStatus,
  consumption: MeasuredConsumption,
  outputT: number | null,
  grid: GridFactorRef,
  data: CalculatorData,
  trail: Trail,
): Saving {
  if (outputT === null) {
    trail.notes.push(m.notes.outputUnknown);
    return { annualSavingTce: null, annualSavingToBaselineTce: null, co2SavingT: null, co2Factor: null };
  }
  const { uc, totalTce } = consumption;
  const b = product.benchmark.value;
  let saving = 0;
  if (status === "at_or_better_than_benchmark") {
    trail.formula.push(m.formula.annualSavingNone(fmt(uc, "unitConsumption"), fmtExact(b)));
  } else if (totalTce !== null) {
    saving = round(totalTce - (b * outputT) / 1000, "tce");
    trail.formula.push(
      m.formula.annualSavingFromTotal(
        fmt(totalTce, "tce"),
        fmtExact(b),
        fmtExact(outputT),
        fmt(saving, "tce"),
      ),
    );
  } else {
    saving = round(savingAtLevel(outputT, uc, b), "tce");
    trail.formula.push(
      m.formula.annualSaving(fmt(uc, "unitConsumption"), fmtExact(b), fmtExact(outputT), fmt(saving, "tce")),
    );
  }
  let annualSavingToBaselineTce: number | null = null;
  const baseline = product.baseline?.value;
  if (status === "worse_than_baseline" && baseline !== undefined) {
    annualSavingToBaselineTce = round(savingAtLevel(outputT, uc, baseline), "tce");
    trail.formula.push(
      m.formula.annualSavingToBaseline(
        fmt(uc, "unitConsumption"),
        fmtExact(baseline),
        fmtExact(outputT),
        fmt(annualSavingToBaselineTce, "tce"),
      ),
    );
  }

  let co2Factor: BenchmarkGapResult["co2Factor"];
  if (consumption.plantCo2PerTce !== null) {
    // A derived coefficient: rounded to 4 places and used as shown (see rounding.ts).
    const value = round(consumption.plantCo2PerTce, "factor");
    co2Factor = { value, unit: "tCO2/tce", method: "plant_energy_mix", label: m.labels.plantMix };
    trail.formula.push(
      m.formula.co2PlantMix(fmt(saving, "tce"), fmtExact(value), fmt(saving * value, "co2")),
    );
    trail.notes.push(m.notes.co2PlantMix);
  } else {
    const per = co2PerTceOfCarrier(product.co2Saving.carrier, grid, data);
    const carrierName =
      data.carriers.find((c) => c.id === product.co2Saving.carrier)?.name ?? product.co2Saving.carrier;
    co2Factor = {
      value: per.value,
      unit: "tCO2/tce",
      method: "assumed_carrier",
      label: m.labels.assumedCarrier(carrierName),
    };
    trail.sources.add(per, m.usedFor.co2Factor(carrierName));
    trail.formula.push(per.formula);
    trail.formula.push(
      m.formula.co2Assumed(fmt(saving, "tce"), fmtExact(per.value), fmt(saving * per.value, "co2")),
    );
    trail.notes.push(m.notes.co2AssumedCarrier(carrierName));
  }
  if (product.co2Saving.feedstock) trail.notes.push(m.notes.feedstockCarbon);
  return {
    annualSavingTce: saving,
    annualSavingToBaselineTce,
    co2SavingT: round(saving * co2Factor.value, "co2"),
    co2Factor,
  };
}
