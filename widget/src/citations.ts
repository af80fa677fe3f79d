import { append, h } from "./dom.js";
import { text } from "./text.js";
import type { Citation } from "./types.js";

export interface CitationView {
  /** a chip for marker [n], or null when the answer has no such citation */
  chip(n: number): HTMLButtonElement | null;
  /** the row of chips under the answer and the place where a chip's clause opens */
  el: HTMLElement;
}

/** Numbered chips; each opens the clause's breadcrumb, its quoted text and its 责任单位 below the answer. */
export function createCitations(citations: Citation[], id: string): CitationView {
  const chips: HTMLButtonElement[] = [];
  const detail = h("div", {
    id: `${id}-cite`,
    class: "cite-detail",
    testid: "citation-detail",
    hidden: true,
    "aria-live": "polite",
  });
  let open = 0;
  const show = (n: number) => {
    open = open === n ? 0 : n;
    for (const chip of chips) chip.setAttribute("aria-expanded", String(Number(chip.dataset.n) === open));
    detail.replaceChildren();
    detail.hidden = open === 0;
    const c = citations[open - 1];
    if (!c) return;
    // The plan's own words: "市经济和信息化局牵头，市发展改革委等按职责分工负责" keeps the 等 a list would drop.
    const units = c.responsibleUnits?.raw;
    append(
      detail,
      h("p", { class: "crumb", testid: "citation-breadcrumb" }, `[${open}] ${c.breadcrumb}`),
      h("blockquote", { testid: "citation-quote" }, `“${c.quote}”`),
      units
        ? h(
            "p",
            { class: "units", testid: "citation-responsible" },
            h("strong", {}, `${text.responsible}：`),
            units,
          )
        : null,
    );
  };
  const chip = (n: number) => {
    if (!citations[n - 1]) return null;
    const button = h(
      "button",
      {
        type: "button",
        class: "chip",
        testid: "citation-chip",
        "data-n": n,
        "aria-expanded": "false",
        "aria-controls": detail.id,
        "aria-label": text.citationLabel(n),
      },
      String(n),
    );
    button.addEventListener("click", () => show(n));
    chips.push(button);
    return button;
  };
  const row = citations.length
    ? h(
        "div",
        { class: "cites", testid: "citations" },
        h("span", {}, `${text.citations}：`),
        ...citations.map((_, i) => chip(i + 1)),
      )
    : null;
  return { chip, el: h("div", {}, row, detail) };
}
