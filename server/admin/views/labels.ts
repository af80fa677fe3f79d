import { messages } from "../../messages.js";
import { html, type Html } from "../html.js";

/**
 * Every code the pipeline stores (status, intent, persona, mode, calculator, note) as staff read it:
 * in Chinese, never the code. A code this release does not know is shown as （其他）, not as itself;
 * the JSON API keeps the codes for scripts.
 */
const t = messages.admin;

const label = (labels: Record<string, string>, code: string | null | undefined): string =>
  code ? (labels[code] ?? t.unknownCode) : "";

export const intentLabel = (code: string | null | undefined) => label(t.intents, code);
export const personaLabel = (code: string | null | undefined) => label(t.personas, code);
export const modeLabel = (code: string | null | undefined) => label(t.modes, code);
export const toolLabel = (name: string) => t.calculator.tools[name] ?? t.calculator.unknownTool;

export function statusText(status: string | null): string {
  return t.statuses[status ?? "pending"] ?? t.unknownCode;
}

/** A status as a coloured tag: green answered, amber refused or not covered, red failed or still pending. */
export function statusLabel(status: string | null): Html {
  const code = status ?? "pending";
  const kind = code.startsWith("answered")
    ? "ok"
    : code.startsWith("error") || code === "pending"
      ? "bad"
      : "warn";
  return html`<span class="status status-${kind}">${statusText(code)}</span>`;
}

/**
 * A note the pipeline recorded ("scope:fraud", "llm_timeout:…", or a sentence in Chinese from the
 * calculation reader), in words. Technical details stay out of the page.
 */
export function noteText(note: string): string {
  const n = t.notes;
  const [code = "", detail = ""] = note.split(":");
  if (code === "scope") return n.scope[detail] ?? n.scopeOther;
  if (code === "llm_timeout" || code === "llm_unavailable" || code === "llm_cancelled") return n[code];
  if (
    code === "stage_failed" ||
    code === "llm_answer_rejected" ||
    code === "llm_unsupported_claim" ||
    code === "offline_unsupported"
  )
    return n[code];
  // The calculation reader's notes are already sentences for people.
  return /\p{Script=Han}/u.test(note) ? note : n.other;
}
