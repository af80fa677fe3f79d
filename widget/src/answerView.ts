import { createCalcResult } from "./calcResult.js";
import { createCitations } from "./citations.js";
import { h, uid } from "./dom.js";
import { emit } from "./events.js";
import { createFeedback } from "./feedbackView.js";
import { plainText, renderMarkdown, splitSection } from "./markdown.js";
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
 * when a calculation ran, then copy and feedback, and 猜你想问 when `suggest` (the latest answer).
 * The clauses the answer quotes under **依据** fold away under the citation row: each chip opens its
 * clause whole, so the short quotes are one click away rather than the longest part of the answer.
 */
export function createAnswer(
  reply: SavedAnswer,
  copy: (value: string) => Promise<boolean>,
  suggest = false,
): HTMLElement {
  const id = uid("answer");
  const cites = createCitations(reply.citations, id);
  const chip = (n: number) => cites.chip(n);
  const split = splitSection(reply.answer, text.basis.heading);
  // Folded only when it quotes the citations ("[1] 二、… › …：“…”"), which the chips then stand for.
  const quoted = reply.citations.length ? (split.section?.match(/^\[\d{1,2}\]\s/gm)?.length ?? 0) : 0;
  const { rest, section } = quoted ? split : { rest: reply.answer, section: null };
  const body = h("div", { class: "body", testid: "answer-body" });
  body.append(renderMarkdown(rest, { citation: chip }));
  body.querySelector('[data-section="责任单位"]')?.setAttribute("data-testid", "responsible");
  const basis = section
    ? h(
        "details",
        { class: "basis", testid: "basis" },
        h("summary", {}, text.basis.summary(quoted)),
        h("div", { class: "body" }, renderMarkdown(section, { citation: chip })),
      )
    : null;
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
    basis,
    ...createActions(plainText(reply.answer), text.copyLabel, copy, reply),
    suggest ? createFollowUps(reply.suggestions ?? []) : null,
  );
}

/** 猜你想问: the questions the service offers after the answer; a button asks its question. */
export function createFollowUps(questions: string[]): HTMLElement | null {
  if (!questions.length) return null;
  const heading = uid("follow");
  return h(
    "div",
    { class: "follow", role: "group", "aria-labelledby": heading, testid: "follow-ups" },
    h("p", { class: "note", id: heading }, text.followUps),
    ...questions.map((question) => {
      const button = h("button", { type: "button", class: "sugg", testid: "follow-up" }, question);
      button.addEventListener("click", () => emit(button, "tdf:ask", { text: question }));
      return button;
    }),
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
