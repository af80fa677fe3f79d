import { h } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";

/**
 * 查询办理进度: the reference number and its proof (the phone's last four digits, the e-mail address
 * or the lookup code) → the request's status and staff's reply (POST /api/handoff/lookup).
 */
export function createLookupForm(): { form: HTMLFormElement; prefill(reference: string): void } {
  const t = text.lookup;
  const reference = h("input", {
    id: "tdf-lookup-r",
    name: "reference",
    type: "text",
    maxlength: 40,
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t.referencePlaceholder,
    testid: "lookup-reference",
  });
  const check = h("input", {
    id: "tdf-lookup-c",
    name: "check",
    type: "text",
    maxlength: 254,
    autocomplete: "off",
    "aria-describedby": "tdf-lookup-c-hint",
    testid: "lookup-check",
  });
  const result = h("div", { role: "status", "aria-live": "polite", testid: "lookup-result" });
  const submit = h("button", { type: "submit", class: "btn ghost", testid: "lookup-submit" }, t.submit);
  const form = h(
    "form",
    { class: "handoff lookup", testid: "lookup-form", novalidate: true },
    h("h4", {}, t.heading),
    h("label", { for: "tdf-lookup-r" }, t.reference),
    reference,
    h("label", { for: "tdf-lookup-c" }, t.check),
    check,
    h("p", { class: "note", id: "tdf-lookup-c-hint" }, t.checkHint),
    submit,
    result,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!reference.value.trim() || !check.value.trim()) {
      result.replaceChildren(h("p", { class: "error", testid: "lookup-error" }, t.needBoth));
      (reference.value.trim() ? check : reference).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t.submitting;
    emit(form, "tdf:handoff-lookup", {
      reference: reference.value.trim(),
      check: check.value.trim(),
      done: (found) => {
        submit.disabled = false;
        submit.textContent = t.submit;
        if ("error" in found) {
          result.replaceChildren(h("p", { class: "error", testid: "lookup-error" }, found.error));
          return;
        }
        result.replaceChildren(
          h(
            "dl",
            { class: "progress-card", testid: "lookup-found" },
            h("dt", {}, t.referenceShort),
            h("dd", {}, found.reference),
            h("dt", {}, t.status),
            h("dd", { testid: "lookup-status" }, found.statusLabel),
            h("dt", {}, t.reply),
            h("dd", { class: "pre", testid: "lookup-reply" }, found.reply ?? t.noReply),
          ),
        );
      },
    });
  });
  return {
    form,
    prefill(value) {
      reference.value = value;
    },
  };
}
