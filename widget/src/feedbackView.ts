import { h, svg, uid } from "./dom.js";
import { emit } from "./events.js";
import { text } from "./text.js";
import type { Rated } from "./types.js";

/**
 * 👍 / 👎 on an answer or a calculation; after a rating, an optional comment box. Both go to
 * POST /api/feedback. The rating is written into `reply`, which the controller saves.
 */
export function createFeedback(reply: Rated): {
  buttons: HTMLElement[];
  form: HTMLElement;
  note: HTMLElement;
} {
  const note = h("p", { class: "note", testid: "feedback-note", role: "status" });
  const commentId = uid("comment");
  const comment = h("textarea", {
    id: commentId,
    testid: "feedback-comment",
    maxlength: 500,
    placeholder: text.commentPlaceholder,
  });
  const submit = h(
    "button",
    { type: "submit", class: "btn ghost", testid: "feedback-submit" },
    text.commentSubmit,
  );
  const form = h(
    "form",
    { class: "fb-form", testid: "feedback-form", hidden: true },
    h("label", { for: commentId }, text.commentLabel),
    comment,
    submit,
  );

  const send = (rating: "up" | "down", extra: string | undefined, after: (ok: boolean) => void) =>
    emit(form, "tdf:feedback", {
      conversationId: reply.conversationId,
      messageId: reply.messageId,
      rating,
      comment: extra,
      done: after,
    });

  const buttons = (["up", "down"] as const).map((rating) => {
    const button = h(
      "button",
      {
        type: "button",
        class: "act",
        testid: `feedback-${rating}`,
        "aria-pressed": String(reply.rating === rating),
      },
      thumb(rating),
      rating === "up" ? text.helpful : text.notHelpful,
    );
    button.addEventListener("click", () =>
      send(rating, undefined, (ok) => {
        note.textContent = ok ? text.feedbackThanks : text.feedbackFailed;
        if (!ok) return;
        reply.rating = rating;
        for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
        form.hidden = false;
      }),
    );
    return button;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = comment.value.trim();
    if (!value || !reply.rating) return;
    submit.disabled = true;
    send(reply.rating, value, (ok) => {
      submit.disabled = false;
      note.textContent = ok ? text.feedbackThanks : text.feedbackFailed;
      if (ok) form.hidden = true;
    });
  });
  return { buttons, form, note };
}

/** Drawn, not an emoji: emoji fonts are missing on many office PCs. */
function thumb(rating: "up" | "down"): SVGSVGElement {
  return svg(
    "svg",
    { class: "thumb", viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
    svg("path", {
      fill: "currentColor",
      d: "M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.6-7.2A2 2 0 0 0 18.9 10H14l.9-4.4a1.8 1.8 0 0 0-3.2-1.4L8 10z",
      transform: rating === "down" ? "rotate(180 12 12)" : null,
    }),
  );
}
