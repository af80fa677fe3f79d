import type { WidgetConfig } from "./config.js";
import { h } from "./dom.js";
import { emit, type View } from "./events.js";
import { text } from "./text.js";

export interface Panel {
  el: HTMLElement;
  views: Record<View, HTMLElement>;
  show(view: View): void;
  setLarge(on: boolean): void;
}

/** The dialog: a header (title, 大字, 新对话, 关闭), the three-way navigation and one view at a time. */
export function createPanel(config: WidgetConfig, id: string): Panel {
  const titleId = `${id}-title`;
  const large = h(
    "button",
    {
      type: "button",
      testid: "large-text",
      "aria-pressed": "false",
      "aria-label": text.largeTextLabel,
      title: text.largeTextLabel,
    },
    text.largeText,
  );
  const restart = h(
    "button",
    { type: "button", testid: "restart", "aria-label": text.restartLabel, title: text.restartLabel },
    text.restart,
  );
  const close = h(
    "button",
    { type: "button", testid: "close", "aria-label": text.closeLabel(config.title) },
    "✕",
  );
  large.addEventListener("click", () =>
    emit(large, "tdf:large-text", { on: large.getAttribute("aria-pressed") !== "true" }),
  );
  restart.addEventListener("click", () => emit(restart, "tdf:restart", undefined));
  close.addEventListener("click", () => emit(close, "tdf:close", undefined));

  const views: Record<View, HTMLElement> = {
    chat: h("div", { class: "view chat", testid: "view-chat", id: `${id}-chat` }),
    calc: h("div", { class: "view", testid: "view-calc", id: `${id}-calc`, hidden: true }),
    contact: h("div", { class: "view contact", testid: "view-contact", id: `${id}-contact`, hidden: true }),
  };
  const tabs = (Object.keys(views) as View[]).map((view) => {
    const tab = h(
      "button",
      {
        type: "button",
        testid: `nav-${view}`,
        "aria-controls": views[view].id,
        "aria-current": view === "chat" ? "true" : "false",
      },
      text.nav[view],
    );
    tab.addEventListener("click", () => emit(tab, "tdf:view", { view }));
    return tab;
  });
  const el = h(
    "section",
    {
      class: "panel",
      id,
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": titleId,
      testid: "panel",
      hidden: true,
    },
    h("div", { class: "head" }, h("h2", { id: titleId }, config.title), large, restart, close),
    h("nav", { class: "nav", "aria-label": text.navLabel }, ...tabs),
    views.chat,
    views.calc,
    views.contact,
  );
  el.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      emit(el, "tdf:close", undefined);
    }
    // Tab from the last control (发送) comes round to the header, not out to the page: the panel is
    // read as one place. Shift+Tab from the header still leaves it, by the launcher, and Esc closes it.
    if (event.key === "Tab" && !event.shiftKey) {
      const stops = tabStops(el);
      if (event.target === stops.at(-1)) {
        event.preventDefault();
        stops[0]?.focus();
      }
    }
  });
  return {
    el,
    views,
    show(view) {
      for (const [name, viewEl] of Object.entries(views)) viewEl.hidden = name !== view;
      tabs.forEach((tab, i) =>
        tab.setAttribute("aria-current", String((Object.keys(views) as View[])[i] === view)),
      );
    },
    setLarge(on) {
      large.setAttribute("aria-pressed", String(on));
    },
  };
}

/** The controls Tab stops at inside `root`, in order: enabled, shown, not taken out with tabindex -1. */
function tabStops(root: HTMLElement): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [tabindex]"),
  ].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
}
