import type { Contact } from "./config.js";
import { h, type Child } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";

export interface ContactView {
  el: HTMLElement;
  /** Fills in the form's question (unless the person has typed one) and puts the cursor in the contact field. */
  prefill(question: string): void;
}

/** 联系经信局 / 人工服务: the bureau's contact details from the embedding page's configuration. */
export function createContact(contact: Contact): ContactView {
  const t = text.contact;
  const { phone, tel, email, url } = contact;
  const rows: Array<[string, Child]> = [
    [t.name, contact.name],
    [t.phone, phone && tel ? h("a", { href: `tel:${tel}` }, phone) : phone],
    [t.address, contact.address],
    [t.hours, contact.hours],
    [t.email, email ? h("a", { href: `mailto:${email}` }, email) : null],
    [t.website, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url) : null],
  ];
  const shown = rows.filter(([, value]) => value);
  const back = h("button", { type: "button", class: "btn ghost", testid: "contact-back" }, t.back);
  const form = createHandoffForm();
  back.addEventListener("click", () => emit(back, "tdf:view", { view: "chat" }));
  const el = h(
    "div",
    { testid: "contact" },
    h("h3", { class: "view-title" }, t.heading),
    shown.length
      ? h(
          "div",
          {},
          h("p", {}, t.intro),
          h("dl", {}, ...shown.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)])),
        )
      : h("p", {}, t.none),
    form,
    back,
  );
  const field = (name: string) =>
    form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  return {
    el,
    prefill(question) {
      const asked = field("question");
      if (!asked.value.trim()) asked.value = question;
      field("contact").focus();
    },
  };
}

/** A question left for bureau staff (POST /api/handoff through the controller); shows the reference number. */
function createHandoffForm(): HTMLFormElement {
  const t = text.contact;
  const question = h("textarea", {
    id: "tdf-handoff-q",
    name: "question",
    rows: 3,
    maxlength: 1000,
    required: true,
    testid: "handoff-question",
  });
  const contact = h("input", {
    id: "tdf-handoff-c",
    name: "contact",
    type: "text",
    maxlength: 100,
    autocomplete: "tel",
    testid: "handoff-contact",
  });
  const status = h("p", { role: "status", "aria-live": "polite", testid: "handoff-status" });
  const submit = h("button", { type: "submit", class: "btn primary", testid: "handoff-submit" }, t.submit);
  const form = h(
    "form",
    { class: "handoff", testid: "handoff-form", novalidate: true },
    h("h4", {}, t.formHeading),
    h("label", { for: "tdf-handoff-q" }, t.question),
    question,
    h("label", { for: "tdf-handoff-c" }, t.contact),
    contact,
    submit,
    status,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const asked = question.value.trim();
    if (!asked) {
      status.textContent = t.needQuestion;
      question.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t.submitting;
    emit(form, "tdf:handoff", {
      question: asked,
      contact: contact.value.trim() || undefined,
      done: (result) => {
        submit.disabled = false;
        submit.textContent = t.submit;
        if ("reference" in result) {
          status.textContent = t.received(result.reference);
          question.value = "";
        } else {
          status.textContent = result.error;
        }
      },
    });
  });
  return form;
}
