import { messages } from "../../../messages.js";
import type { Product } from "../../../calculators/data.js";
import { normalizeName, resolveProduct } from "../../../calculators/resolveProduct.js";
import type { Quantity } from "../quantities/readQuantities.js";
import {
  amountInput,
  left,
  massRole,
  type MissingInput,
  type PreviousRequest,
  type ReadResult,
  type Scan,
  givenGridFactor,
} from "./context.js";
import { energyItems } from "./energy.js";
import { findProduct, inPlanNames, productQuestion, uncovered } from "./product.js";

const m = messages.calculators;
const q = m.questions;

/** Reading a benchmark-gap request: product, unit consumption or output and energy, capacity, basis. */

/** Words that make "2.9吨标煤" a figure per tonne of product ("吨氨能耗", "每吨", "单位产品", "单耗"). */
export const PER_TONNE = /吨[^\d]{0,6}耗|每吨|单位产品|单耗/;

export function basisIn(text: string): "including_feedstock" | "excluding_feedstock" | undefined {
  if (/不扣除原料/.test(text)) return "including_feedstock";
  if (/不含原料|不包括原料|不包含原料|扣除原料|原料用能不计|不计原料|不计入原料|除去原料|不算原料/.test(text))
    return "excluding_feedstock";
  if (/含原料|包括原料|包含原料|计入原料|算上原料|加上原料/.test(text)) return "including_feedstock";
  return undefined;
}

export function readBenchmarkGap(scan: Scan, previous: PreviousRequest | null): ReadResult {
  const notes: string[] = [];
  const missing: MissingInput[] = [];
  const input: Record<string, unknown> = previous?.tool === "benchmark_gap" ? { ...previous.input } : {};
  givenGridFactor(scan, input);
  const t = normalizeName(scan.text);

  const capacityQty = scan.quantities.find((x) => x.kind === "mass" && massRole(scan, x).kind === "capacity");
  const capacityT = capacityQty ? capacityQty.value / 1000 : null;
  if (capacityT !== null) input.capacity = { value: capacityT, unit: "吨" };

  let match = findProduct(scan, capacityT);
  // Another product named is another plant: nothing said of the one before carries over to it.
  if (
    match?.resolution.kind === "resolved" &&
    typeof input.product === "string" &&
    input.product !== match.resolution.product.id
  )
    for (const key of Object.keys(input)) if (key !== "capacity" || capacityT === null) delete input[key];
  if (typeof input.product === "string" && (!match || match.resolution.kind === "ambiguous")) {
    // A follow-up keeps the product named before, or completes it: "轻质的" after "纯碱".
    const before = resolveProduct(input.product, scan.data, capacityT ?? prevCapacity(input));
    const combined = normalizeName(`${input.product}${scan.text}`);
    match = {
      alias: match?.alias ?? input.product,
      resolution: uncovered(
        scan,
        before.kind === "resolved"
          ? before
          : resolveProduct(combined, scan.data, capacityT ?? prevCapacity(input)),
      ),
    };
  }
  let product: Product | null = null;
  if (match) {
    const r = match.resolution;
    if (r.kind === "resolved") {
      product = r.product;
      input.product = r.product.id;
    } else {
      input.product = match.alias;
      const final = r.kind === "not_covered" || r.kind === "out_of_band";
      missing.push({
        field: "product",
        question: productQuestion(r, match.alias, scan.data),
        ...(final ? { final } : {}),
      });
    }
  } else {
    missing.push({ field: "product", question: q.product(inPlanNames(scan.data)) });
  }

  // Unit consumption: kgce/t, kgce, tce/t; or a bare number right after 能耗 when the product is known.
  const used = new Set<Quantity>();
  const ucQty =
    scan.quantities.find((x) => x.kind === "unit_consumption" || x.kind === "kgce") ??
    scan.quantities.find((x) => x.kind === "tce" && PER_TONNE.test(normalizeName(left(scan, x))));
  if (ucQty) {
    input.unitConsumption = ucQty.value;
    used.add(ucQty);
  } else if (product) {
    // "110" alone, in reply to the question for the unit consumption, is that figure.
    const replyIsFigure =
      previous?.tool === "benchmark_gap" &&
      previous.input.unitConsumption === undefined &&
      /^\s*(?:约|大概|大约)?\s*\d+(?:\.\d+)?\s*(?:左右)?\s*[。.!！]?\s*$/.test(scan.text);
    const bare = scan.quantities.find(
      (x) =>
        x.kind === "none" &&
        (replyIsFigure || /(能耗|吨耗|单耗)(是|为|:|大概|约|在|由|从)?$/.test(normalizeName(left(scan, x)))),
    );
    const b = product.benchmark.value;
    if (bare && bare.value > b / 20 && bare.value < b * 20) {
      input.unitConsumption = bare.value;
      used.add(bare);
      notes.push(m.parserNotes.bareNumberAsUnitConsumption(bare.text));
    }
  }
  const planned = plannedFigure(scan, used);
  if (planned) input.plannedUnitConsumption = planned.value;
  if (/煤耗/.test(t) && !/综合能耗/.test(t)) notes.push(m.parserNotes.coalOnly);

  for (const qty of scan.quantities) {
    if (qty.kind !== "mass" || qty === capacityQty) continue;
    const role = massRole(scan, qty);
    if (role.kind === "output" && input.output === undefined) {
      input.output = {
        value: amountInput(qty, "mass", "kg").amount,
        unit: amountInput(qty, "mass", "kg").unit,
      };
      if (role.fromCapacity) notes.push(m.parserNotes.capacityAsOutput(qty.text));
    } else if (role.kind === "unknown") {
      notes.push(m.parserNotes.unknownFigure(qty.text));
    }
  }
  const energy = energyItems(scan, notes, used);
  if (energy.length > 0) input.energy = [...((input.energy as unknown[] | undefined) ?? []), ...energy];

  const basis = basisIn(t);
  if (basis) input.basis = basis;
  if (product?.basis && !input.basis)
    missing.push({ field: "basis", question: q.basis(product.name, String(product.benchmark.value)) });

  const hasUc = input.unitConsumption !== undefined;
  const hasEnergy = Array.isArray(input.energy) && input.energy.length > 0;
  if (hasEnergy && input.output === undefined) missing.push({ field: "output", question: q.output });
  if (!hasUc && !hasEnergy)
    missing.push({ field: "unitConsumption", question: q.unitConsumption(product?.perUnit ?? "吨产品") });
  if (product?.capacityBand && input.capacity === undefined)
    notes.push(m.notes.capacityAssumed(product.capacityBand.label));
  // Only the basis is unknown: compare on the plan's own basis first, and say what the other one means.
  const provisional =
    product && missing.length === 1 && missing[0]!.field === "basis"
      ? {
          input: { ...input, basis: "including_feedstock" },
          note: m.provisional.basisAssumed(product.name),
        }
      : undefined;
  return { tool: "benchmark_gap", input, missing, notes, ...(provisional ? { provisional } : {}) };
}

/** Words that put a unit consumption after the one in use: "由112降到105", "单耗108，计划降至104". */
const FALLS_TO = /(?:降到|降至|降低到|降低至|下降到|下降至|降为|减到|减至|压到|压减到)$/;

/**
 * "单耗由112降到105": the figure a fall goes to, in the unit of the one it falls from (a bare number is
 * taken in kgce/t as that one was); not "降到标杆值", which has no figure of its own.
 */
function plannedFigure(scan: Scan, used: Set<Quantity>): Quantity | undefined {
  const from = [...used].find((x) => x.kind === "unit_consumption" || x.kind === "kgce" || x.kind === "none");
  if (!from) return undefined;
  return scan.quantities.find(
    (x) =>
      x.start >= from.end &&
      (x.kind === "unit_consumption" || x.kind === "kgce" || x.kind === "none") &&
      FALLS_TO.test(normalizeName(left(scan, x))),
  );
}

export function prevCapacity(input: Record<string, unknown>): number | null {
  const c = input.capacity as { value?: number } | undefined;
  return typeof c?.value === "number" ? c.value : null;
}
