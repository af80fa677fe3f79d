import { h } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";

export interface Composer {
  el: HTMLFormElement;
  input: HTMLTextAreaElement;
  setBusy(busy: boolean): void;
}

const MAX_LENGTH = 1000;

/** The question box: Enter sends (not while an input method is composing), Shift+Enter breaks the line. */
export function createComposer(id: string): Composer {
  const input = h("textarea", {
    id: `${id}-input`,
    testid: "input",
    rows: 1,
    maxlength: MAX_LENGTH,
    placeholder: text.placeholder,
    autocomplete: "off",
  });
  const send = h("button", { type: "submit", class: "btn", testid: "send" }, text.send);
  const el = h(
    "form",
    { class: "composer", testid: "composer" },
    h("label", { class: "sr-only", for: input.id }, text.inputLabel),
    input,
    send,
  );
  let busy = false;
  const submit = () => {
    const question = input.value.trim();
    if (!question || busy) return;
    input.value = "";
    emit(el, "tdf:ask", { text: question });
  };
  el.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  return {
    el,
    input,
    setBusy(value) {
      busy = value;
      send.disabled = value;
    },
  };
}
