import { barChart, num, type Bar } from "./chart.js";
import { h, type Child } from "./dom.js";
import { text } from "./text.js";
import type { GapView } from "./types.js";

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
  const row = (label: string, value: Child, numeric = true) =>
    h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: numeric ? "num" : "" }, value));
  const sign = gap.gapToBenchmark > 0 ? "+" : "";
  const table = h(
    "table",
    { testid: "calc-table" },
    h("caption", {}, `${t.caption(gap.product.name)}（${gap.unit}）`),
    h(
      "tbody",
      {},
      row(t.yours, num(gap.unitConsumption)),
      row(t.benchmark, num(gap.benchmark)),
      row(t.baseline, gap.baseline === null ? t.baselineUnknown : num(gap.baseline)),
      gap.cityTarget ? row(t.cityTarget(gap.cityTarget.year), num(gap.cityTarget.value)) : null,
      row(t.gap, `${sign}${num(gap.gapToBenchmark)}（${sign}${num(gap.gapToBenchmarkPercent)}%）`),
      row(t.status, gap.statusLabel, false),
      gap.annualSavingTce !== null ? row(t.saving, t.tce(num(gap.annualSavingTce))) : null,
      gap.co2SavingT !== null ? row(t.co2, t.tonnes(num(gap.co2SavingT))) : null,
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
