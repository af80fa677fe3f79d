// Progressive enhancement only: every page works without this file.
/* global document, window, HTMLFormElement, HTMLTextAreaElement, Element */
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
// On the reviewed-answer form: a click on a clause in the list adds its id to the cited units.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest(".unit-pick") : null;
  const field = document.getElementById("unit-ids");
  if (!button || !(field instanceof HTMLTextAreaElement)) return;
  const id = button.getAttribute("data-unit-id");
  const ids = field.value.split(/\s+/).filter(Boolean);
  if (id && !ids.includes(id)) field.value = [...ids, id].join("\n");
  field.focus();
});
