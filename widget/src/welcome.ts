import type { WidgetConfig } from "./config.js";
import { h } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";

/** The first screen: the greeting, suggested questions for each kind of visitor, the two shortcuts. */
export function createWelcome(config: WidgetConfig): HTMLElement {
  const groups = config.groups.map((group) =>
    h(
      "div",
      { class: "group", role: "group", "aria-label": `${group.label}${text.suggestionsHeading}` },
      h("h3", {}, group.label),
      ...group.questions.map((question) => {
        const button = h("button", { type: "button", class: "sugg", testid: "suggestion" }, question);
        button.addEventListener("click", () => emit(button, "tdf:ask", { text: question }));
        return button;
      }),
    ),
  );
  const calc = h("button", { type: "button", class: "btn", testid: "open-calc" }, text.quickCalc);
  const contact = h(
    "button",
    { type: "button", class: "btn ghost", testid: "open-contact" },
    text.contactButton,
  );
  calc.addEventListener("click", () => emit(calc, "tdf:view", { view: "calc" }));
  contact.addEventListener("click", () => emit(contact, "tdf:view", { view: "contact" }));
  return h(
    "div",
    { class: "welcome msg bot", testid: "welcome" },
    h("p", {}, config.greeting),
    h("p", { class: "note" }, text.suggestionsHeading),
    ...groups,
    h("div", { class: "quick" }, calc, contact),
  );
}
