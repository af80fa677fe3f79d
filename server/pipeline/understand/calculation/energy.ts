import { messages } from "../../../messages.js";
import type { CalculatorData } from "../../../calculators/data.js";
import { normalizeName } from "../../../calculators/resolveProduct.js";
import type { Quantity } from "../quantities/readQuantities.js";
import { heatingValueUnit } from "../../../calculators/units.js";
import {
  amountInput,
  carrierNear,
  clauseStart,
  left,
  massRole,
  type MissingInput,
  type PreviousRequest,
  type ReadResult,
  type Scan,
} from "./context.js";
import type { Aim } from "../quantities/vocabulary.js";

const m = messages.calculators;
const q = m.questions;

/** Energy by carrier ("用煤15万吨、电1.2亿度"), for the benchmark gap and the conversion. */

export function energyItems(
  scan: Scan,
  notes: string[],
  skip: Set<Quantity>,
): Array<Record<string, unknown>> {
  const read: Array<{ qty: Quantity; item: Record<string, unknown>; carrier: string }> = [];
  const add = (qty: Quantity, carrier: string, amount: { amount: number; unit: string }) =>
    read.push({ qty, carrier, item: { carrier: carrierLabel(scan.data, carrier), ...amount } });
  for (const qty of scan.quantities) {
    if (skip.has(qty)) continue;
    if (qty.kind === "electricity") {
      if (/电耗\S{0,3}$/.test(normalizeName(left(scan, qty))) && qty.value < 1e4) {
        notes.push(m.parserNotes.perTonneElectricity(qty.text));
        continue;
      }
      add(qty, "electricity", amountInput(qty, "electricity", "kWh"));
    } else if (qty.kind === "volume") {
      const id = carrierNear(scan, qty, ["natural-gas", "coke-oven-gas", "producer-gas"], "natural-gas");
      add(qty, id, amountInput(qty, "volume", "m3"));
    } else if (qty.kind === "heat") {
      const id = carrierNear(scan, qty, ["steam", "heat"], "heat");
      add(qty, id, amountInput(qty, "heat", "MJ"));
    } else if (qty.kind === "tce") {
      add(qty, "standard-coal", amountInput(qty, "standard_coal", "kgce"));
    } else if (qty.kind === "mass") {
      const role = massRole(scan, qty);
      if (role.kind !== "carrier") continue;
      add(qty, role.carrier, amountInput(qty, "mass", "kg"));
    }
  }
  for (const hv of scan.quantities.filter((x) => x.kind === "heating_value")) {
    attachHeatingValue(scan, hv, read, notes);
  }
  return read.map((r) => r.item);
}

/**
 * A measured heating value ("低位发热量24MJ/kg", "5500大卡") belongs to the fuel its words name, else to
 * the nearest fuel line before it (or after it, in its clause) measured in kg or m3.
 */
function attachHeatingValue(
  scan: Scan,
  hv: Quantity,
  read: Array<{ qty: Quantity; item: Record<string, unknown>; carrier: string }>,
  notes: string[],
): void {
  const per = heatingValueUnit(hv.unit)?.perQuantity ?? null;
  const fuel = (r: (typeof read)[number]) => {
    const c = scan.data.carriers.find((x) => x.id === r.carrier);
    return !!c && (c.quantity === "mass" || c.quantity === "volume") && (per === null || c.quantity === per);
  };
  const fuels = read.filter(fuel);
  const named = carrierNear(
    scan,
    hv,
    fuels.map((r) => r.carrier),
    "",
  );
  const target =
    fuels.find((r) => r.carrier === named) ??
    fuels.filter((r) => r.qty.end <= hv.start).at(-1) ??
    fuels.find((r) => r.qty.start >= hv.end && clauseStart(scan.text, r.qty.start) <= hv.start);
  if (!target) {
    notes.push(m.parserNotes.unknownFigure(hv.text));
    return;
  }
  const quantity = scan.data.carriers.find((x) => x.id === target.carrier)!.quantity;
  if (per === null) {
    // "5500大卡" of coal is per kilogram, of gas per cubic metre.
    const unit = quantity === "volume" ? "kcal/m3" : "kcal/kg";
    notes.push(m.parserNotes.bareHeatingValue(hv.text, unit));
    target.item.heatingValue = { value: hv.amount, unit };
  } else {
    target.item.heatingValue = { value: hv.amount, unit: hv.unit };
  }
}

function carrierLabel(data: CalculatorData, id: string): string {
  return id === "standard-coal" ? "标准煤" : carrierName(data, id);
}

export function carrierName(data: CalculatorData, id: string): string {
  return data.carriers.find((c) => c.id === id)?.name ?? id;
}

export function readEnergyConvert(scan: Scan, previous: PreviousRequest | null, aims: Set<Aim>): ReadResult {
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "energy_convert" ? { ...previous.input } : {};
  const energy = energyItems(scan, notes, new Set());
  if (energy.length > 0 || !Array.isArray(input.energy)) input.energy = energy;
  // 当量值 by default; 等价值 when asked, with the factor the person gives (no national figure is published).
  if (aims.has("calorificValue") && !aims.has("equivalentValue")) delete input.electricityBasis;
  if (aims.has("equivalentValue")) input.electricityBasis = "primary_energy";
  const factor = scan.quantities.find((x) => x.kind === "electricity_factor");
  const bare = scan.quantities.find((x) => x.kind === "none" && x.value > 0 && x.value < 1);
  if (factor && input.electricityBasis === "primary_energy") input.electricityPrimaryFactor = factor.value;
  else if (
    bare &&
    input.electricityBasis === "primary_energy" &&
    input.electricityPrimaryFactor === undefined
  ) {
    input.electricityPrimaryFactor = bare.value;
    notes.push(m.parserNotes.bareNumberAsPrimaryFactor(bare.text));
  }
  const missing: MissingInput[] = [];
  if ((input.energy as unknown[]).length === 0) missing.push({ field: "energy", question: q.energy });
  const electricity = (input.energy as Array<{ carrier: string }>).some((e) => e.carrier === "电力");
  if (input.electricityBasis === "primary_energy" && input.electricityPrimaryFactor === undefined) {
    if (electricity) {
      missing.push({ field: "electricityPrimaryFactor", question: q.primaryFactor });
    } else {
      delete input.electricityBasis;
    }
  }
  return {
    tool: "energy_convert",
    input,
    missing,
    notes,
    provisional: provisionalConversion(input, missing),
  };
}

/** With only the 等价值 factor missing, the 当量值 result is given first and the factor asked for. */
function provisionalConversion(input: Record<string, unknown>, missing: MissingInput[]) {
  if (missing.length !== 1 || missing[0]!.field !== "electricityPrimaryFactor") return undefined;
  const { electricityBasis: _basis, electricityPrimaryFactor: _factor, ...rest } = input;
  return { input: rest, note: m.provisional.heatContentFirst };
}
