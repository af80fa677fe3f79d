import { messages } from "../../messages.js";
import type { CalculatorData, Product, UncataloguedProduct } from "../data.js";
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
    case "not_catalogued":
      throw new CalculatorInputError(
        "product_not_covered",
        "product",
        notCataloguedMessage(r.entry, r.candidates, data),
        { listedIn: noticeOf(r.entry, data), closest: r.candidates.map(entry) },
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

/** The notice that lists a product the catalogue leaves out, as a person is shown it. */
export function noticeOf(entry: UncataloguedProduct, data: Pick<CalculatorData, "sources">): string {
  return entry.listedIn.source
    .map((id) => data.sources.get(id))
    .flatMap((s) => (s?.role === "authority" ? [s.cite] : []))
    .join("、");
}

/** "电石列在…（2023年版）》中，但本助手还没有收录…": no figure, the notice, what can be calculated instead. */
export function notCataloguedMessage(
  entry: UncataloguedProduct,
  candidates: Product[],
  data: Pick<CalculatorData, "sources">,
): string {
  return m.errors.productNotCatalogued(
    entry.name,
    noticeOf(entry, data),
    candidates.map((p) => p.name),
  );
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
