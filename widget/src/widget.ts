import { requestJson } from "./api.js";
import { createCalcForm } from "./calcForm.js";
import { createComposer, type Composer } from "./composer.js";
import type { WidgetConfig } from "./config.js";
import { createConfirm, type ConfirmBar } from "./confirm.js";
import { createContact, type ContactView } from "./contact.js";
import { h } from "./dom.js";
import { listen, type HandoffProgress, type View, type WidgetEvents } from "./events.js";
import { createLauncher } from "./launcher.js";
import { plainText } from "./markdown.js";
import { MessageList } from "./messageList.js";
import { createPanel, type Panel } from "./panel.js";
import { postEventStream, StreamError } from "./sse.js";
import { SessionStore, type SavedState } from "./store.js";
import { adoptStyles, css } from "./styles.js";
import { text } from "./text.js";
import { toGapView, type CalcItem, type ChatReply, type Product, type SavedAnswer } from "./types.js";
import { createWelcome } from "./welcome.js";

const SLOW_AFTER_MS = 3000;
const GIVE_UP_AFTER_MS = 60_000;
const PANEL_ID = "tdf-panel";
/** A message this short that got a handoff reply was only the request ("转人工", "怎么联系你们局"). */
const BARE_REQUEST_LENGTH = 12;

/** Wires the components together: it owns the conversation state and every request to the service. */
export class ChatWidget {
  private readonly root: HTMLElement;
  private readonly live: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  // Built when the browser is idle, or at once when needed: the launcher shows without waiting for them.
  private panel!: Panel;
  private list!: MessageList;
  private composer!: Composer;
  private calc!: { el: HTMLElement; load(): void };
  private contact!: ContactView;
  private confirm!: ConfirmBar;
  private built = false;
  private readonly store: SessionStore;
  private state: SavedState;
  private abort: AbortController | null = null;
  private stopReason: "cancel" | "timeout" | "restart" | null = null;

  constructor(
    private readonly config: WidgetConfig,
    host: HTMLElement,
  ) {
    const shadow = host.attachShadow({ mode: "open" });
    host.toggleAttribute("data-page-end", endsPage(host));
    adoptStyles(shadow, css(config));
    this.store = new SessionStore(config.storageKey);
    this.state = this.store.load();
    this.live = h("div", { class: "sr-only", "aria-live": "polite", "aria-atomic": "true", testid: "live" });
    this.launcher = createLauncher(config, PANEL_ID);
    this.root = h("div", { class: "root", testid: "widget" }, this.launcher, this.live);
    this.root.classList.toggle("large", Boolean(this.state.largeText ?? config.largeText));
    shadow.append(this.root);
    this.listen();
    host.dispatchEvent(new CustomEvent("tdf-widget:ready", { bubbles: true, composed: true }));
    const later =
      window.requestIdleCallback?.bind(window) ?? ((callback: () => void) => setTimeout(callback, 1));
    later(() => this.build(), { timeout: 300 });
  }

  /** The panel and everything in it, then the restored conversation. */
  private build(): void {
    if (this.built) return;
    this.built = true;
    const { config } = this;
    this.panel = createPanel(config, PANEL_ID);
    this.list = new MessageList(createWelcome(config), (value) => this.copy(value), config.title);
    this.composer = createComposer(PANEL_ID);
    this.calc = createCalcForm(() => this.products());
    this.confirm = createConfirm(text.restartConfirm, "tdf:restart-confirmed", () =>
      this.composer.input.focus(),
    );
    this.panel.views.chat.append(
      this.confirm.el,
      this.list.el,
      this.composer.el,
      h("p", { class: "disclaimer" }, text.disclaimer),
    );
    this.panel.views.calc.append(this.calc.el);
    this.contact = createContact(config.contact);
    this.panel.views.contact.append(this.contact.el);
    this.root.insertBefore(this.panel.el, this.live);
    this.restore();
  }

  private listen(): void {
    const on = <K extends keyof WidgetEvents>(name: K, handler: (detail: WidgetEvents[K]) => void) =>
      listen(this.root, name, handler);
    on("tdf:open", () => this.open(true));
    on("tdf:close", () => this.close());
    on("tdf:view", ({ view }) => this.show(view, true));
    on("tdf:ask", ({ text: question }) => this.ask(question));
    on("tdf:retry", () => this.retry());
    on("tdf:cancel", () => this.stop("cancel"));
    on("tdf:restart", () => this.confirmRestart());
    on("tdf:restart-confirmed", () => this.restart());
    on("tdf:large-text", ({ on: large }) => this.setLarge(large));
    on("tdf:feedback", (detail) => void this.feedback(detail));
    on("tdf:calc", (detail) => void this.calculate(detail));
    on("tdf:handoff", (detail) => void this.handoff(detail));
    on("tdf:handoff-lookup", (detail) => void this.lookup(detail));
  }

  private restore(): void {
    this.setLarge(Boolean(this.state.largeText ?? this.config.largeText));
    const last = this.state.items.at(-1);
    for (const item of this.state.items) {
      if (item.kind === "user") this.list.addUser(item.text);
      else if (item.kind === "answer") this.list.addAnswer(item.reply, item === last);
      else this.list.addCalc(item);
    }
    if (this.state.pending) this.list.addError(text.errors.interrupted, true);
    if (this.state.open ?? this.config.open) this.open(false);
  }

  private save(): void {
    this.store.save(this.state);
  }

  private announce(message: string): void {
    this.live.textContent = message;
  }

  private open(focus: boolean): void {
    this.build();
    this.panel.el.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.state.open = true;
    this.save();
    this.list.scrollOnOpen();
    if (focus) this.composer.input.focus();
  }

  private close(): void {
    if (!this.built) return;
    this.panel.el.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.state.open = false;
    this.save();
    this.launcher.focus();
  }

  private show(view: View, focus: boolean): void {
    this.build();
    this.panel.show(view);
    if (view === "calc") this.calc.load();
    if (view === "contact") this.contact.setConversation(Boolean(this.state.conversationId));
    if (!focus) return;
    if (view === "chat") this.composer.input.focus();
    else this.panel.views[view].querySelector<HTMLElement>("select, input, button, a[href]")?.focus();
  }

  private setLarge(on: boolean): void {
    this.root.classList.toggle("large", on);
    if (this.built) this.panel.setLarge(on);
    this.state.largeText = on;
    this.save();
  }

  /** 新对话 wipes the conversation: asked first, unless there is nothing to lose. */
  private confirmRestart(): void {
    if (!this.state.items.length && !this.abort) return this.restart();
    this.show("chat", false);
    this.confirm.show();
  }

  private restart(): void {
    this.confirm.hide();
    this.stop("restart");
    this.state = { items: [], open: true, largeText: this.state.largeText };
    this.save();
    this.list.clear();
    this.show("chat", true);
  }

  private stop(reason: "cancel" | "timeout" | "restart"): void {
    if (!this.abort) return;
    this.stopReason = reason;
    this.abort.abort();
  }

  private ask(question: string): void {
    if (this.abort) return;
    this.show("chat", false);
    // A 猜你想问 button asked it: it goes with the rest, and the focus goes to the question box.
    if (this.list.dropFollowUps()) this.composer.input.focus();
    this.list.addUser(question);
    this.state.items.push({ kind: "user", text: question });
    this.state.pending = question;
    this.save();
    void this.stream(question);
  }

  private retry(): void {
    const question = this.state.pending;
    if (!question || this.abort) return;
    this.list.el.querySelectorAll('[data-testid="error"]').forEach((el) => el.remove());
    void this.stream(question);
  }

  private async stream(question: string): Promise<void> {
    const pending = this.list.startPending();
    const abort = new AbortController();
    this.abort = abort;
    this.stopReason = null;
    this.composer.setBusy(true);
    const started = Date.now();
    let lastActivity = started;
    let streamed = "";
    let reply: ChatReply | null = null;
    let failure: string | null = null;
    let frame = 0;
    const render = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        pending.show(streamed);
      });
    };
    const timer = setInterval(() => {
      const idle = Date.now() - lastActivity;
      if (idle > GIVE_UP_AFTER_MS) this.stop("timeout");
      else if (idle > SLOW_AFTER_MS)
        pending.progress(text.progress.slow(Math.round((Date.now() - started) / 1000)));
    }, 1000);
    try {
      await postEventStream(
        `${this.config.endpoint}/api/chat`,
        {
          message: question,
          ...(this.state.conversationId ? { conversationId: this.state.conversationId } : {}),
        },
        {
          signal: abort.signal,
          onActivity: () => {
            lastActivity = Date.now();
            pending.progress(text.progress.thinking);
          },
          onEvent: (name, data) => {
            const d = (data ?? {}) as Record<string, unknown>;
            if (name === "meta" && typeof d.conversationId === "string") {
              this.state.conversationId = d.conversationId;
              this.save();
            } else if (name === "delta" && typeof d.text === "string") {
              streamed += d.text;
              render();
            } else if (name === "reset") {
              streamed = "";
              render();
            } else if (name === "done") {
              reply = data as ChatReply;
            } else if (name === "error") {
              failure = typeof d.message === "string" && d.message ? d.message : text.errors.server;
            }
          },
        },
      );
      if (!reply && !failure) failure = text.errors.server;
    } catch (error) {
      failure = this.describe(error);
    } finally {
      clearInterval(timer);
      cancelAnimationFrame(frame);
      this.abort = null;
      this.composer.setBusy(false);
      pending.el.remove();
    }
    if (reply) this.answered(reply, question);
    else if (this.stopReason === "cancel") this.stopped();
    else if (failure !== null) this.failed(failure, this.retryable);
  }

  /** 停止: the question stays on screen, no answer was given, and nothing waits to be retried. */
  private stopped(): void {
    delete this.state.pending;
    this.save();
    this.list.addStopped(text.errors.stopped);
    this.announce(text.errors.cancelled);
    this.composer.input.focus();
  }

  private retryable = true;

  /** What to tell the person; also decides whether a retry makes sense. */
  private describe(error: unknown): string | null {
    this.retryable = true;
    const e = error instanceof StreamError ? error : new StreamError("network");
    if (e.kind === "aborted") {
      if (this.stopReason === "timeout") return text.errors.timeout;
      if (this.stopReason === "cancel") return text.errors.cancelled;
      return null;
    }
    if (e.kind === "http") {
      this.retryable = false;
      if (this.state.pending) delete this.state.pending;
      this.save();
      return e.message && e.message !== "http" ? e.message : text.errors.server;
    }
    if (e.kind === "server") return e.message && e.message !== "server" ? e.message : text.errors.server;
    if (e.kind === "interrupted") return text.errors.interrupted;
    return text.errors.network;
  }

  private answered(reply: ChatReply, question: string): void {
    const gapRun = reply.tools?.find((run) => run.name === "benchmark_gap" && !run.error);
    const saved: SavedAnswer = {
      conversationId: reply.conversationId,
      messageId: reply.messageId,
      status: reply.status,
      answer: reply.answer ?? "",
      citations: Array.isArray(reply.citations) ? reply.citations : [],
      gap: gapRun ? toGapView(gapRun.output) : null,
      suggestions: Array.isArray(reply.suggestions)
        ? reply.suggestions.filter((q): q is string => typeof q === "string").slice(0, 3)
        : [],
    };
    this.state.conversationId = reply.conversationId;
    this.state.items.push({ kind: "answer", reply: saved });
    delete this.state.pending;
    this.save();
    this.list.addAnswer(saved, true);
    const heard = `${text.live.answered}${plainText(saved.answer).slice(0, 300)}`;
    if (reply.handoff) this.offerHandoff(question);
    this.announce(reply.handoff ? `${heard} ${text.live.handoff}` : heard);
  }

  /**
   * A reply that offers 人工服务 opens its form with the question filled in: the message itself, or,
   * when that was only the request ("转人工"), the question asked before it.
   */
  private offerHandoff(request: string): void {
    const asked = this.state.items.flatMap((item) => (item.kind === "user" ? [item.text] : []));
    const earlier = asked.slice(0, -1).at(-1);
    const question = request.length <= BARE_REQUEST_LENGTH && earlier ? earlier : request;
    this.show("contact", false);
    this.contact.prefill(question, Boolean(this.state.conversationId));
  }

  private failed(message: string, retry: boolean): void {
    this.list.addError(message, retry && Boolean(this.state.pending));
    this.announce(`${text.live.error}${message}`);
  }

  private async products(): Promise<Product[] | null> {
    const result = await requestJson<{ products: Product[] }>(`${this.config.endpoint}/api/benchmarks`);
    return result.ok && result.data ? result.data.products : null;
  }

  private async feedback(detail: WidgetEvents["tdf:feedback"]): Promise<void> {
    const { done, ...body } = detail;
    const result = await requestJson(`${this.config.endpoint}/api/feedback`, body);
    done(result.ok);
    if (result.ok) this.save();
  }

  /** The conversation goes with the request, so staff read what was asked before. */
  private async handoff({ done, ...request }: WidgetEvents["tdf:handoff"]): Promise<void> {
    const body = {
      ...request,
      ...(this.state.conversationId ? { conversationId: this.state.conversationId } : {}),
    };
    const result = await requestJson<{ reference: string; lookupCode?: string }>(
      `${this.config.endpoint}/api/handoff`,
      body,
    );
    if (result.ok && result.data)
      done({ reference: result.data.reference, lookupCode: result.data.lookupCode });
    else
      done({
        error: result.status === 0 ? text.errors.network : result.message || text.errors.server,
        fields: result.fields,
      });
  }

  private async lookup({ done, ...request }: WidgetEvents["tdf:handoff-lookup"]): Promise<void> {
    const result = await requestJson<HandoffProgress>(`${this.config.endpoint}/api/handoff/lookup`, request);
    if (result.ok && result.data) done(result.data);
    else done({ error: result.status === 0 ? text.errors.network : result.message || text.errors.server });
  }

  /**
   * A calculation goes with the conversation, so that bureau staff see it and it can be rated; before
   * any question there is none yet, so one is made first (without it, the calculation is still made).
   */
  private async calculate({ input, question, done }: WidgetEvents["tdf:calc"]): Promise<void> {
    const conversationId = await this.conversation();
    const result = await requestJson<{ runId?: string }>(`${this.config.endpoint}/api/tools/benchmark-gap`, {
      ...input,
      ...(conversationId ? { conversationId } : {}),
    });
    const gap = result.ok ? toGapView(result.data) : null;
    if (!gap) {
      done(result.status === 0 ? text.errors.network : result.message || text.errors.server, result.fields);
      return;
    }
    done(null);
    const runId = result.data?.runId;
    const item: CalcItem = {
      kind: "calc",
      gap,
      ...(conversationId && typeof runId === "string" ? { run: { conversationId, messageId: runId } } : {}),
    };
    this.show("chat", false);
    this.list.addUser(question);
    this.list.addCalc(item);
    this.state.items.push({ kind: "user", text: question }, item);
    this.save();
    this.list.dropFollowUps();
    this.announce(`${text.calcLabel}：${gap.product.name}，${gap.statusLabel}`);
    this.composer.input.focus();
  }

  /** The conversation's id; made by the service (POST /api/conversations) when there is none yet. */
  private async conversation(): Promise<string | undefined> {
    if (!this.state.conversationId) {
      const made = await requestJson<{ conversationId: string }>(
        `${this.config.endpoint}/api/conversations`,
        {},
      );
      if (made.ok && typeof made.data?.conversationId === "string") {
        this.state.conversationId = made.data.conversationId;
        this.save();
      }
    }
    return this.state.conversationId;
  }

  private async copy(value: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      // Clipboard API needs a secure context; fall back to a selected textarea.
      const area = h("textarea", { class: "sr-only", "aria-hidden": "true", tabindex: -1 });
      area.value = value;
      this.root.append(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    }
  }
}

/** Nothing the page shows comes after the widget's tag (scripts and other widgets aside). */
function endsPage(host: HTMLElement): boolean {
  const unseen = new Set(["SCRIPT", "STYLE", "TEMPLATE", "LINK", "NOSCRIPT", "TDF-CHAT-WIDGET"]);
  for (let el: Element | null = host; el && el !== document.body; el = el.parentElement)
    for (let next = el.nextElementSibling; next; next = next.nextElementSibling)
      if (!unseen.has(next.tagName)) return false;
  return true;
}
