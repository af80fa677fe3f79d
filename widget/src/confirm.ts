import { h } from "./dom.js";
import { emit, type WidgetEvents } from "./events.js";

export interface ConfirmBar {
  el: HTMLElement;
  /** Shows the question and puts the focus on 取消, the choice that loses nothing. */
  show(): void;
  hide(): void;
}

/** A question asked inside the panel (not window.confirm, which blocks the page and ignores large text). */
export function createConfirm(
  t: { question: string; yes: string; no: string },
  onYes: keyof WidgetEvents & "tdf:restart-confirmed",
  onNo: () => void,
): ConfirmBar {
  const id = "tdf-confirm-q";
  const yes = h("button", { type: "button", class: "btn", testid: "confirm-yes" }, t.yes);
  const no = h("button", { type: "button", class: "btn ghost", testid: "confirm-no" }, t.no);
  const el = h(
    "div",
    { class: "confirm", role: "group", "aria-labelledby": id, testid: "confirm", hidden: true },
    h("p", { id }, t.question),
    h("div", { class: "quick" }, yes, no),
  );
  const hide = () => {
    el.hidden = true;
  };
  yes.addEventListener("click", () => emit(yes, onYes, undefined));
  no.addEventListener("click", () => {
    hide();
    onNo();
  });
  el.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    hide();
    onNo();
  });
  return {
    el,
    show() {
      el.hidden = false;
      no.focus();
    },
    hide,
  };
}
