import { svg, uid } from "./dom.js";
import { text } from "./text.js";

export interface Bar {
  label: string;
  value: number;
  /** colour: 0 the enterprise, 1 benchmark, 2 baseline, 3 city target */
  kind: 0 | 1 | 2 | 3;
}

const WIDTH = 340;
const LABEL = 100;
const ROW = 34;

export const num = (value: number) => value.toLocaleString("zh-CN", { maximumFractionDigits: 2 });

/**
 * A horizontal bar chart in inline SVG: the enterprise's figure first, then the benchmark, the
 * baseline and the city target. A dashed line marks the benchmark so "past the line" reads at a glance.
 */
export function barChart(bars: Bar[], benchmark: number): SVGSVGElement {
  const height = bars.length * ROW + 12;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const scale = (WIDTH - LABEL - 64) / max;
  const titleId = uid("chart-title");
  const descId = uid("chart-desc");
  const chart = svg(
    "svg",
    {
      class: "chart",
      testid: "calc-chart",
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
    },
    svg("title", { id: titleId }, text.result.chartTitle),
    svg(
      "desc",
      { id: descId },
      text.result.chartDesc(bars.map((b) => `${b.label} ${num(b.value)}`).join("，")),
    ),
  );
  bars.forEach((bar, i) => {
    const y = 8 + i * ROW;
    const width = Math.max(2, bar.value * scale);
    chart.append(
      svg("text", { x: 4, y: y + 15 }, bar.label),
      svg("rect", { class: `b${bar.kind}`, x: LABEL, y, width, height: 20, rx: 3, testid: "chart-bar" }),
      svg("text", { class: "v", x: LABEL + width + 6, y: y + 15 }, num(bar.value)),
    );
  });
  const x = LABEL + benchmark * scale;
  chart.append(
    svg("line", { class: "axis", x1: x, x2: x, y1: 2, y2: height - 2, "stroke-dasharray": "4 3" }),
  );
  return chart;
}
