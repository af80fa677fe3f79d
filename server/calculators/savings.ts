import { messages } from "../messages.js";
import type { CalculatorData } from "./data.js";
import { resolveGridFactor, type GridFactorRef } from "./estimateCo2.js";
import { fmt, fmtExact } from "./format.js";
import { round } from "./rounding.js";
import type { SourceCollector } from "./sources.js";

const m = messages.calculators;

/** What a yearly electricity saving is worth: standard coal, CO2, money and payback. */
export interface ElectricitySaving {
  annualKwh: number;
  annualTce: number;
  annualCo2T: number;
  annualMoneyYuan: number | null;
  annualMoneyWanYuan: number | null;
  paybackYears: number | null;
  gridFactor: GridFactorRef;
  electricityFactor: { value: number; unit: string; basis: string };
}

/**
 * Turns saved kWh into the derived figures, adding their formula lines and sources. The kWh is used as
 * shown (whole kWh) and each figure from the one shown before it, so every line checks by hand. Money
 * needs the price; payback needs the price and the cost.
 */
export function electricitySaving(
  kwh: number,
  options: {
    electricityPrice?: number | undefined;
    upgradeCostWanYuan?: number | undefined;
    gridFactorId?: string | undefined;
    gridFactorValue?: number | undefined;
  },
  ctx: { data: CalculatorData; gridFactorId: string },
  formula: string[],
  sources: SourceCollector,
  notes: string[],
): ElectricitySaving {
  const { data } = ctx;
  const grid = resolveGridFactor(options.gridFactorId, ctx.gridFactorId, data, options.gridFactorValue);
  const ef = data.carriers.find((c) => c.id === "electricity")?.factor;
  if (!ef) throw new Error("knowledge/data/energy-conversion.json has no electricity factor");
  const shownKwh = round(kwh, "kwh");
  const tce = round((shownKwh * ef.value) / 1000, "tce");
  const co2 = round((shownKwh * grid.value) / 1000, "co2");
  formula.push(m.formula.savedTce(fmt(shownKwh, "kwh"), fmtExact(ef.value), fmt(tce, "tce")));
  formula.push(m.formula.savedCo2(fmt(shownKwh, "kwh"), fmtExact(grid.value), fmt(co2, "co2")));
  sources.add(ef, m.usedFor.conversionFactor("电力"));
  sources.add(grid, m.usedFor.gridFactor);
  notes.push(m.notes.gridFactorUsed(grid.name, fmtExact(grid.value), grid.isDefault));

  let yuan: number | null = null;
  let wanYuan: number | null = null;
  let payback: number | null = null;
  if (options.electricityPrice !== undefined) {
    yuan = round(shownKwh * options.electricityPrice, "yuan");
    wanYuan = round((shownKwh * options.electricityPrice) / 1e4, "wanYuan");
    formula.push(
      m.formula.savedMoney(fmt(shownKwh, "kwh"), fmtExact(options.electricityPrice), fmt(wanYuan, "wanYuan")),
    );
    if (options.upgradeCostWanYuan !== undefined) {
      if (wanYuan > 0) {
        payback = round(options.upgradeCostWanYuan / wanYuan, "years");
        formula.push(
          m.formula.payback(
            fmtExact(options.upgradeCostWanYuan),
            fmt(wanYuan, "wanYuan"),
            fmt(payback, "years"),
          ),
        );
      } else {
        notes.push(m.notes.noPaybackWithoutSaving);
      }
    }
  } else {
    notes.push(m.notes.priceUnknown);
  }
  return {
    annualKwh: shownKwh,
    annualTce: tce,
    annualCo2T: co2,
    annualMoneyYuan: yuan,
    annualMoneyWanYuan: wanYuan,
    paybackYears: payback,
    gridFactor: grid,
    electricityFactor: { value: ef.value, unit: ef.unit, basis: ef.basis ?? "" },
  };
}

/**
 * What a calculator cites from the plan: its policy clauses join the sources, and its plan units
 * (with breadcrumbs) go into the result. One place, so every tool cites the same way.
 */
export function planReferences(tool: string, data: CalculatorData, sources: SourceCollector) {
  for (const quote of data.policy.toolQuotes[tool] ?? [])
    sources.add(quote, messages.calculators.usedFor.policy);
  return (data.policy.toolUnits[tool] ?? []).map((id) => data.planUnits.get(id) ?? { id, breadcrumb: "" });
}
