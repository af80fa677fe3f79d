import { messages } from "../../../messages.js";
import type { CalculatorData } from "../../../calculators/data.js";
import { normalizeName } from "../../../calculators/resolveProduct.js";
import type { Quantity } from "../quantities/readQuantities.js";
import { heatingValueUnit } from "../../../calculators/units.js";
import { fmtExact } from "../../../calculators/format.js";
import {
  amountInput,
  carrierKeywords,
  carrierNear,
  clauseStart,
  left,
  massRole,
  type MissingInput,
  type PreviousRequest,
  type ReadResult,
  type Scan,
  givenGridFactor,
} from "./context.js";
import type { Aim } from "../quantities/vocabulary.js";

const m = messages.calculators;
const q = m.questions;

/** "吨钢电耗450度", "吨电耗450度": electricity per tonne of product, not a year's use. */
export function isPerTonneElectricity(scan: Scan, qty: Quantity): boolean {
  return qty.kind === "electricity" && /电耗\S{0,3}$/.test(normalizeName(left(scan, qty))) && qty.value < 1e4;
}

/** The year's output the message states ("年产20万吨"), in tonnes. */
export function statedOutput(scan: Scan): Quantity | undefined {
  return scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "output");
}

/**
 * Energy by carrier ("用煤15万吨、电1.2亿度"), for the benchmark gap and the conversion. Electricity per
 * tonne of product is only part of a consumption per tonne, so it is set aside with a note; for a
 * conversion (`perTonneTimesOutput`) with the output stated it gives the year's electricity instead.
 */
export function energyItems(
  scan: Scan,
  notes: string[],
  skip: Set<Quantity>,
  perTonneTimesOutput = false,
): Array<Record<string, unknown>> {
  const read: EnergyLine[] = [];
  const add = (qty: Quantity, carrier: string, amount: { amount: number; unit: string }) =>
    read.push({
      qty,
      carrier,
      item: { carrier: carrierLabel(scan.data, carrier), ...overThePeriod(scan, qty, amount, notes) },
    });
  for (const qty of scan.quantities) {
    if (skip.has(qty)) continue;
    if (qty.kind === "electricity") {
      const output = perTonneTimesOutput ? statedOutput(scan) : undefined;
      if (isPerTonneElectricity(scan, qty) && output) {
        const kwh = Number(((qty.value * output.value) / 1000).toPrecision(12));
        const amount = kwh >= 1e4 ? { amount: kwh / 1e4, unit: "万千瓦时" } : { amount: kwh, unit: "kWh" };
        notes.push(
          m.parserNotes.perTonneTimesOutput(
            qty.text,
            output.text,
            `${fmtExact(amount.amount)}${amount.unit}`,
          ),
        );
        add(qty, "electricity", amount);
        continue;
      }
      if (isPerTonneElectricity(scan, qty)) {
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
  for (const factor of statedFactors(scan)) attachFactor(scan, factor, read, notes);
  return read.map((r) => r.item);
}

/**
 * A rate over a period read as the year's amount (the `rates` of the vocabulary): "每天用电2.4万度，一年开330天"
 * is the rate times the days, "每个月用电30万度，一年开11个月" times the months, and "每个月用电30万度，一年下来"
 * times the months of a year (a rate with `perYear`, when the year is asked). Without a count it stays as said.
 */
export function overThePeriod(
  scan: Scan,
  qty: Quantity,
  amount: { amount: number; unit: string },
  notes: string[],
): { amount: number; unit: string } {
  const before = normalizeName(left(scan, qty));
  const rate = scan.words.rates.find((r) => r.words.some((w) => before.includes(normalizeName(w))));
  if (!rate) return amount;
  const count = scan.quantities
    .filter((x) => x.kind === rate.count && x.value > 1)
    .sort((a, b) => b.value - a.value)[0];
  const wholeYear = scan.words.wholeYear.some((w) => scan.text.includes(w));
  const times = count ? count.value : wholeYear ? rate.perYear : undefined;
  if (!times) return amount;
  const year = { amount: Number((amount.amount * times).toPrecision(12)), unit: amount.unit };
  const said = count ? count.text : m.parserNotes.periodsInYear[rate.per](times);
  notes.push(
    m.parserNotes.rateTimesPeriods(rate.per, qty.text, said, `${fmtExact(year.amount)}${year.unit}`),
  );
  return year;
}

type EnergyLine = { qty: Quantity; item: Record<string, unknown>; carrier: string };

/** The quantity a carrier's amounts are measured in (steam by mass), as a factor is per. */
function perOf(scan: Scan, carrier: string): string | undefined {
  return scan.data.carriers.find((c) => c.id === carrier)?.quantity;
}

/**
 * Conversion factors the message states: with their unit ("每立方1.2143千克标煤", "1.2143 kgce/m3") or,
 * right after 按 or 系数, as a bare number ("天然气按1.2143算").
 */
function statedFactors(scan: Scan): Quantity[] {
  return scan.quantities.filter(
    (x) =>
      ((x.kind === "factor" || x.kind === "electricity_factor") && x.per !== null) ||
      (x.kind === "none" && x.value > 0 && FACTOR_CUE.test(normalizeName(left(scan, x)))),
  );
}

/** The words right before a bare conversion factor: "按", "系数", "折标系数取", "系数为". */
const FACTOR_CUE = /(?:按|系数)(?:为|是|取|按|:)?$/;

/**
 * A stated factor belongs to the line its words name, else to the nearest line before it (or after it, in
 * its clause) measured per what the factor is per. A bare number is a factor only for a line whose
 * carrier it names or stands right after, and only near that carrier's reference factor (within 3 times
 * either way), so "按15%" or "按2020年" never is one; it is taken in the carrier's own unit and said so.
 */
function attachFactor(scan: Scan, factor: Quantity, read: EnergyLine[], notes: string[]): void {
  const bare = factor.kind === "none";
  const fits = (r: EnergyLine) =>
    r.carrier !== "standard-coal" && (bare || perOf(scan, r.carrier) === factor.per);
  const lines = read.filter(fits);
  const named = carrierNear(
    scan,
    factor,
    lines.map((r) => r.carrier),
    "",
  );
  // "电260万度（按0.1229）": a bare number in the same clause right after a line is that line's.
  const before = lines.filter((r) => r.qty.end <= factor.start).at(-1);
  const sameClause = before !== undefined && clauseStart(scan.text, factor.start) <= before.qty.start;
  const target =
    lines.find((r) => r.carrier === named) ??
    (bare
      ? sameClause
        ? before
        : undefined
      : (before ??
        lines.find((r) => r.qty.start >= factor.end && clauseStart(scan.text, r.qty.start) <= factor.start)));
  if (!target || target.item.factor) return;
  const carrier = scan.data.carriers.find((c) => c.id === target.carrier)!;
  const unit = `kgce/${baseUnitOf[carrier.quantity]}`;
  if (bare) {
    const reference = carrier.factor?.value;
    if (!reference || factor.value < reference / 3 || factor.value > reference * 3) return;
    notes.push(m.parserNotes.bareNumberAsFactor(factor.text, carrier.name, unitName(unit)));
  }
  target.item.factor = { value: factor.value, unit };
}

const baseUnitOf: Record<string, string> = { mass: "kg", volume: "m3", electricity: "kWh", heat: "MJ" };
const unitNames: Record<string, string> = {
  "kgce/kg": "千克标准煤/千克",
  "kgce/m3": "千克标准煤/立方米",
  "kgce/kWh": "千克标准煤/千瓦时",
  "kgce/MJ": "千克标准煤/兆焦",
};
const unitName = (unit: string) => unitNames[unit] ?? unit;

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

/** A share saved ("节电30%") of the energy stated: each amount becomes what the share saves of it. */
function savedShareOf(scan: Scan, input: Record<string, unknown>, notes: string[]): void {
  const share = scan.quantities.find((x) => x.kind === "percent" && x.saved && x.value > 0 && x.value < 100);
  if (!share) return;
  for (const item of input.energy as Array<{ amount: number; unit: string }>) {
    const saved = Number(((item.amount * share.value) / 100).toPrecision(12));
    notes.push(
      m.parserNotes.savedShare(
        `${fmtExact(item.amount)}${item.unit}`,
        share.text,
        `${fmtExact(saved)}${item.unit}`,
      ),
    );
    item.amount = saved;
  }
  input.saved = true;
}

export function readEnergyConvert(scan: Scan, previous: PreviousRequest | null, aims: Set<Aim>): ReadResult {
  const notes: string[] = [];
  const input: Record<string, unknown> = previous?.tool === "energy_convert" ? { ...previous.input } : {};
  givenGridFactor(scan, input);
  const energy = energyItems(scan, notes, new Set(), true);
  if (energy.length > 0 || !Array.isArray(input.energy)) input.energy = energy;
  // "一年用电150万度，产石料60万吨，吨石料电耗多少": the output the energy was for gives it per tonne,
  // unless it already made a year's electricity out of one per tonne.
  const output = statedOutput(scan);
  if (output && energy.length > 0 && !scan.quantities.some((x) => isPerTonneElectricity(scan, x))) {
    const { amount, unit } = amountInput(output, "mass", "kg");
    input.output = { value: amount, unit };
  }
  // "省了30万度电": the energy is a saving, and the answer speaks of what it saves.
  if (scan.quantities.some((x) => x.saved && ENERGY_KINDS.has(x.kind))) input.saved = true;
  // "原来一年用电100万度，改造后节电30%": the saving is that share of what was used.
  else if (energy.length > 0) savedShareOf(scan, input, notes);
  // "1万吨标煤相当于多少度电": the total expressed in another carrier.
  const into = intoCarrier(scan, input.energy as Array<{ carrier: string }>);
  if (into) input.into = { carrier: into };
  // 当量值 by default; 等价值 when asked, with the factor the person gives (no national figure is published).
  if (aims.has("calorificValue") && !aims.has("equivalentValue")) delete input.electricityBasis;
  if (aims.has("equivalentValue")) {
    input.electricityBasis = "primary_energy";
    // The factor stated is the 等价值's, not one of the line's own.
    for (const item of input.energy as Array<Record<string, unknown>>)
      if (item.carrier === carrierName(scan.data, "electricity")) delete item.factor;
  }
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
  // "吨电耗450度，折多少标煤": the year's electricity follows from the output, which is asked for.
  const perTonne = scan.quantities.find((x) => isPerTonneElectricity(scan, x));
  if ((input.energy as unknown[]).length === 0)
    missing.push(
      perTonne
        ? { field: "output", question: q.outputForPerTonne(perTonne.text) }
        : { field: "energy", question: q.energy },
    );
  // No 等价值 is published with a citable source (it follows each year's 供电煤耗): without the person's
  // factor the answer is the 当量值, and the description says why (the aim equivalentValue travels with it).
  if (input.electricityBasis === "primary_energy" && input.electricityPrimaryFactor === undefined)
    delete input.electricityBasis;
  return {
    tool: "energy_convert",
    input,
    missing,
    notes,
  };
}

const ENERGY_KINDS = new Set(["electricity", "volume", "heat", "tce", "mass"]);

/**
 * The carrier a conversion asks the total in: "多少度电", "多少千瓦时", "多少方天然气", "多少吨原煤", "多少电".
 * A unit of electricity, gas or heat names its carrier (gas by default natural gas, heat 热力); tonnes only
 * with the carrier after them ("多少吨标煤" asks for standard coal, "多少吨二氧化碳" for CO2). Not a carrier
 * the message already gives an amount of.
 */
export function intoCarrier(scan: Scan, lines: Array<{ carrier: string }>): string | null {
  const units = scan.words.units
    .flatMap((u) => u.words.map((word) => ({ word: normalizeName(word), kind: u.kind })))
    .sort((a, b) => b.word.length - a.word.length);
  const carriers = carrierKeywords(scan.data);
  const text = normalizeName(scan.text);
  for (const asked of text.matchAll(/(?:多少|几)(?:万|亿)?/g)) {
    const after = text.slice(asked.index + asked[0].length);
    const unit = units.find((u) => after.startsWith(u.word));
    if (unit && !INTO_KINDS.has(unit.kind)) continue;
    const rest = after.slice(unit?.word.length ?? 0);
    const named = carriers
      .filter((k) => rest.startsWith(k.word))
      .sort((a, b) => b.word.length - a.word.length)[0];
    // "多少电费", "多少电耗": a word that starts with a carrier's name is not the carrier.
    if (named && /^[费价耗]/.test(rest.slice(named.word.length))) continue;
    const id = named
      ? named.role.slice("carrier:".length)
      : unit?.kind === "electricity"
        ? "electricity"
        : unit?.kind === "volume"
          ? "natural-gas"
          : unit?.kind === "heat"
            ? "heat"
            : null;
    if (!id || id === "standard-coal") continue;
    const name = carrierName(scan.data, id);
    if (lines.some((l) => l.carrier === name)) continue;
    return name;
  }
  return null;
}

/** Units that may name the carrier asked for; standard coal (吨标煤, kgce) and everything else do not. */
const INTO_KINDS = new Set(["electricity", "volume", "heat", "mass"]);
