import { html, type Html } from "./html.js";

/**
 * Small charts as inline SVG, written by hand: a few rectangles, a polyline and some text, no library.
 * Colours come from admin.css classes (the console's CSP allows no inline styles). Each chart is an
 * image with a title and a one-sentence summary for screen readers; the figures themselves are in a
 * table beside it (dataTable), so nothing is only in the picture.
 */
export interface Series {
  /** A class from admin.css: bar-a (blue), bar-b (amber), bar-up (green), bar-down (red), bar-muted (grey). */
  className: string;
  label: string;
  values: number[];
}

export interface ChartOptions {
  id: string;
  title: string;
  summary: string;
  /** One label per value, e.g. "03-01". */
  labels: string[];
  /** How a value is written on the axis and in tooltips ("12", "85%"). */
  format?: (value: number) => string;
  /** The largest value the axis shows (e.g. 100 for a percentage); else the data's maximum. */
  max?: number;
}

const WIDTH = 560;
const HEIGHT = 180;
const LEFT = 40;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 26;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

const round = (n: number) => Math.round(n * 10) / 10;

/** An axis maximum people read easily: 1, 2, 5 or 10 times a power of ten, at least the data's maximum. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function frame(options: ChartOptions, top: number, body: Html): Html {
  const format = options.format ?? String;
  const n = options.labels.length;
  const x = (i: number) => round(LEFT + ((i + 0.5) * PLOT_W) / Math.max(1, n));
  // First, middle and last day: enough to read the time, never crowded.
  const ticks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])].filter((i) => i >= 0 && i < n);
  return html`<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" data-testid="chart-svg" focusable="false">
<title id="${options.id}-title">${options.title}</title><desc id="${options.id}-desc">${options.summary}</desc>
<line class="axis" x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${WIDTH - RIGHT}" y2="${TOP + PLOT_H}"></line>
<line class="grid" x1="${LEFT}" y1="${TOP}" x2="${WIDTH - RIGHT}" y2="${TOP}"></line>
<text class="tick" x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${format(top)}</text>
<text class="tick" x="${LEFT - 6}" y="${TOP + PLOT_H + 4}" text-anchor="end">0</text>
${body}
${ticks.map((i) => html`<text class="tick" x="${x(i)}" y="${HEIGHT - 8}" text-anchor="middle">${options.labels[i]}</text>`)}
</svg>`;
}

/** Bars per day; several series stand side by side (👍 beside 👎) or, with `stacked`, on top of each other. */
export function barChart(series: Series[], options: ChartOptions & { stacked?: boolean }): Html {
  const n = options.labels.length;
  const format = options.format ?? String;
  const totals = options.labels.map((_, i) =>
    options.stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const top = options.max ?? niceMax(Math.max(0, ...totals));
  const slot = PLOT_W / Math.max(1, n);
  const groups = options.stacked ? 1 : series.length;
  const barW = Math.max(1, (slot * 0.8) / groups);
  const y = (v: number) => (PLOT_H * v) / top;
  const bars = options.labels.map((label, i) => {
    let base = 0;
    return series.map((s, k) => {
      const value = s.values[i] ?? 0;
      if (value <= 0) return null;
      const h = y(value);
      const left = LEFT + i * slot + slot * 0.1 + (options.stacked ? 0 : k * barW);
      const rect = html`<rect class="${s.className}" x="${round(left)}" y="${round(TOP + PLOT_H - base - h)}" width="${round(options.stacked ? slot * 0.8 : barW)}" height="${round(h)}"><title>${label} ${s.label}：${format(value)}</title></rect>`;
      if (options.stacked) base += h;
      return rect;
    });
  });
  return frame(options, top, html`${bars}`);
}

/** A line through the days that have a value (null: no enquiries that day, so no share to draw). */
export function lineChart(values: Array<number | null>, options: ChartOptions & { className: string }): Html {
  const n = options.labels.length;
  const format = options.format ?? String;
  const top = options.max ?? niceMax(Math.max(0, ...values.map((v) => v ?? 0)));
  const x = (i: number) => round(LEFT + ((i + 0.5) * PLOT_W) / Math.max(1, n));
  const y = (v: number) => round(TOP + PLOT_H - (PLOT_H * v) / top);
  const points = values.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
  return frame(
    options,
    top,
    html`${points.length > 1 ? html`<polyline class="${options.className}" fill="none" points="${points.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")}"></polyline>` : null}
${points.map((p) => html`<circle class="${options.className}-dot" cx="${x(p.i)}" cy="${y(p.v)}" r="3"><title>${options.labels[p.i]}：${format(p.v)}</title></circle>`)}`,
  );
}

/** A tiny line of daily counts beside a table row; decorative, the figures are in the row itself. */
export function sparkline(values: number[], label: string): Html {
  const w = 96;
  const h = 22;
  const top = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${round(i * step)},${round(h - 2 - ((h - 4) * v) / top)}`).join(" ");
  return html`<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${label}" focusable="false"><polyline class="spark-line" fill="none" points="${points}"></polyline></svg>`;
}

/** A chart's figures as a table under a disclosure: what a screen reader or a careful reader checks. */
export function dataTable(caption: string, headers: string[], rows: Array<Array<string | number>>): Html {
  return html`<details class="chart-data"><summary>${caption}</summary><table><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td class="num">${cell}</td>`))}</tr>`,
  )}</tbody></table></details>`;
}

/** A small legend: a swatch and a label per series. */
export function legend(series: Array<Pick<Series, "className" | "label">>): Html {
  return html`<ul class="legend">${series.map(
    (s) =>
      html`<li><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><rect class="${s.className}" width="10" height="10"></rect></svg>${s.label}</li>`,
  )}</ul>`;
}
