/** How a bench section reports: a list of figures, each with an optional target it is printed beside. */

export interface Figure {
  label: string;
  value: number;
  unit: "ms" | "count" | "req/s" | "MB";
  /** The figure should stay below this (same unit). Printed, never enforced. */
  targetBelow?: number;
  /** The figure should stay above this (same unit). Printed, never enforced. */
  targetAbove?: number;
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
  if (unit === "req/s") return `${value.toFixed(0)} req/s`;
  if (unit === "MB") return `${value.toFixed(1)} MB`;
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

export function printSection(section: { name: string; describe: string }, figures: Figure[]): void {
  console.log(`\n== ${section.name}: ${section.describe}`);
  const width = Math.max(...figures.map((f) => f.label.length), 10);
  for (const figure of figures) {
    const value = formatValue(figure.value, figure.unit).padStart(10);
    const target = Number.isNaN(figure.value)
      ? ""
      : figure.targetBelow !== undefined
        ? `   target < ${formatValue(figure.targetBelow, figure.unit)}  ${figure.value < figure.targetBelow ? "met" : "MISSED"}`
        : figure.targetAbove !== undefined
          ? `   target ≥ ${formatValue(figure.targetAbove, figure.unit)}  ${figure.value >= figure.targetAbove ? "met" : "MISSED"}`
          : "";
    console.log(
      `  ${figure.label.padEnd(width)}  ${value}${target}${figure.note ? `   (${figure.note})` : ""}`,
    );
  }
}
