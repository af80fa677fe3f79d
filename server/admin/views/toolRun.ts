import { messages } from "../../messages.js";
import { html, type Html } from "../html.js";
import { toolLabel } from "./labels.js";

const c = messages.admin.calculator;
const r = c.results;

/** Catalogue ids a run may hold, as their names (the product "cement-clinker" is 水泥熟料). */
export interface CalculatorNames {
  product(id: string): string | undefined;
  gridFactor(id: string): string | undefined;
}

export const NO_NAMES: CalculatorNames = { product: () => undefined, gridFactor: () => undefined };

export interface RunView {
  name: string;
  input: unknown;
  output: unknown;
  error: string | null;
}

type Row = [label: string, value: string];
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });
const num = (value: unknown) => (typeof value === "number" ? numberFormat.format(value) : String(value));
const unitText = (unit: unknown) => (typeof unit === "string" ? (c.units[unit] ?? unit) : "");
const fieldLabel = (key: string) => c.fields[key] ?? c.none;

/** One input value in words: a figure with its unit, a list of energy carriers or flow steps, a coded choice. */
function inputValue(key: string, value: unknown, names: CalculatorNames): string {
  if (typeof value === "boolean") return value ? c.yes : c.no;
  if (typeof value === "number") {
    if (key === "presentGrade" || key === "targetGrade") return c.grade(num(value));
    if (key === "poles") return c.poles(num(value));
    return num(value);
  }
  if (typeof value === "string") {
    if (key === "product") return names.product(value) ?? value;
    if (key === "gridFactorId") return names.gridFactor(value) ?? value;
    return c.values[value] ?? value;
  }
  if (Array.isArray(value)) return value.map((item) => inputValue(key, item, names)).join("；");
  if (!isObj(value)) return "";
  if ("flowPercent" in value)
    return c.profileLine(
      num(value.flowPercent),
      num(value.hours),
      value.presentInputKw === undefined ? undefined : num(value.presentInputKw),
    );
  if ("carrier" in value) {
    const amount = value.amount === undefined ? "" : ` ${num(value.amount)} ${unitText(value.unit)}`;
    return `${String(value.carrier)}${amount}`.trim();
  }
  if ("value" in value) return `${num(value.value)} ${unitText(value.unit)}`.trim();
  return Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${fieldLabel(k)} ${inputValue(k, v, names)}`)
    .join("，");
}

/** The figures the person (or the reader of their question) gave, one row each. */
export function inputRows(input: unknown, names: CalculatorNames = NO_NAMES): Row[] {
  if (!isObj(input)) return [];
  return Object.entries(input)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => [fieldLabel(key), inputValue(key, value, names)]);
}

const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (isObj(v) ? v[key] : undefined), o);
const figure = (value: unknown, unit = "") =>
  typeof value === "number" ? `${num(value)}${unit ? ` ${unit}` : ""}` : null;
const percent = (value: unknown) => (typeof value === "number" ? `${num(value)}%` : null);

/** Each calculator's main results, in the order the widget's card shows them. */
const RESULTS: Record<string, (o: Obj) => Array<[string, string | null]>> = {
  benchmark_gap: (o) => {
    const unit = unitText(o.unit);
    const gap = o.gapToBenchmark as number | undefined;
    const sign = typeof gap === "number" && gap > 0 ? "+" : "";
    const target = at(o, "cityTarget") as Obj | null | undefined;
    return [
      [r.product, (at(o, "product", "name") as string | undefined) ?? null],
      [r.unitConsumption, figure(o.unitConsumption, unit)],
      [r.benchmark, figure(o.benchmark, unit)],
      [r.baseline, figure(o.baseline, unit) ?? r.baselineUnknown],
      target ? [r.cityTarget(Number(target.year)), figure(target.value, unit)] : ["", null],
      [
        r.gapToBenchmark,
        typeof gap === "number"
          ? `${sign}${num(gap)} ${unit}（${sign}${num(o.gapToBenchmarkPercent)}%）`
          : null,
      ],
      [r.status, typeof o.statusLabel === "string" ? o.statusLabel : null],
      [r.annualSaving, figure(o.annualSavingTce, r.tce)],
      [r.co2Saving, figure(o.co2SavingT, r.tonnes)],
    ];
  },
  benchmark_lookup: (o) =>
    ((o.entries as Obj[] | undefined) ?? []).map((entry) => {
      const unit = unitText(entry.unit);
      const baseline = figure(at(entry, "baseline", "value")) ?? r.baselineUnknown;
      const line = r.lookupLine(figure(at(entry, "benchmark", "value")) ?? "—", baseline, unit);
      return [String(at(entry, "product", "name") ?? r.product), line];
    }),
  energy_convert: (o) => [
    [r.standardCoal, figure(at(o, "standardCoal", "totalTce"), r.tce)],
    [o.saved ? r.co2Saved : r.co2, figure(at(o, "co2", "totalCo2T"), r.tonnes)],
  ],
  motor_upgrade: (o) => [
    [r.presentEfficiency, percent(o.presentEfficiencyPercent)],
    [r.targetEfficiency, percent(o.targetEfficiencyPercent)],
    [r.count, figure(o.count)],
    ...savings(o),
  ],
  vsd_savings: (o) => [
    [r.presentKwh, figure(o.presentAnnualKwh, r.kwh)],
    [r.vsdKwh, figure(o.vsdAnnualKwh, r.kwh)],
    [r.savingPercent, percent(o.savingPercent)],
    [r.count, figure(o.count)],
    ...savings(o),
  ],
  intensity_target: (o) => {
    const unit = unitText(o.unit);
    return [
      [r.baseIntensity, figure(o.baseIntensity, unit)],
      [r.targetIntensity(Number(o.targetYear)), figure(o.targetIntensity, unit)],
      typeof o.currentYear === "number"
        ? [r.currentIntensity(o.currentYear), figure(o.currentIntensity, unit)]
        : ["", null],
      [r.reduction, percent(o.reductionPercent)],
      [r.progress, typeof o.statusLabel === "string" ? o.statusLabel : null],
      [r.requiredAnnual, percent(o.requiredAnnualReductionPercent)],
    ];
  },
};

function savings(o: Obj): Array<[string, string | null]> {
  return [
    [r.annualKwh, figure(o.annualKwh, r.kwh)],
    [r.annualTce, figure(o.annualTce, r.tce)],
    [r.annualCo2, figure(o.annualCo2T, r.tonnes)],
    [r.annualMoney, figure(o.annualMoneyWanYuan, r.wanYuan)],
    [r.payback, figure(o.paybackYears, r.years)],
  ];
}

export function outputRows(name: string, output: unknown): Row[] {
  if (!isObj(output)) return [];
  return (RESULTS[name]?.(output) ?? []).filter((row): row is Row => row[1] !== null && row[0] !== "");
}

/** A refusal names the fields it is about by their code (参数“energy”…): staff read their names. */
export function errorText(error: string): string {
  return error.replace(/参数“([A-Za-z_.0-9]+)”/g, (whole, path: string) => {
    const key =
      path
        .split(".")
        .filter((part) => !/^\d+$/.test(part))
        .pop() ?? "";
    return c.fields[key] ? `参数“${c.fields[key]}”` : whole;
  });
}

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

function table(caption: string, rows: Row[], testid: string): Html {
  return html`<table class="calc" data-testid="${testid}"><caption>${caption}</caption><tbody>${rows.map(
    ([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`,
  )}</tbody></table>`;
}

/** A calculator run as staff read it: what was given and what came out as two small tables, then how. */
export function toolRunView(
  run: RunView,
  names: CalculatorNames = NO_NAMES,
  level: "h3" | "h4" = "h4",
): Html {
  const heading = toolLabel(run.name);
  const given = inputRows(run.input, names);
  const results = run.error ? [] : outputRows(run.name, run.output);
  const output = isObj(run.output) ? run.output : {};
  const formula = strings(output.formula ?? at(output, "standardCoal", "formula"));
  const notes = strings(output.notes);
  return html`<section class="tool" data-testid="tool-run" data-tool="${run.name}">
<${level}>${heading}${run.error ? html` <span class="status status-bad">${c.error}</span>` : null}</${level}>
<div class="tool-io">${given.length ? table(c.input, given, "tool-input") : html`<p class="muted">${c.input}：${c.none}</p>`}
${run.error ? html`<p class="error" data-testid="tool-error">${errorText(run.error)}</p>` : results.length ? table(c.output, results, "tool-output") : null}</div>
${formula.length ? html`<details class="formula"><summary>${c.formula}</summary><ol>${formula.map((line) => html`<li>${line}</li>`)}</ol></details>` : null}
${notes.length ? html`<details class="formula"><summary>${c.notes}</summary><ul>${notes.map((line) => html`<li>${line}</li>`)}</ul></details>` : null}
</section>`;
}
