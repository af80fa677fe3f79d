import * as z from "zod";
import { messages } from "../messages.js";
import {
  gridFactorIdProblem,
  type CalculatorData,
  type FuelFactor,
  type GridFactor,
  type HeatFactor,
  type Verification,
} from "./data.js";
import { CalculatorInputError } from "./errors.js";
import {
  energyItemSchema,
  gridFactorOption,
  measuredLine,
  measureItems,
  type MeasuredItem,
} from "./energyInput.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import { SourceCollector, type SourceRef } from "./sources.js";

const m = messages.calculators;

/** Mass of CO2 per mass of carbon (44/12): a definition, not data. */
export const CO2_PER_CARBON = 44 / 12;

/** The fuel whose default parameters stand for "standard coal" whose real mix is unknown. */
export const DEFAULT_COAL_FUEL = "bituminous";

export const estimateCo2Schema = z.object({
  energy: z.array(energyItemSchema).min(1).max(30).describe("分品种的能源用量列表"),
  ...gridFactorOption,
});
export type EstimateCo2Input = z.infer<typeof estimateCo2Schema>;

export interface GridFactorRef {
  id: string;
  name: string;
  value: number;
  unit: string;
  /** null for a factor the person gave */
  year: number | null;
  purpose: string;
  verification: Verification | "user";
  source: string[];
  isDefault: boolean;
}

export interface Co2Line {
  carrier: { id: string; name: string };
  amount: number;
  unit: string;
  co2T: number | null;
  factorLabel: string;
  verification: Verification | "user" | null;
  source: string[];
  formula: string;
}

export interface Co2Result {
  lines: Co2Line[];
  totalCo2T: number;
  /** true when some line has no CO2 factor and is left out of the total */
  incomplete: boolean;
  gridFactor: GridFactorRef;
  formula: string[];
  sources: SourceRef[];
  notes: string[];
}

export function resolveGridFactor(
  id: string | undefined,
  defaultId: string,
  data: Pick<CalculatorData, "gridFactors">,
  given?: number,
): GridFactorRef {
  // "排放因子按0.5703 tCO2/MWh算": the person's own factor, used as given and named so.
  if (given !== undefined)
    return {
      id: "user",
      name: m.describe.gridFactorGiven,
      value: given,
      unit: "kgCO2/kWh",
      year: null,
      purpose: "user",
      verification: "user",
      source: [],
      isDefault: false,
    };
  const wanted = id ?? defaultId;
  const f = data.gridFactors.find((g) => g.id === wanted);
  // A default the data does not know is the operator's mistake (checked at start-up), not the user's.
  if (!f && id === undefined)
    throw new Error(`configured default grid factor: ${gridFactorIdProblem(data, defaultId)}`);
  if (!f) {
    const ids = data.gridFactors.map((g) => g.id);
    throw new CalculatorInputError(
      "unknown_factor",
      "gridFactorId",
      m.errors.unknownGridFactor(wanted, ids),
      {
        accepted: ids,
      },
    );
  }
  return toRef(f, wanted === defaultId);
}

function toRef(f: GridFactor, isDefault: boolean): GridFactorRef {
  return {
    id: f.id,
    name: f.name,
    value: f.value,
    unit: f.unit,
    year: f.year,
    purpose: f.purpose,
    verification: f.verification,
    source: f.source,
    isDefault,
  };
}

export interface ExactCo2 {
  measured: MeasuredItem;
  co2T: number | null;
  factorLabel: string;
  verification: Verification | "user" | null;
  source: string[];
  formula: string;
  note?: string;
}

function findFuel(
  id: string,
  data: Pick<CalculatorData, "fuelFactors" | "heatFactors">,
): FuelFactor | HeatFactor {
  const fuel = data.fuelFactors.find((f) => f.id === id) ?? data.heatFactors.find((h) => h.id === id);
  if (!fuel) throw new Error(`knowledge/data/emission-factors.json has no factor ${id}`);
  return fuel;
}

function isHeatFactor(f: FuelFactor | HeatFactor): f is HeatFactor {
  return "value" in f;
}

/** tCO2 per GJ of a fuel: carbon content × oxidation rate × 44/12. */
function co2PerGj(fuel: FuelFactor): number {
  return fuel.carbonContent * fuel.oxidationRate * CO2_PER_CARBON;
}

/** CO2 of each measured line, full precision. */
export function co2Exact(
  measured: MeasuredItem[],
  grid: GridFactorRef,
  data: Pick<CalculatorData, "fuelFactors" | "heatFactors" | "carriers" | "standardCoalHeatValue">,
): ExactCo2[] {
  return measured.map((item) => co2One(item, grid, data));
}

function co2One(
  item: MeasuredItem,
  grid: GridFactorRef,
  data: Pick<CalculatorData, "fuelFactors" | "heatFactors" | "carriers" | "standardCoalHeatValue">,
): ExactCo2 {
  const shown = `${fmtExact(item.item.amount)} ${item.item.unit}`;
  if (item.resolved.kind === "standard_coal") {
    const per = co2PerTceOfFuel(DEFAULT_COAL_FUEL, data);
    const co2T = (item.base / 1000) * per.value;
    return {
      measured: item,
      co2T,
      factorLabel: per.label,
      verification: per.verification,
      source: per.source,
      formula: m.formula.co2StandardCoal(
        shown,
        fmtExact(item.base / 1000),
        fmtExact(per.value),
        fmt(co2T, "co2"),
      ),
      note: m.notes.standardCoalAsCoal,
    };
  }
  const carrier = item.resolved.carrier;
  if (!carrier.co2) {
    return {
      measured: item,
      co2T: null,
      factorLabel: "",
      verification: null,
      source: [],
      formula: m.formula.co2Missing(carrier.name),
      note: m.notes.noCo2Factor(carrier.name),
    };
  }
  if ("grid" in carrier.co2) {
    const co2T = (item.base * grid.value) / 1000;
    return {
      measured: item,
      co2T,
      factorLabel: grid.name,
      verification: grid.verification,
      source: grid.source,
      formula: m.formula.co2Electricity(shown, fmtExact(item.base), fmtExact(grid.value), fmt(co2T, "co2")),
    };
  }
  const fuel = findFuel(carrier.co2.fuel, data);
  if (isHeatFactor(fuel)) {
    const gj =
      item.quantity === "heat"
        ? item.base / 1000
        : (item.base / 1000) * (carrier.heatContent?.value ?? Number.NaN);
    const co2T = gj * fuel.value;
    const source = [...fuel.source, ...(item.quantity === "heat" ? [] : (carrier.heatContent?.source ?? []))];
    const formula =
      item.quantity === "heat"
        ? m.formula.co2Heat(carrier.name, shown, fmtExact(gj), fmtExact(fuel.value), fmt(co2T, "co2"))
        : m.formula.co2Steam(
            shown,
            fmtExact(item.base / 1000),
            fmtExact(carrier.heatContent!.value),
            fmtExact(fuel.value),
            fmt(co2T, "co2"),
          );
    return { measured: item, co2T, factorLabel: fuel.name, verification: fuel.verification, source, formula };
  }

  const measuredHv = item.heatingValueMj;
  const gj =
    measuredHv !== null
      ? (item.base * measuredHv) / 1000
      : fuel.lhvUnit === "GJ/t"
        ? (item.base / 1000) * fuel.lhv
        : (item.base / 1e4) * fuel.lhv;
  const co2T = gj * co2PerGj(fuel);
  const lhvShown =
    measuredHv !== null
      ? m.labels.measuredLhv(fmtExact(measuredHv), item.baseUnit)
      : `${fmtExact(fuel.lhv)} ${fuel.lhvUnit}`;
  const name = fuel.name === carrier.name ? carrier.name : m.labels.carrierAsFuel(carrier.name, fuel.name);
  return {
    measured: item,
    co2T,
    ...(measuredHv === null ? { note: m.notes.fuelDefaultsSource } : {}),
    factorLabel: m.labels.fuelDefaults(fuel.name),
    verification: fuel.verification,
    source: fuel.source,
    formula: m.formula.co2Fuel(
      name,
      shown,
      lhvShown,
      fmtExact(gj),
      fmtExact(fuel.carbonContent),
      fmtExact(fuel.oxidationRate),
      fmt(co2T, "co2"),
    ),
  };
}

export interface PerTce {
  value: number;
  label: string;
  formula: string;
  verification: Verification | "user";
  source: string[];
}

/**
 * tCO2 per tce of a fuel burned: 29.3076 GJ/tce × carbon content × oxidation rate × 44/12. Like the
 * published 4-place coefficients it is derived from, it is rounded to 4 places and used as shown.
 */
export function co2PerTceOfFuel(
  fuelId: string,
  data: Pick<CalculatorData, "fuelFactors" | "heatFactors" | "standardCoalHeatValue">,
): PerTce {
  const fuel = findFuel(fuelId, data);
  const hv = data.standardCoalHeatValue;
  if (isHeatFactor(fuel)) throw new Error(`${fuelId} is not a fuel`);
  const value = round(hv.value * co2PerGj(fuel), "factor");
  return {
    value,
    label: m.labels.fuelDefaults(fuel.name),
    formula: m.formula.perTceFuel(
      fuel.name,
      fmtExact(hv.value),
      fmtExact(fuel.carbonContent),
      fmtExact(fuel.oxidationRate),
      fmtExact(value),
    ),
    verification: fuel.verification,
    source: [...fuel.source, ...hv.source],
  };
}

/** tCO2 per tce saved of a carrier: what a saving of that carrier avoids. */
export function co2PerTceOfCarrier(
  carrierId: string,
  grid: GridFactorRef,
  data: Pick<CalculatorData, "carriers" | "fuelFactors" | "heatFactors" | "standardCoalHeatValue">,
): PerTce {
  const carrier = data.carriers.find((c) => c.id === carrierId);
  if (!carrier?.co2) throw new Error(`carrier ${carrierId} has no CO2 factor`);
  if ("grid" in carrier.co2) {
    const ef = carrier.factor!;
    const value = round(grid.value / ef.value, "factor");
    return {
      value,
      label: grid.name,
      formula: m.formula.perTceElectricity(fmtExact(grid.value), fmtExact(ef.value), fmtExact(value)),
      verification: grid.verification,
      source: [...grid.source, ...ef.source],
    };
  }
  const fuel = findFuel(carrier.co2.fuel, data);
  if (isHeatFactor(fuel)) {
    const hf = carrier.id === "heat" ? carrier.factor! : data.carriers.find((c) => c.id === "heat")!.factor!;
    const gjPerTce = 1 / hf.value; // kgce/MJ → GJ per tce
    const value = round(gjPerTce * fuel.value, "factor");
    return {
      value,
      label: fuel.name,
      formula: m.formula.perTceHeat(fmtExact(hf.value), fmtExact(fuel.value), fmtExact(value)),
      verification: fuel.verification,
      source: [...fuel.source, ...hf.source],
    };
  }
  return co2PerTceOfFuel(fuel.id, data);
}

/** CO2 of the energy used, by line and in total, with the factors and their sources. */
export function estimateCo2(
  input: EstimateCo2Input,
  data: CalculatorData,
  defaultGridFactorId: string,
): Co2Result {
  const grid = resolveGridFactor(input.gridFactorId, defaultGridFactorId, data, input.gridFactorValue);
  const measured = measureItems(input.energy, data);
  const exact = co2Exact(measured, grid, data);
  const sources = new SourceCollector();
  const lines = exact.map((e): Co2Line => {
    sources.add(e, m.usedFor.co2Factor(e.measured.name));
    return {
      ...measuredLine(e.measured),
      co2T: e.co2T === null ? null : round(e.co2T, "co2"),
      factorLabel: e.factorLabel,
      verification: e.verification,
      source: e.source,
      formula: e.formula,
    };
  });
  // The total is the sum of the lines as shown, so the 合计 line checks by hand.
  const totalCo2T = round(
    lines.reduce((sum, l) => sum + (l.co2T ?? 0), 0),
    "co2",
  );
  const formula = lines.map((l) => l.formula);
  const counted = lines.filter((l) => l.co2T !== null);
  if (counted.length > 1)
    formula.push(
      m.formula.totalCo2(
        counted.map((l) => fmt(l.co2T!, "co2")),
        fmt(totalCo2T, "co2"),
      ),
    );
  const notes = [...new Set(exact.flatMap((e) => (e.note ? [e.note] : [])))];
  notes.push(m.notes.gridFactorUsed(grid.name, fmtExact(grid.value), grid.isDefault));
  if (!sources.list(data).some((s) => grid.source.includes(s.id))) sources.add(grid, m.usedFor.gridFactor);
  return {
    lines,
    totalCo2T,
    incomplete: lines.some((l) => l.co2T === null),
    gridFactor: grid,
    formula,
    sources: sources.list(data),
    notes,
  };
}
