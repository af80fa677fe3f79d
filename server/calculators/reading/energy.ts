import { messages } from "../../messages.js";
import type { CalculatorData } from "../data.js";
import { normalizeName } from "../resolveProduct.js";
import type { Quantity } from "../scanQuantities.js";
import { heatingValueUnit } from "../units.js";
import {
  amountInput,
  carrierNear,
  clauseStart,
  left,
  massRole,
  type MissingInput,
  type ReadResult,
  type Scan,
} from "./context.js";

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

export function readEnergyConvert(scan: Scan): ReadResult {
  const notes: string[] = [];
  const energy = energyItems(scan, notes, new Set());
  const input: Record<string, unknown> = { energy };
  const missing: MissingInput[] = energy.length === 0 ? [{ field: "energy", question: q.energy }] : [];
  if (/等价值/.test(scan.text)) notes.push(m.parserNotes.equalValueNeedsFactor);
  return { tool: "energy_convert", input, missing, notes };
}
