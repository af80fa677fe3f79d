import { messages } from "../../messages.js";
import type { CalculatorData, Product } from "../data.js";
import { CalculatorInputError } from "../errors.js";
import { fmtExact } from "../format.js";
import { resolveProduct } from "../resolveProduct.js";

const m = messages.calculators;

/** Resolves the product or throws a fixable error that lists what the user can choose from. */
export function resolveProductOrThrow(
  text: string,
  capacityT: number | null,
  data: CalculatorData,
): { product: Product; capacityT: number | null } {
  const r = resolveProduct(text, data, capacityT);
  const entry = (p: Product) => ({ id: p.id, name: p.name });
  switch (r.kind) {
    case "resolved":
      return { product: r.product, capacityT: r.capacityT };
    case "ambiguous":
      throw new CalculatorInputError(
        "ambiguous_product",
        "product",
        m.errors.ambiguousProduct(
          text,
          r.question,
          r.variants.map((p) => p.name),
        ),
        { variants: r.variants.map(entry) },
      );
    case "not_covered":
      throw new CalculatorInputError(
        "product_not_covered",
        "product",
        m.errors.productNotCovered(
          text,
          r.term,
          r.candidates.map((p) => p.name),
        ),
        { closest: r.candidates.map(entry) },
      );
    case "out_of_band":
      throw new CalculatorInputError(
        "capacity_out_of_band",
        "capacity",
        m.errors.capacityOutOfBand(fmtExact(r.capacityT), r.product.name, r.product.capacityBand!.label),
        { closest: [entry(r.product)] },
      );
    case "unknown":
      throw new CalculatorInputError(
        "unknown_product",
        "product",
        m.errors.unknownProduct(
          text,
          r.closest.map((p) => p.name),
        ),
        { closest: r.closest.map(entry) },
      );
  }
}

/** A figure whose basis must be stated (煤制烯烃: feedstock energy counted or not) must be on the plan's basis. */
export function checkBasis(product: Product, basis: string | undefined): void {
  if (!product.basis) return;
  if (!basis) {
    throw new CalculatorInputError("basis_required", "basis", m.errors.basisRequired(product.name), {
      options: ["including_feedstock", "excluding_feedstock"],
      planBasis: product.basis.planBasis,
    });
  }
  if (basis !== product.basis.planBasis) {
    throw new CalculatorInputError(
      "basis_not_comparable",
      "basis",
      m.errors.basisNotComparable(product.name, fmtExact(product.benchmark.value)),
      { planBasis: product.basis.planBasis, referenceGrades: product.referenceGrades },
    );
  }
}
