/**
 * The arithmetic people do with the plan's figures (a product's benchmark or 2025 target, the 15% fall of
 * energy per value added) and their own: each operation once, on plain numbers, unrounded. The
 * calculators round what they show (rounding.ts) and pass the shown figures in, so each line of their
 * formulas checks by hand. Units: t of output, kgce/t per tonne, tce totals, per cent as 0–100.
 */

/** The energy a year saved by bringing `current` down to `level`: output × (current − level), in tce. */
export function savingAtLevel(outputT: number, current: number, level: number): number {
  return ((current - level) * outputT) / 1000;
}

/** The energy a year used at `level`: output × level, in tce. */
export function totalAtLevel(outputT: number, level: number): number {
  return (level * outputT) / 1000;
}

/** How far `figure` is above `reference`, as a share of the reference (negative below it), in %. */
export function percentDifference(figure: number, reference: number): number {
  return ((figure - reference) / reference) * 100;
}

/**
 * How much `from` must fall to reach `to`, as a share of `from`, in %. Not percentDifference(from, to):
 * a fall is measured on where it starts (110 → 102 is 7.3%, while 110 is 7.8% above 102).
 */
export function percentFall(from: number, to: number): number {
  return (1 - to / from) * 100;
}

/** The even yearly fall that compounds to `totalPercent` over `years`: 1 − (1 − p)^(1/years), in %. */
export function compoundAnnualRate(totalPercent: number, years: number): number {
  return (1 - (1 - totalPercent / 100) ** (1 / years)) * 100;
}

/**
 * The fall still needed, measured on a year already `achievedPercent` below the base, to end
 * `targetPercent` below the base: 1 − (1 − target) ÷ (1 − achieved), in % (negative once exceeded).
 * Percentages of different bases do not subtract: 15% − 9% is not what remains.
 */
export function remainingFall(targetPercent: number, achievedPercent: number): number {
  return (1 - (1 - targetPercent / 100) / (1 - achievedPercent / 100)) * 100;
}

/** The most energy a value added may use at an intensity: value added × intensity, in tce. */
export function capOnTotal(valueAddedWanYuan: number, intensity: number): number {
  return valueAddedWanYuan * intensity;
}
