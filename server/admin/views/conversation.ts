import { messages } from "../../messages.js";
import type { EnquiryDetail, HandoffEntry, StoredFormToolRun } from "../../storage/types.js";
import { beijingTime, html, queryString, type Html } from "../html.js";
import { ratingCell } from "./enquiries.js";
import { statusLabel } from "./layout.js";

const t = messages.admin;
const c = t.conversation;

const json = (value: unknown) => JSON.stringify(value, null, 2) ?? "null";

function citations(detail: EnquiryDetail): Html {
  if (!detail.citations.length) return html`<p class="muted">${c.none}</p>`;
  return html`<ol class="citations" data-testid="citations">${detail.citations.map(
    (cite) =>
      html`<li data-testid="citation"><span class="breadcrumb">${cite.breadcrumb}</span> <code title="${c.passage}">${cite.passageId}</code></li>`,
  )}</ol>`;
}

function toolRuns(runs: EnquiryDetail["toolRuns"]): Html {
  if (!runs.length) return html`<p class="muted">${c.none}</p>`;
  return html`${runs.map(
    (
      run,
    ) => html`<details class="tool" open data-testid="tool-run"><summary><code>${run.name}</code>${run.error ? html` <span class="status status-bad">${c.toolError}</span>` : null}</summary>
<div class="tool-io"><div><h4>${c.toolInput}</h4><pre>${json(run.input)}</pre></div><div><h4>${run.error ? c.toolError : c.toolOutput}</h4><pre>${run.error ?? json(run.output)}</pre></div></div>
</details>`,
  )}`;
}

function message(detail: EnquiryDetail): Html {
  const unanswered = detail.status.startsWith("unanswerable") || detail.status.startsWith("error");
  return html`<article class="message" id="${detail.messageId}" data-testid="message" data-status="${detail.status}">
<header><span class="nowrap">${beijingTime(detail.createdAt)}</span> ${statusLabel(detail.status)}
<span class="muted">${detail.intent ?? ""} · ${detail.persona ? (t.personas[detail.persona] ?? detail.persona) : ""} · ${detail.mode ? (c.mode[detail.mode] ?? detail.mode) : ""}${detail.durationMs === null ? "" : ` · ${t.enquiries.milliseconds(detail.durationMs)}`}</span></header>
<h2 class="question"><span class="label">${c.question}</span> ${detail.question}</h2>
${detail.resolvedQuestion && detail.resolvedQuestion !== detail.question ? html`<p class="muted">${c.understoodAs}：${detail.resolvedQuestion}</p>` : null}
<h3>${c.answer}</h3>
<div class="answer" data-testid="answer">${detail.answer || c.noAnswer}</div>
<h3>${c.citations}</h3>
${citations(detail)}
<h3>${c.tools}</h3>
${toolRuns(detail.toolRuns)}
${detail.notes.length ? html`<h3>${c.notes}</h3><ul class="notes">${detail.notes.map((note) => html`<li><code>${note}</code></li>`)}</ul>` : null}
${detail.rating ? html`<h3>${c.feedback}</h3><p data-testid="feedback">${ratingCell(detail)}</p>` : null}
${unanswered ? html`<p><a class="button" href="/admin/curated/new${queryString({ question: detail.question })}" data-testid="write-reviewed">${c.writeReviewed}</a></p>` : null}
</article>`;
}

/** A calculation the person made with the widget's 算一算 form, between the questions they asked. */
function formRun(run: StoredFormToolRun): Html {
  return html`<article class="message" id="run-${run.id}" data-testid="form-tool-run" data-tool="${run.name}">
<header><span class="nowrap">${beijingTime(run.createdAt)}</span> <span class="status status-${run.error ? "bad" : "ok"}">${c.formRun}</span></header>
${toolRuns([run])}
${run.rating ? html`<h3>${c.feedback}</h3><p data-testid="feedback">${ratingCell(run)}</p>` : null}
</article>`;
}

export function conversationPage(
  id: string,
  details: EnquiryDetail[],
  handoffs: Array<HandoffEntry & { reference: string; createdAt: string }>,
  formRuns: StoredFormToolRun[] = [],
): Html {
  // In the order they happened: ISO timestamps sort as text.
  const entries = [
    ...details.map((d) => ({ at: d.createdAt, view: message(d) })),
    ...formRuns.map((r) => ({ at: r.createdAt, view: formRun(r) })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return html`<p>${c.id}：<code data-testid="conversation-id">${id}</code></p>
${handoffs.length ? html`<section><h2>${c.handoffs}</h2><ul>${handoffs.map((h) => html`<li><a href="/admin/handoffs/${h.reference}"><strong>${h.reference}</strong></a> ${beijingTime(h.createdAt)} ${h.question}</li>`)}</ul></section>` : null}
${entries.map((e) => e.view)}`;
}
