/**
 * The one rounding rule of the calculators (also in docs/calculators.md):
 *
 * 1. Inputs and the data's coefficients (0.1229, 0.7143, …) are used exactly as given.
 * 2. Each figure is rounded when it is first shown, half away from zero, to the places of its kind
 *    (`places` below). Binary noise is removed first (the value is read at 15 significant digits), so
 *    1.005 rounds to 1.01 and 0.5306 × 3 gives exactly 1.5918.
 * 3. A figure a later line uses is used as shown: every formula line computes from the figures it
 *    prints, so it checks by hand within the last place shown. The unit consumption from energy is the
 *    total as shown ÷ output; the yearly saving comes from that unit consumption (or total) as shown;
 *    totals are the sums of their lines as shown; a derived coefficient (tCO2 per tce) is rounded to
 *    4 places, like the published coefficients it comes from, and then used.
 * 4. A verdict that compares a reported figure with a threshold (benchmark status, target met) compares
 *    the rounded figure, so the verdict never contradicts the number shown.
 */
export const places = {
  /** kgce/t, and gaps in kgce/t */
  unitConsumption: 2,
  /** percentages of any kind */
  percent: 1,
  /** tce */
  tce: 2,
  /** kgce, when standard coal is asked in kilograms */
  kgce: 1,
  /** a carrier or standard coal per tonne of output (kWh/t, kgce/t of a conversion) */
  perTonne: 3,
  /** tCO2 */
  co2: 2,
  /** kWh */
  kwh: 0,
  /** m3, t and GJ of a carrier, when standard coal is expressed as one */
  cubicMetres: 0,
  tonnes: 2,
  gigajoules: 2,
  /** yuan */
  yuan: 0,
  /** 万元 */
  wanYuan: 2,
  /** years of payback */
  years: 1,
  /** kW */
  kw: 2,
  /** tce per 万元 of value added */
  intensity: 4,
  /** conversion factors shown in formulas */
  factor: 4,
} as const;

export type Quantity = keyof typeof places;

/** Rounds half away from zero to `digits` decimal places, after removing binary representation noise. */
export function roundHalfAwayFromZero(value: number, digits: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  // Shift the decimal point in the decimal string, not by multiplying, so no new binary noise appears.
  const [mantissa, exponent] = Math.abs(value).toExponential(14).split("e");
  const rounded = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const [m, e] = rounded.toExponential().split("e");
  const result = (value < 0 ? -1 : 1) * Number(`${m}e${Number(e) - digits}`);
  return result === 0 ? 0 : result;
}

/** Rounds a figure of the given kind by the rule above. */
export function round(value: number, kind: Quantity): number {
  return roundHalfAwayFromZero(value, places[kind]);
}
