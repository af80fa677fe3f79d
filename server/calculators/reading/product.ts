import { messages } from "../../messages.js";
import type { CalculatorData } from "../data.js";
import { normalizeName, resolveProduct, type ProductResolution } from "../resolveProduct.js";
import { clauseEnd, clauseStart, productKeywords, type Scan } from "./context.js";

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
    if (whole.kind === "resolved") return { alias: best.alias, resolution: whole };
  }
  return { alias: best.alias, resolution: near };
}

export function inPlanNames(data: CalculatorData): string {
  return data.products
    .filter((p) => p.inPlan)
    .map((p) => p.name)
    .join("、");
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
