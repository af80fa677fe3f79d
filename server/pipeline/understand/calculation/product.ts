import { messages } from "../../../messages.js";
import type { CalculatorData, Product } from "../../../calculators/data.js";
import {
  normalizeName,
  resolveProduct,
  type ProductResolution,
} from "../../../calculators/resolveProduct.js";
import { notCataloguedMessage } from "../../../calculators/benchmark/resolveProductOrThrow.js";
import {
  clauseEnd,
  clauseStart,
  DELIMITER,
  productKeywords,
  type MissingInput,
  type Scan,
} from "./context.js";

const m = messages.calculators;
const q = m.questions;

/** Finding the product a message is about, and what to ask when it does not resolve. */

export interface ProductMatch {
  alias: string;
  resolution: ProductResolution;
}

export function findProduct(scan: Scan, capacityT: number | null): ProductMatch | null {
  const text = normalizeName(scan.text);
  let best: { alias: string; at: number } | undefined;
  for (const k of productKeywords(scan.data)) {
    const at = text.indexOf(k.word);
    if (at >= 0 && (!best || k.word.length > best.alias.length)) best = { alias: k.word, at };
  }
  if (!best) return null;
  // Only the words near the product decide its variant or an excluded route ("天然气制合成氨").
  const from = Math.max(clauseStart(text, best.at), best.at - 10);
  const to = Math.min(clauseEnd(text, best.at + best.alias.length), best.at + best.alias.length + 8);
  const near = resolveProduct(text.slice(from, to), scan.data, capacityT);
  // "我们是重质的，联碱法": the variant was said in another clause of the same message.
  if (near.kind === "ambiguous") {
    const whole = resolveProduct(text, scan.data, capacityT);
    if (whole.kind === "resolved") return { alias: best.alias, resolution: uncovered(scan, whole) };
  }
  return { alias: best.alias, resolution: uncovered(scan, near) };
}

/** A resolved product whose route the message rules out elsewhere ("合成氨，原料是粉煤") is not covered. */
export function uncovered(scan: Scan, r: ProductResolution): ProductResolution {
  if (r.kind !== "resolved") return r;
  const term = excludedRoute(scan, r.product);
  return term ? { kind: "not_covered", term, candidates: [r.product] } : r;
}

/** Kinds of figure that make a word before them an energy line ("天然气500万方"), not a route. */
const ENERGY_KINDS = new Set(["mass", "volume", "heat", "tce", "kgce", "electricity"]);

/**
 * An excluded feedstock or route named anywhere in the message: "原料是粉煤", "我们用天然气做原料".
 * A fuel line ("天然气500万方") is energy used, not the route, unless 原料 is said with it; 粉煤灰 is
 * fly ash, not 粉煤.
 */
export function excludedRoute(scan: Scan, product: Product): string | undefined {
  const text = scan.text;
  for (const term of product.excludes) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (term === "粉煤" && text[end] === "灰") continue;
      const feedstockSaid = /原料|原料气|为原料|做原料|作原料/.test(text.slice(Math.max(0, at - 6), end + 4));
      const fuelLine = scan.quantities.some(
        (q) =>
          ENERGY_KINDS.has(q.kind) &&
          ((q.start >= end && q.start - end <= 6 && !DELIMITER.test(text.slice(end, q.start))) ||
            (q.end <= at && at - q.end <= 2)),
      );
      if (feedstockSaid || !fuelLine) return term;
    }
  }
  return undefined;
}

export function inPlanNames(data: CalculatorData): string {
  return data.products
    .filter((p) => p.inPlan)
    .map((p) => p.name)
    .join("、");
}

/**
 * The question for a product that did not resolve; final when nothing the person could add would make
 * the plan's figure apply (a route it does not cover, a product it carries no figure for, a furnace
 * outside the band).
 */
export function unresolvedProduct(match: ProductMatch, data: CalculatorData): MissingInput {
  const r = match.resolution;
  const final = r.kind === "not_covered" || r.kind === "not_catalogued" || r.kind === "out_of_band";
  return { field: "product", question: productQuestion(r, match.alias, data), ...(final ? { final } : {}) };
}

export function productQuestion(r: ProductResolution, alias: string, data: CalculatorData): string {
  switch (r.kind) {
    case "ambiguous":
      return m.errors.ambiguousProduct(
        alias,
        r.question,
        r.variants.map((p) => p.name),
      );
    case "not_covered":
      return m.errors.productNotCovered(
        alias,
        r.term,
        r.candidates.map((p) => p.name),
      );
    case "not_catalogued":
      return notCataloguedMessage(r.entry, r.candidates, data);
    case "out_of_band":
      return m.errors.capacityOutOfBand(String(r.capacityT), r.product.name, r.product.capacityBand!.label);
    case "unknown":
      return m.errors.unknownProduct(
        alias,
        r.closest.map((p) => p.name),
      );
    default:
      return q.product(inPlanNames(data));
  }
}
