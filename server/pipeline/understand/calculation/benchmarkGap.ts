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
import { findProduct, inPlanNames, uncovered, unresolvedProduct } from "./product.js";

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
      missing.push(unresolvedProduct(match, scan.data));
    }
  } else {
    missing.push({ field: "product", question: q.product(inPlanNames(scan.data)) });
  }

  const used = new Set<Quantity>();
  // "110" alone, in reply to the question for the unit consumption, is that figure.
  const replyIsFigure =
    previous?.tool === "benchmark_gap" &&
    previous.input.unitConsumption === undefined &&
    /^\s*(?:约|大概|大约)?\s*\d+(?:\.\d+)?\s*(?:左右)?\s*[。.!！]?\s*$/.test(scan.text);
  const uc = perTonneFigure(scan, product, replyIsFigure);
  if (uc) {
    input.unitConsumption = uc.qty.value;
    used.add(uc.qty);
    if (uc.bare) notes.push(m.parserNotes.bareNumberAsUnitConsumption(uc.qty.text));
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

/** What may stand between a consumption's name and its bare figure: "能耗现在105", "单耗目前大约110". */
const BETWEEN =
  "(?:现在|目前|当前|眼下|去年|今年|实际|平均|一般|基本|大概|大约|约|差不多|在|是|为|有|由|从|:)*";
/** A bare number right after these words, with the product known, is its consumption: "能耗110", "单耗由112". */
const BARE_AFTER = new RegExp(`(能耗|吨耗|单耗)${BETWEEN}$`);

/** "我们是62", "我厂现在大概65": the plant says a bare figure of its own (the product named, or asked of before). */
const OWN_FIGURE = new RegExp(`(我们|我厂|咱们|我司|本厂|我们厂|我们企业|我们公司)${BETWEEN}$`);

/** "熟料108", "吨熟料现在108": a bare figure right after the product's own name is its consumption. */
function afterProductName(before: string, product: Product): boolean {
  const tail = before.replace(new RegExp(`${BETWEEN}$`), "");
  return [product.name, ...product.aliases].some((alias) => tail.endsWith(normalizeName(alias)));
}

/**
 * The plant's consumption per tonne: a figure in kgce/t, kgce or tce per tonne; or, with the product
 * known, a bare number its words make one (right after 能耗, the quantity reader's unit_consumption
 * subject as in "单耗现在110", a per-tonne energy as in "吨熟料综合能耗如果从110") within 20 times the
 * benchmark either way. `bare` says the unit was not written, so the reply says how it was read.
 */
export function perTonneFigure(
  scan: Scan,
  product: Product | null,
  replyIsFigure = false,
): { qty: Quantity; bare: boolean } | undefined {
  const written =
    scan.quantities.find((x) => x.kind === "unit_consumption" || x.kind === "kgce") ??
    scan.quantities.find((x) => x.kind === "tce" && PER_TONNE.test(normalizeName(left(scan, x))));
  if (written) return { qty: written, bare: false };
  if (!product) return undefined;
  const b = product.benchmark.value;
  const bare = scan.quantities.find((x) => {
    if (x.kind !== "none") return false;
    const before = normalizeName(left(scan, x));
    return (
      replyIsFigure ||
      BARE_AFTER.test(before) ||
      afterProductName(before, product) ||
      OWN_FIGURE.test(before) ||
      x.subject === "unit_consumption" ||
      (x.subject === "energy" && PER_TONNE.test(before))
    );
  });
  return bare && bare.value > b / 20 && bare.value < b * 20 ? { qty: bare, bare: true } : undefined;
}

/** Whether the words right before a figure put it after a fall ("由112降到105", "降至方案的目标值"). */
function afterFallWord(scan: Scan, before: string): boolean {
  return scan.words.fallsTo.some((w) => before.endsWith(w));
}

/**
 * "单耗由112降到105": the figure a fall goes to, in the unit of the one it falls from (a bare number is
 * taken in kgce/t as that one was); not "降到标杆值", which has no figure of its own.
 */
function plannedFigure(scan: Scan, used: Set<Quantity>): Quantity | undefined {
  // Without a written consumption (it is worked out from output and energy) the fall stands alone.
  const from = [...used].find((x) => x.kind === "unit_consumption" || x.kind === "kgce" || x.kind === "none");
  return scan.quantities.find(
    (x) =>
      !used.has(x) &&
      x.start >= (from?.end ?? 0) &&
      (x.kind === "unit_consumption" || x.kind === "kgce" || x.kind === "none") &&
      afterFallWord(scan, normalizeName(leftPastYears(scan, x))),
  );
}

/** "降到2025年102": the words before a figure, reaching past a year said between (and without it). */
function leftPastYears(scan: Scan, qty: Quantity): string {
  return left(scan, qty, true).replace(/(?:19|20)\d{2}\s*年?(?:的)?/g, "");
}

export function prevCapacity(input: Record<string, unknown>): number | null {
  const c = input.capacity as { value?: number } | undefined;
  return typeof c?.value === "number" ? c.value : null;
}
