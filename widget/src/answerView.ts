import { createCalcResult } from "./calcResult.js";
import { createCitations } from "./citations.js";
import { h, uid } from "./dom.js";
import { createFeedback } from "./feedbackView.js";
import { plainText, renderMarkdown } from "./markdown.js";
import { text } from "./text.js";
import type { SavedAnswer } from "./types.js";

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
  const copyButton = h(
    "button",
    { type: "button", class: "act", testid: "copy", "aria-label": text.copyLabel },
    text.copy,
  );
  const copied = h("span", { class: "note", role: "status", testid: "copy-status" });
  copyButton.addEventListener("click", async () => {
    const ok = await copy(plainText(reply.answer));
    copied.textContent = ok ? text.copied : text.copyFailed;
    setTimeout(() => (copied.textContent = ""), 2500);
  });
  const feedback = createFeedback(reply);
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
    h("div", { class: "actions" }, copyButton, ...feedback.buttons, copied),
    feedback.note,
    feedback.form,
  );
}
