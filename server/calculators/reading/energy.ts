import { messages } from "../../messages.js";
import type { CalculatorData } from "../data.js";
import { normalizeName } from "../resolveProduct.js";
import type { Quantity } from "../scanQuantities.js";
import {
  amountInput,
  carrierNear,
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
  const items: Array<Record<string, unknown>> = [];
  for (const qty of scan.quantities) {
    if (skip.has(qty)) continue;
    if (qty.kind === "electricity") {
      if (/电耗\S{0,3}$/.test(normalizeName(left(scan, qty))) && qty.value < 1e4) {
        notes.push(m.parserNotes.perTonneElectricity(qty.text));
        continue;
      }
      items.push({ carrier: "电力", ...amountInput(qty, "electricity", "kWh") });
    } else if (qty.kind === "volume") {
      const id = carrierNear(scan, qty, ["natural-gas", "coke-oven-gas", "producer-gas"], "natural-gas");
      items.push({ carrier: carrierName(scan.data, id), ...amountInput(qty, "volume", "m3") });
    } else if (qty.kind === "heat") {
      const id = carrierNear(scan, qty, ["steam", "heat"], "heat");
      items.push({ carrier: carrierName(scan.data, id), ...amountInput(qty, "heat", "MJ") });
    } else if (qty.kind === "tce") {
      items.push({ carrier: "标准煤", ...amountInput(qty, "standard_coal", "kgce") });
    } else if (qty.kind === "mass") {
      const role = massRole(scan, qty);
      if (role.kind !== "carrier") continue;
      const name = role.carrier === "standard-coal" ? "标准煤" : carrierName(scan.data, role.carrier);
      items.push({ carrier: name, ...amountInput(qty, "mass", "kg") });
    }
  }
  return items;
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
