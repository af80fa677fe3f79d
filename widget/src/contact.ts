import type { Contact } from "./config.js";
import { h, type Child } from "./dom.js";
import { emit, type HandoffWay } from "./events.js";
import { createLookupForm } from "./lookup.js";
import { text } from "./text.js";

export interface ContactView {
  el: HTMLElement;
  /** Fills in the form's question (unless the person has typed one) and puts the cursor where to go on. */
  prefill(question: string, withConversation: boolean): void;
  /** Whether the request will carry the conversation (shown to the person). */
  setConversation(present: boolean): void;
}

/** 联系经信局 / 人工服务: the bureau's contact details, a question for staff, and 查询办理进度. */
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
  const lookup = createLookupForm();
  const handoff = createHandoffForm((reference) => lookup.prefill(reference));
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
    handoff.form,
    lookup.form,
    back,
  );
  return {
    el,
    prefill(question, withConversation) {
      handoff.setConversation(withConversation);
      const asked = handoff.field("question");
      if (!asked.value.trim()) asked.value = question;
      handoff.focusContact();
    },
    setConversation: (present) => handoff.setConversation(present),
  };
}

const WAYS: HandoffWay[] = ["phone", "email", "lookup"];

/**
 * A question left for bureau staff (POST /api/handoff through the controller) with the way to answer
 * it: a phone number, an e-mail address, or none (the person keeps a lookup code). On success it shows
 * the reference number (and the code) and how to look the reply up.
 */
function createHandoffForm(onReceived: (reference: string) => void) {
  const t = text.contact;
  const question = h("textarea", {
    id: "tdf-handoff-q",
    name: "question",
    rows: 3,
    maxlength: 1000,
    required: true,
    "aria-describedby": "tdf-handoff-q-err",
    testid: "handoff-question",
  });
  const questionError = h("p", {
    id: "tdf-handoff-q-err",
    class: "field-error",
    testid: "handoff-question-error",
  });
  const radios = WAYS.map((way) =>
    h("input", {
      type: "radio",
      name: "way",
      value: way,
      id: `tdf-handoff-way-${way}`,
      checked: way === "phone",
      testid: `handoff-way-${way}`,
    }),
  );
  const ways = h(
    "fieldset",
    { class: "ways" },
    h("legend", {}, t.wayLegend),
    ...WAYS.map((way, i) => h("label", { for: `tdf-handoff-way-${way}` }, radios[i], t.ways[way])),
  );
  const contactLabel = h("label", { for: "tdf-handoff-c", testid: "handoff-contact-label" }, t.phoneLabel);
  const contact = h("input", {
    id: "tdf-handoff-c",
    name: "contact",
    type: "tel",
    maxlength: 100,
    autocomplete: "tel",
    "aria-describedby": "tdf-handoff-c-err",
    testid: "handoff-contact",
  });
  const contactError = h("p", {
    id: "tdf-handoff-c-err",
    class: "field-error",
    testid: "handoff-contact-error",
  });
  const contactRow = h("div", { class: "field" }, contactLabel, contact, contactError);
  const lookupNote = h("p", { class: "note", testid: "handoff-lookup-note", hidden: true }, t.lookupNote);
  const conversationNote = h(
    "p",
    { class: "note", testid: "handoff-conversation", hidden: true },
    t.withConversation,
  );
  const status = h("div", { role: "status", "aria-live": "polite", testid: "handoff-status" });
  const submit = h("button", { type: "submit", class: "btn primary", testid: "handoff-submit" }, t.submit);
  const form = h(
    "form",
    { class: "handoff", testid: "handoff-form", novalidate: true },
    h("h4", {}, t.formHeading),
    h("label", { for: "tdf-handoff-q" }, t.question),
    question,
    questionError,
    ways,
    contactRow,
    lookupNote,
    conversationNote,
    submit,
    status,
  );
  const way = (): HandoffWay => (radios.find((r) => r.checked)?.value as HandoffWay | undefined) ?? "phone";
  const setError = (input: HTMLElement, error: HTMLElement, message: string) => {
    error.textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  const clearErrors = () => {
    setError(question, questionError, "");
    setError(contact, contactError, "");
  };
  const showWay = () => {
    const chosen = way();
    contactRow.hidden = chosen === "lookup";
    lookupNote.hidden = chosen !== "lookup";
    if (chosen === "lookup") return;
    contactLabel.textContent = chosen === "phone" ? t.phoneLabel : t.emailLabel;
    contact.type = chosen === "phone" ? "tel" : "email";
    contact.autocomplete = chosen === "phone" ? "tel" : "email";
    contact.inputMode = chosen === "phone" ? "tel" : "email";
    setError(contact, contactError, "");
  };
  radios.forEach((radio) => radio.addEventListener("change", showWay));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const asked = question.value.trim();
    const chosen = way();
    const given = contact.value.trim();
    if (!asked) {
      setError(question, questionError, t.needQuestion);
      question.focus();
      return;
    }
    if (chosen !== "lookup" && !given) {
      setError(contact, contactError, chosen === "phone" ? t.needPhone : t.needEmail);
      contact.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t.submitting;
    status.replaceChildren();
    emit(form, "tdf:handoff", {
      question: asked,
      ...(chosen === "phone"
        ? { phone: given }
        : chosen === "email"
          ? { email: given }
          : { lookupOnly: true }),
      done: (result) => {
        submit.disabled = false;
        submit.textContent = t.submit;
        if ("reference" in result) {
          status.replaceChildren(receipt(result.reference, chosen, result.lookupCode));
          question.value = "";
          onReceived(result.reference);
          return;
        }
        // A field the service refused is marked beside it; anything else is said under the button.
        const problems = result.fields ?? {};
        if (problems.question) setError(question, questionError, `${t.fields.question}${problems.question}`);
        const contactProblem = problems.phone ?? problems.email ?? problems.contact ?? problems.lookupOnly;
        if (contactProblem) {
          const label = problems.phone ? t.fields.phone : problems.email ? t.fields.email : "";
          setError(contact, contactError, `${label}${contactProblem}`);
        }
        if (problems.question) question.focus();
        else if (contactProblem && !contactRow.hidden) contact.focus();
        else status.replaceChildren(h("p", { class: "error", testid: "handoff-error" }, result.error));
      },
    });
  });
  const field = (name: string) =>
    form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  return {
    form,
    field,
    focusContact: () => (contactRow.hidden ? submit : contact).focus(),
    setConversation: (present: boolean) => {
      conversationNote.hidden = !present;
    },
  };
}

/** What the person keeps: the reference number, the lookup code if they left no contact, how to look. */
function receipt(reference: string, way: HandoffWay, lookupCode?: string): HTMLElement {
  const t = text.contact;
  return h(
    "div",
    { class: "receipt", testid: "handoff-receipt" },
    h("p", {}, t.received, h("strong", { testid: "handoff-reference" }, reference)),
    lookupCode
      ? h("p", {}, t.lookupCodeIs, h("strong", { testid: "handoff-lookup-code" }, lookupCode), t.keepCode)
      : null,
    h("p", {}, t.howToLook[way]),
  );
}
