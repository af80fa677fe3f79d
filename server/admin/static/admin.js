// Progressive enhancement only: every page works without this file.
/* global document, window, HTMLFormElement, HTMLTextAreaElement, Element */
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
// On the reviewed-answer form: a click anywhere on a clause's row adds its id to the cited units, or,
// when it is already cited, takes it out; the row says which (aria-pressed) and a status line reads it out.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest(".unit-pick") : null;
  const field = document.getElementById("unit-ids");
  if (!button || !(field instanceof HTMLTextAreaElement)) return;
  const id = button.getAttribute("data-unit-id");
  if (!id) return;
  const ids = field.value.split(/[\s,，、;；]+/).filter(Boolean);
  const added = !ids.includes(id);
  const next = added ? [...ids, id] : ids.filter((other) => other !== id);
  field.value = next.join("\n");
  button.setAttribute("aria-pressed", String(added));
  const status = document.getElementById("unit-status");
  const template = status && status.getAttribute(added ? "data-added" : "data-removed");
  if (status && template)
    status.textContent = template.replace("{id}", id).replace("{n}", String(next.length));
});
