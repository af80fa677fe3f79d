/**
 * A mistake in the input that the user can fix (unknown product, missing basis, implausible figure).
 * Calculators throw it; the HTTP routes turn it into a 400 and the tool registry returns it as data.
 */
export type CalculatorProblem =
  | "unknown_product"
  | "ambiguous_product"
  | "product_not_covered"
  | "capacity_out_of_band"
  | "basis_required"
  | "basis_not_comparable"
  | "implausible_value"
  | "unknown_unit"
  | "unknown_carrier"
  | "heating_value_required"
  | "factor_required"
  | "unknown_factor"
  | "no_reference_efficiency"
  | "poles_required"
  | "target_not_better"
  | "too_many_hours"
  /** the plan gives no figure for what was asked (a product with no numeric target, no baseline) */
  | "no_plan_figure";

export class CalculatorInputError extends Error {
  override name = "CalculatorInputError";
  constructor(
    readonly problem: CalculatorProblem,
    /** The request field at fault, as a path: "product", "energy.1.unit". */
    readonly field: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
