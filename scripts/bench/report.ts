/** How a bench section reports: a list of figures, each with an optional target it is printed beside. */

export interface Figure {
  label: string;
  value: number;
  unit: "ms" | "count";
  /** The figure should stay below this (same unit). Printed, never enforced. */
  targetBelow?: number;
  note?: string;
}

export interface BenchSection<Context> {
  name: string;
  /** One line saying what is measured and how. */
  describe: string;
  run(context: Context): Promise<Figure[]>;
}

/** NaN stands for "not measured"; the figure's note says why. */
export function formatValue(value: number, unit: Figure["unit"]): string {
  if (Number.isNaN(value)) return "—";
  if (unit === "count") return String(value);
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

export function printSection(section: { name: string; describe: string }, figures: Figure[]): void {
  console.log(`\n== ${section.name}: ${section.describe}`);
  const width = Math.max(...figures.map((f) => f.label.length), 10);
  for (const figure of figures) {
    const value = formatValue(figure.value, figure.unit).padStart(10);
    const target =
      figure.targetBelow === undefined || Number.isNaN(figure.value)
        ? ""
        : `   target < ${formatValue(figure.targetBelow, figure.unit)}  ${figure.value < figure.targetBelow ? "met" : "MISSED"}`;
    console.log(`  ${figure.label.padEnd(width)}  ${value}${target}${figure.note ? `   (${figure.note})` : ""}`);
  }
}
