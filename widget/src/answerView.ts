import { createCalcResult } from "./calcResult.js";
import { createCitations } from "./citations.js";
import { h, uid } from "./dom.js";
import { createFeedback } from "./feedbackView.js";
import { plainText, renderMarkdown } from "./markdown.js";
import { text } from "./text.js";
import type { Rated, SavedAnswer } from "./types.js";

/** "AI 生成", or "人工审核" for an answer bureau staff wrote (status answered_reviewed). */
export function label(status: string): HTMLElement {
  return status === "answered_reviewed"
    ? h("span", { class: "badge", testid: "reviewed-label" }, text.reviewedLabel)
    : h("span", { class: "badge", testid: "ai-label", title: text.aiLabelTitle }, text.aiLabel);
}

export function who(status: string): HTMLElement {
  return h("p", { class: "who" }, h("span", {}, text.assistant), label(status));
}

/**
 * A finished answer: the label, the Markdown with [n] chips, the citation row, the calculator card
 * when a calculation ran, then copy and feedback.
 */
export function createAnswer(reply: SavedAnswer, copy: (value: string) => Promise<boolean>): HTMLElement {
  const id = uid("answer");
  const cites = createCitations(reply.citations, id);
  const body = h("div", { class: "body", testid: "answer-body" });
  body.append(renderMarkdown(reply.answer, { citation: (n) => cites.chip(n) }));
  body.querySelector('[data-section="责任单位"]')?.setAttribute("data-testid", "responsible");
  return h(
    "article",
    {
      class: "msg bot",
      testid: "answer",
      "data-status": reply.status,
      "data-message-id": reply.messageId,
      "aria-label": text.assistant,
    },
    who(reply.status),
    body,
    reply.gap ? createCalcResult(reply.gap) : null,
    cites.el,
    ...createActions(plainText(reply.answer), text.copyLabel, copy, reply),
  );
}

/**
 * Under an answer or a calculation: 复制 (the text given, with a spoken status) and, when the item
 * can be rated, 👍/👎 with the comment box that follows a rating.
 */
export function createActions(
  value: string,
  copyLabel: string,
  copy: (value: string) => Promise<boolean>,
  rated: Rated | null,
): HTMLElement[] {
  const copyButton = h(
    "button",
    { type: "button", class: "act", testid: "copy", "aria-label": copyLabel },
    text.copy,
  );
  const copied = h("span", { class: "note", role: "status", testid: "copy-status" });
  copyButton.addEventListener("click", async () => {
    copied.textContent = (await copy(value)) ? text.copied : text.copyFailed;
    setTimeout(() => (copied.textContent = ""), 2500);
  });
  const feedback = rated && createFeedback(rated);
  const actions = h("div", { class: "actions" }, copyButton, ...(feedback ? feedback.buttons : []), copied);
  return feedback ? [actions, feedback.note, feedback.form] : [actions];
}
