import { createActions, createAnswer, who } from "./answerView.js";
import { createCalcResult, gapText } from "./calcResult.js";
import { h } from "./dom.js";
import { emit } from "./events.js";
import { renderMarkdown } from "./markdown.js";
import { text } from "./text.js";
import type { CalcItem, SavedAnswer } from "./types.js";

export interface Pending {
  el: HTMLElement;
  /** the text streamed so far (Markdown) */
  show(markdown: string): void;
  progress(message: string): void;
}

/** The conversation: the welcome screen, then questions, answers, calculations, errors. */
export class MessageList {
  readonly el: HTMLElement;

  constructor(
    private readonly welcome: HTMLElement,
    private readonly copy: (value: string) => Promise<boolean>,
    label: string,
  ) {
    this.el = h(
      "div",
      { class: "log", testid: "messages", role: "region", "aria-label": label, tabindex: 0 },
      welcome,
    );
  }

  clear(): void {
    this.el.replaceChildren(this.welcome);
  }

  addUser(question: string): HTMLElement {
    return this.add(
      h(
        "div",
        { class: "msg user", testid: "question" },
        h("span", { class: "sr-only" }, `${text.you}：`),
        question,
      ),
    );
  }

  /** `suggest`: the latest answer, which shows 猜你想问. */
  addAnswer(reply: SavedAnswer, suggest = false): HTMLElement {
    return this.add(createAnswer(reply, this.copy, suggest), true);
  }

  /** A new question makes the last answer's 猜你想问 stale; true when one of them had the focus. */
  dropFollowUps(): boolean {
    const groups = [...this.el.querySelectorAll('[data-testid="follow-ups"]')];
    const focused = (this.el.getRootNode() as ShadowRoot).activeElement;
    groups.forEach((group) => group.remove());
    return groups.some((group) => group.contains(focused));
  }

  /** A calculation from the form: its card, 复制, and 👍/👎 once the service has stored it. */
  addCalc({ gap, run }: CalcItem): HTMLElement {
    return this.add(
      h(
        "article",
        { class: "msg bot", testid: "calc-answer", "aria-label": text.calcLabel },
        h("p", { class: "who" }, h("span", {}, text.calcLabel)),
        createCalcResult(gap),
        ...createActions(gapText(gap), text.copyCalcLabel, this.copy, run ?? null),
      ),
      true,
    );
  }

  addError(message: string, retry: boolean): HTMLElement {
    const el = h("div", { class: "error", testid: "error", role: "alert" }, h("p", {}, message));
    if (retry) {
      const button = h("button", { type: "button", class: "btn", testid: "retry" }, text.errors.retry);
      button.addEventListener("click", () => emit(button, "tdf:retry", undefined));
      el.append(button);
    }
    return this.add(el);
  }

  /** Not an error: the person stopped the answer. Said plainly, in the conversation's own colours. */
  addStopped(message: string): HTMLElement {
    return this.add(h("div", { class: "stopped", testid: "stopped", role: "status" }, h("p", {}, message)));
  }

  startPending(): Pending {
    const body = h("div", { class: "body", testid: "answer-stream" });
    const status = h("span", { testid: "progress-text" }, text.progress.connecting);
    const cancel = h("button", { type: "button", class: "act", testid: "cancel" }, text.progress.cancel);
    cancel.addEventListener("click", () => emit(cancel, "tdf:cancel", undefined));
    const progress = h(
      "div",
      { class: "progress", testid: "progress" },
      h("span", { class: "dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")),
      status,
      cancel,
    );
    const el = this.add(
      h(
        "article",
        { class: "msg bot", testid: "pending", "aria-busy": "true", "aria-label": text.assistant },
        who(""),
        body,
        progress,
      ),
    );
    return {
      el,
      show: (markdown) => {
        body.replaceChildren(renderMarkdown(markdown));
        this.scroll();
      },
      progress: (message) => {
        status.textContent = message;
      },
    };
  }

  /** To the end; or, for a long answer, to where it starts, so it is read from the top. */
  scroll(from?: HTMLElement): void {
    if (!from) {
      this.el.scrollTop = this.el.scrollHeight;
      return;
    }
    const offset = from.getBoundingClientRect().top - this.el.getBoundingClientRect().top;
    this.el.scrollTop += offset - 8;
  }

  /** Scrolls to the first message, or to the last one when the conversation has started. */
  scrollOnOpen(): void {
    if (this.el.children.length > 1) this.scroll(this.el.lastElementChild as HTMLElement);
    else this.el.scrollTop = 0;
  }

  private add(el: HTMLElement, fromStart = false): HTMLElement {
    this.el.append(el);
    this.scroll(fromStart ? el : undefined);
    return el;
  }
}
