import { places, round, type Quantity } from "./rounding.js";

const formatters = new Map<number, Intl.NumberFormat>();

function formatter(maxDigits: number): Intl.NumberFormat {
  let f = formatters.get(maxDigits);
  if (!f) {
    f = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: maxDigits, useGrouping: true });
    formatters.set(maxDigits, f);
  }
  return f;
}

/** A figure of the given kind, rounded by the calculators' rule and grouped by thousands: 1,200,000. */
export function fmt(value: number, kind: Quantity): string {
  return formatter(places[kind]).format(round(value, kind));
}

/** A figure shown exactly as given (inputs, data values such as 0.1229 or 0.03412). */
export function fmtExact(value: number): string {
  return formatter(10).format(value);
}
