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
 * Turns saved kWh (full precision) into the derived figures, adding their formula lines and sources.
 * Money needs the price; payback needs the price and the cost.
 */
export function electricitySaving(
  kwh: number,
  options: {
    electricityPrice?: number | undefined;
    upgradeCostWanYuan?: number | undefined;
    gridFactorId?: string | undefined;
  },
  ctx: { data: CalculatorData; gridFactorId: string },
  formula: string[],
  sources: SourceCollector,
  notes: string[],
): ElectricitySaving {
  const { data } = ctx;
  const grid = resolveGridFactor(options.gridFactorId, ctx.gridFactorId, data);
  const ef = data.carriers.find((c) => c.id === "electricity")?.factor;
  if (!ef) throw new Error("knowledge/data/energy-conversion.json has no electricity factor");
  const tce = (kwh * ef.value) / 1000;
  const co2 = (kwh * grid.value) / 1000;
  formula.push(m.formula.savedTce(fmt(kwh, "kwh"), fmtExact(ef.value), fmt(tce, "tce")));
  formula.push(m.formula.savedCo2(fmt(kwh, "kwh"), fmtExact(grid.value), fmt(co2, "co2")));
  sources.add(ef.source, m.usedFor.conversionFactor("电力"));
  sources.add(grid.source, m.usedFor.gridFactor);
  notes.push(m.notes.gridFactorUsed(grid.name, fmtExact(grid.value), grid.isDefault));

  let yuan: number | null = null;
  let payback: number | null = null;
  if (options.electricityPrice !== undefined) {
    yuan = kwh * options.electricityPrice;
    formula.push(
      m.formula.savedMoney(fmt(kwh, "kwh"), fmtExact(options.electricityPrice), fmt(yuan / 1e4, "wanYuan")),
    );
    if (options.upgradeCostWanYuan !== undefined) {
      if (yuan > 0) {
        payback = options.upgradeCostWanYuan / (yuan / 1e4);
        formula.push(
          m.formula.payback(
            fmtExact(options.upgradeCostWanYuan),
            fmt(yuan / 1e4, "wanYuan"),
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
    annualKwh: round(kwh, "kwh"),
    annualTce: round(tce, "tce"),
    annualCo2T: round(co2, "co2"),
    annualMoneyYuan: yuan === null ? null : round(yuan, "yuan"),
    annualMoneyWanYuan: yuan === null ? null : round(yuan / 1e4, "wanYuan"),
    paybackYears: payback === null ? null : round(payback, "years"),
    gridFactor: grid,
    electricityFactor: { value: ef.value, unit: ef.unit, basis: ef.basis ?? "" },
  };
}

/**
 * What a calculator cites from the plan: its policy clauses join the sources, and its plan units
 * (with breadcrumbs) go into the result. One place, so every tool cites the same way.
 */
export function planReferences(tool: string, data: CalculatorData, sources: SourceCollector) {
  for (const quote of data.policy.toolQuotes[tool] ?? []) sources.add(quote.source, messages.calculators.usedFor.policy);
  return (data.policy.toolUnits[tool] ?? []).map((id) => data.planUnits.get(id) ?? { id, breadcrumb: "" });
}
