import type { Contact } from "./config.js";
import { h, type Child } from "./dom.js";
import { emit } from "./events.js";
import { safeHref } from "./markdown.js";
import { text } from "./text.js";

/** 联系经信局 / 人工服务: the bureau's contact details from the embedding page's configuration. */
export function createContact(contact: Contact): HTMLElement {
  const t = text.contact;
  const phone = contact.phone?.trim();
  const dial = phone?.replace(/[^\d+-]/g, "");
  const email = contact.email?.trim();
  const url = contact.url ? safeHref(contact.url.trim()) : null;
  const rows: Array<[string, Child]> = [
    [t.name, contact.name],
    [t.phone, phone && dial ? h("a", { href: `tel:${dial}` }, phone) : null],
    [t.address, contact.address],
    [t.hours, contact.hours],
    [
      t.email,
      email && /^[^\s@<>]+@[^\s@<>]+$/.test(email) ? h("a", { href: `mailto:${email}` }, email) : null,
    ],
    [t.website, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url) : null],
  ];
  const shown = rows.filter(([, value]) => value);
  const back = h("button", { type: "button", class: "btn ghost", testid: "contact-back" }, t.back);
  back.addEventListener("click", () => emit(back, "tdf:view", { view: "chat" }));
  return h(
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
    back,
  );
}
