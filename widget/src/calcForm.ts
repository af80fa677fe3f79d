import { h, uid } from "./dom.js";
import { emit, type BenchmarkGapRequest } from "./events.js";
import { carriers, outputUnits, text } from "./text.js";
import type { Product } from "./types.js";

const ENERGY_ROWS = 3;
const t = text.calc;

function select(
  attrs: Record<string, string>,
  options: ReadonlyArray<readonly [string, string]>,
): HTMLSelectElement {
  return h("select", attrs, ...options.map(([value, label]) => h("option", { value }, label)));
}

const positive = (input: HTMLInputElement) => {
  const value = Number(input.value);
  return input.value.trim() !== "" && Number.isFinite(value) && value > 0 ? value : null;
};

/**
 * 算一算我的能效差距: product (from GET /api/benchmarks), then either the unit consumption or the
 * output and the energy used. Sends tdf:calc; the controller calls POST /api/tools/benchmark-gap.
 */
export function createCalcForm(loadProducts: () => Promise<Product[] | null>): {
  el: HTMLElement;
  load(): void;
} {
  const id = uid("calc");
  const product = select({ id: `${id}-product`, testid: "calc-product", required: "" }, [["", t.loading]]);
  const basis = select({ id: `${id}-basis`, testid: "calc-basis" }, [
    ["including_feedstock", t.basisIncluding],
    ["excluding_feedstock", t.basisExcluding],
  ]);
  const basisField = h("div", { hidden: true }, h("label", { for: basis.id }, t.basis), basis);
  const radio = (value: string, label: string, checked: boolean) =>
    h(
      "label",
      {},
      h("input", { type: "radio", name: `${id}-mode`, value, checked, testid: `calc-mode-${value}` }),
      label,
    );
  const uc = h("input", {
    id: `${id}-uc`,
    type: "number",
    inputmode: "decimal",
    min: 0,
    step: "any",
    testid: "calc-uc",
  });
  const ucField = h("div", {}, h("label", { for: uc.id }, t.uc), uc);
  const output = h("input", {
    id: `${id}-output`,
    type: "number",
    inputmode: "decimal",
    min: 0,
    step: "any",
    testid: "calc-output",
  });
  const outputUnit = select(
    { id: `${id}-output-unit`, testid: "calc-output-unit", "aria-label": `${t.output}${t.unit}` },
    outputUnits.map((u) => [u, u] as const),
  );
  const outputLabel = h("label", { for: output.id }, t.outputOptional);
  const rows = Array.from({ length: ENERGY_ROWS }, (_, i) => {
    const carrier = select({ id: `${id}-carrier-${i}`, testid: "calc-carrier" }, [
      ["", "—"],
      ...carriers.map((c) => [c.name, c.name] as const),
    ]);
    const amount = h("input", {
      id: `${id}-amount-${i}`,
      type: "number",
      inputmode: "decimal",
      min: 0,
      step: "any",
      testid: "calc-amount",
    });
    const unit = select({ id: `${id}-unit-${i}`, testid: "calc-unit" }, [["", "—"]]);
    carrier.addEventListener("change", () => {
      const units = carriers.find((c) => c.name === carrier.value)?.units ?? [];
      unit.replaceChildren(
        ...(units.length ? units : ["—"]).map((u) => h("option", { value: units.length ? u : "" }, u)),
      );
    });
    const labelled = (control: HTMLElement, label: string) =>
      h(
        "div",
        {},
        h("label", { for: control.id, class: i ? "sr-only" : "" }, `${label}${i ? ` ${i + 1}` : ""}`),
        control,
      );
    return {
      carrier,
      amount,
      unit,
      el: h(
        "div",
        { class: "row" },
        labelled(carrier, t.carrier),
        labelled(amount, t.amount),
        labelled(unit, t.unit),
      ),
    };
  });
  const energyField = h(
    "fieldset",
    { hidden: true, testid: "calc-energy" },
    h("legend", {}, t.energy),
    ...rows.map((r) => r.el),
  );
  const error = h("p", { class: "error", role: "alert", testid: "calc-error", hidden: true });
  const submit = h("button", { type: "submit", class: "btn", testid: "calc-submit" }, t.submit);
  const form = h(
    "form",
    { class: "calc", testid: "calc-form", novalidate: true },
    h("h3", { class: "view-title" }, t.heading),
    h("p", { class: "note" }, t.intro),
    h("label", { for: product.id }, t.product),
    product,
    basisField,
    h(
      "fieldset",
      {},
      h("legend", {}, t.mode),
      radio("uc", t.modeUc, true),
      radio("energy", t.modeEnergy, false),
    ),
    ucField,
    h("div", {}, outputLabel, h("div", { class: "pair" }, output, outputUnit)),
    energyField,
    error,
    submit,
  );

  let products: Product[] = [];
  const mode = () =>
    form.querySelector<HTMLInputElement>(`input[name="${id}-mode"]:checked`)?.value === "energy"
      ? "energy"
      : "uc";
  const sync = () => {
    const energy = mode() === "energy";
    ucField.hidden = energy;
    energyField.hidden = !energy;
    outputLabel.textContent = energy ? t.output : t.outputOptional;
    basisField.hidden = !products.find((p) => p.id === product.value)?.basis;
  };
  form.addEventListener("change", sync);

  const fail = (message: string, focus?: HTMLElement): null => {
    error.textContent = message;
    error.hidden = false;
    focus?.focus();
    return null;
  };

  const build = (): { input: BenchmarkGapRequest; question: string } | null => {
    const chosen = products.find((p) => p.id === product.value);
    if (!chosen) return fail(t.needProduct, product);
    const input: BenchmarkGapRequest = { product: chosen.id };
    if (chosen.basis) input.basis = basis.value as BenchmarkGapRequest["basis"];
    const out = positive(output);
    if (out !== null) input.output = { value: out, unit: outputUnit.value };
    if (mode() === "uc") {
      const value = positive(uc);
      if (value === null) return fail(t.needUc, uc);
      input.unitConsumption = value;
      return { input, question: t.question(chosen.name, t.ucDetail(String(value))) };
    }
    if (out === null) return fail(t.needOutput, output);
    const energy = rows
      .map((r) => ({ carrier: r.carrier.value, amount: positive(r.amount), unit: r.unit.value }))
      .filter((e): e is { carrier: string; amount: number; unit: string } =>
        Boolean(e.carrier && e.unit && e.amount !== null),
      );
    if (!energy.length) return fail(t.needEnergy, rows[0]!.carrier);
    input.energy = energy;
    const parts = energy.map((e) => `${e.carrier}${e.amount}${e.unit}`).join("、");
    return { input, question: t.question(chosen.name, t.energyDetail(`${out}${outputUnit.value}`, parts)) };
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    const request = build();
    if (!request) return;
    submit.disabled = true;
    submit.textContent = t.submitting;
    emit(form, "tdf:calc", {
      ...request,
      done: (message) => {
        submit.disabled = false;
        submit.textContent = t.submit;
        if (message) fail(message);
      },
    });
  });

  let loading: Promise<void> | null = null;
  const load = () => {
    loading ??= loadProducts().then((list) => {
      if (!list) {
        loading = null;
        product.replaceChildren(h("option", { value: "" }, t.loadFailed));
        return;
      }
      products = list;
      product.replaceChildren(
        h("option", { value: "" }, t.chooseProduct),
        ...list.map((p) => h("option", { value: p.id }, p.name)),
      );
      sync();
    });
  };
  return { el: form, load };
}
