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

/** The catalogue's products under their industry (钢铁, 建材, 化工 …), industries in the catalogue's order. */
export function byIndustry(products: readonly Product[]): Array<[string, Product[]]> {
  const groups = new Map<string, Product[]>();
  for (const p of products) {
    const industry = p.industry || text.calc.otherIndustry;
    groups.set(industry, [...(groups.get(industry) ?? []), p]);
  }
  return [...groups];
}

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
  const productField = h("div", {}, h("label", { for: product.id }, t.product), product);
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
  const outputField = h("div", {}, outputLabel, h("div", { class: "pair" }, output, outputUnit));
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
  const error = h("p", {
    id: `${id}-error`,
    class: "error",
    role: "alert",
    testid: "calc-error",
    hidden: true,
  });
  const submit = h("button", { type: "submit", class: "btn", testid: "calc-submit" }, t.submit);
  const form = h(
    "form",
    { class: "calc", testid: "calc-form", novalidate: true },
    h("h3", { class: "view-title" }, t.heading),
    h("p", { class: "note" }, t.intro),
    productField,
    basisField,
    h(
      "fieldset",
      {},
      h("legend", {}, t.mode),
      radio("uc", t.modeUc, true),
      radio("energy", t.modeEnergy, false),
    ),
    ucField,
    outputField,
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
    basisField.hidden = !chosen()?.basis;
  };
  form.addEventListener("change", sync);

  const chosen = () => products.find((p) => p.id === product.value);
  const energyUsed = () =>
    rows
      .map((r) => ({ carrier: r.carrier.value, amount: positive(r.amount), unit: r.unit.value }))
      .filter((e): e is { carrier: string; amount: number; unit: string } =>
        Boolean(e.carrier && e.unit && e.amount !== null),
      );

  /**
   * The error on show, the control it is about, and whether it still holds after an edit (of `target`).
   * It goes as soon as it no longer holds: never a "请选择产品" beside a chosen product.
   */
  let shown: { control: HTMLElement | null; holds(target: EventTarget | null): boolean } | null = null;
  const clear = () => {
    shown?.control?.removeAttribute("aria-invalid");
    shown?.control?.removeAttribute("aria-describedby");
    shown = null;
    error.hidden = true;
    error.textContent = "";
  };
  const fail = (
    message: string,
    control: HTMLElement | null,
    holds: (target: EventTarget | null) => boolean,
  ): null => {
    clear();
    error.textContent = message;
    error.hidden = false;
    control?.setAttribute("aria-invalid", "true");
    control?.setAttribute("aria-describedby", error.id);
    control?.focus();
    shown = { control, holds };
    return null;
  };
  for (const type of ["input", "change"])
    form.addEventListener(type, (event) => {
      if (shown && !shown.holds(event.target)) clear();
    });

  /** The field a refusal of the service names ("energy.1.unit" → the energy rows), with the area that corrects it. */
  const areas: Record<string, [HTMLElement, HTMLElement]> = {
    product: [product, productField],
    basis: [basis, basisField],
    unitConsumption: [uc, ucField],
    output: [output, outputField],
    energy: [rows[0]!.carrier, energyField],
  };
  /** The service's refusal holds until the field it names (any field, when it names none) is edited. */
  const refused = (message: string, fields: Record<string, string>) => {
    const area = Object.keys(fields)
      .map((field) => areas[field.split(".")[0]!])
      .find(Boolean);
    fail(message, area?.[0] ?? null, (target) => Boolean(area && !area[1].contains(target as Node)));
  };

  const build = (): { input: BenchmarkGapRequest; question: string } | null => {
    const picked = chosen();
    if (!picked) return fail(t.needProduct, product, () => !chosen());
    const input: BenchmarkGapRequest = { product: picked.id };
    if (picked.basis) input.basis = basis.value as BenchmarkGapRequest["basis"];
    const out = positive(output);
    if (out !== null) input.output = { value: out, unit: outputUnit.value };
    if (mode() === "uc") {
      const value = positive(uc);
      if (value === null) return fail(t.needUc, uc, () => mode() === "uc" && positive(uc) === null);
      input.unitConsumption = value;
      return { input, question: t.question(picked.name, t.ucDetail(String(value))) };
    }
    if (out === null)
      return fail(t.needOutput, output, () => mode() === "energy" && positive(output) === null);
    const energy = energyUsed();
    if (!energy.length)
      return fail(t.needEnergy, rows[0]!.carrier, () => mode() === "energy" && !energyUsed().length);
    input.energy = energy;
    const parts = energy.map((e) => `${e.carrier}${e.amount}${e.unit}`).join("、");
    return { input, question: t.question(picked.name, t.energyDetail(`${out}${outputUnit.value}`, parts)) };
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clear();
    const request = build();
    if (!request) return;
    submit.disabled = true;
    submit.textContent = t.submitting;
    emit(form, "tdf:calc", {
      ...request,
      done: (message, fields = {}) => {
        submit.disabled = false;
        submit.textContent = t.submit;
        if (message) refused(message, fields);
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
        ...byIndustry(list).map(([industry, members]) =>
          h("optgroup", { label: industry }, ...members.map((p) => h("option", { value: p.id }, p.name))),
        ),
      );
      sync();
    });
  };
  return { el: form, load };
}
