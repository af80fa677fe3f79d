import type { WidgetConfig } from "./config.js";
import { h, svg } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";

/** The round button that opens and closes the panel; labelled for screen readers, with visible text. */
export function createLauncher(config: WidgetConfig, panelId: string): HTMLButtonElement {
  const icon = svg(
    "svg",
    { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
    svg("path", {
      fill: "currentColor",
      d: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.5 3.5A.5.5 0 0 1 4 21v-3a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z",
    }),
  );
  const button = h(
    "button",
    {
      type: "button",
      class: "launcher",
      testid: "launcher",
      "aria-label": text.launcherLabel(config.title),
      "aria-expanded": "false",
      "aria-controls": panelId,
      "aria-haspopup": "dialog",
    },
    icon,
    h("span", { "aria-hidden": "true" }, text.launcher),
  );
  button.addEventListener("click", () =>
    emit(button, button.getAttribute("aria-expanded") === "true" ? "tdf:close" : "tdf:open", undefined),
  );
  return button;
}
