import { barChart, num, type Bar } from "./chart.js";
import { h } from "./dom.js";
import { text } from "./text.js";
import type { GapView } from "./types.js";

const caption = (gap: GapView) => `${text.result.caption(gap.product.name)}（${gap.unit}）`;

/** The table's rows, label and value, as shown and as copied. */
function rows(gap: GapView): Array<[string, string]> {
  const t = text.result;
  const sign = gap.gapToBenchmark > 0 ? "+" : "";
  const shown: Array<[string, string] | null> = [
    [t.yours, num(gap.unitConsumption)],
    [t.benchmark, num(gap.benchmark)],
    [t.baseline, gap.baseline === null ? t.baselineUnknown : num(gap.baseline)],
    gap.cityTarget ? [t.cityTarget(gap.cityTarget.year), num(gap.cityTarget.value)] : null,
    [t.gap, `${sign}${num(gap.gapToBenchmark)}（${sign}${num(gap.gapToBenchmarkPercent)}%）`],
    [t.status, gap.statusLabel],
    gap.annualSavingTce !== null ? [t.saving, t.tce(num(gap.annualSavingTce))] : null,
    gap.co2SavingT !== null ? [t.co2, t.tonnes(num(gap.co2SavingT))] : null,
  ];
  return shown.filter((row): row is [string, string] => row !== null);
}

/** The card as plain text for 复制: the table, the policy line, every step of the arithmetic, the sources. */
export function gapText(gap: GapView): string {
  const t = text.result;
  const numbered = (lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`);
  return [
    caption(gap),
    ...rows(gap).map(([label, value]) => `${label}：${value}`),
    ...(gap.policy ? [`${t.policy}：${gap.policy.summary}`] : []),
    ...(gap.formula.length ? [`${t.formula}：`, ...numbered(gap.formula)] : []),
    ...(gap.sources?.length ? [`${t.sources}：`, ...numbered(gap.sources.map((s) => s.title))] : []),
  ].join("\n");
}

/** A benchmark-gap result: a small table, the chart, the policy line and the formula behind every figure. */
export function createCalcResult(gap: GapView): HTMLElement {
  const t = text.result;
  const bars: Bar[] = [
    { label: t.yours, value: gap.unitConsumption, kind: 0 },
    { label: t.benchmark, value: gap.benchmark, kind: 1 },
  ];
  if (gap.baseline !== null) bars.push({ label: t.baseline, value: gap.baseline, kind: 2 });
  if (gap.cityTarget)
    bars.push({ label: t.cityTarget(gap.cityTarget.year), value: gap.cityTarget.value, kind: 3 });
  const table = h(
    "table",
    { testid: "calc-table" },
    h("caption", {}, caption(gap)),
    h(
      "tbody",
      {},
      ...rows(gap).map(([label, value]) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label),
          h("td", { class: label === t.status ? "" : "num" }, value),
        ),
      ),
    ),
  );
  const formula = h(
    "details",
    { open: true, testid: "calc-formula" },
    h("summary", {}, t.formula),
    h("ol", {}, ...gap.formula.map((line) => h("li", {}, line))),
  );
  const sources = gap.sources?.length
    ? h(
        "details",
        {},
        h("summary", {}, t.sources),
        h("ol", {}, ...gap.sources.map((s) => h("li", {}, s.title))),
      )
    : null;
  return h(
    "div",
    { class: "calc-card", testid: "calc-result" },
    table,
    barChart(bars, gap.benchmark),
    gap.policy
      ? h("p", { class: "note", testid: "calc-policy" }, h("strong", {}, `${t.policy}：`), gap.policy.summary)
      : null,
    formula,
    sources,
  );
}
