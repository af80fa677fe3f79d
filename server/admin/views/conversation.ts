import { messages } from "../../messages.js";
import type { EnquiryDetail, HandoffEntry, StoredFormToolRun } from "../../storage/types.js";
import { beijingTime, html, queryString, type Html } from "../html.js";
import { renderAnswer } from "../markdown.js";
import { ratingCell } from "./enquiries.js";
import { intentLabel, modeLabel, noteText, personaLabel, statusLabel } from "./labels.js";
import { NO_NAMES, toolRunView, type CalculatorNames } from "./toolRun.js";

const t = messages.admin;
const c = t.conversation;

const citeId = (messageId: string, n: number) => `${messageId}-cite-${n}`;
/** "hn2023:2.2.3#2" → "hn2023:2.2.3 第2段": the clause staff can cite, and which of its paragraphs. */
const passageText = (passageId: string) =>
  passageId.replace(/#(\d+)$/, (_, n: string) => ` ${c.paragraph(Number(n))}`);

function citations(detail: EnquiryDetail): Html {
  if (!detail.citations.length) return html`<p class="muted">${c.none}</p>`;
  return html`<ol class="citations" data-testid="citations">${detail.citations.map(
    (cite, i) =>
      html`<li id="${citeId(detail.messageId, i + 1)}" data-testid="citation"><span class="breadcrumb">${cite.breadcrumb}</span> <span class="muted">${passageText(cite.passageId)}</span></li>`,
  )}</ol>`;
}

/** The answer as the widget showed it: its label (AI 生成 or 人工审核), then the Markdown with [n] linked to the citations below. */
export function answerBody(
  answer: string,
  status: string,
  citationHref?: (n: number) => string | null,
): Html {
  const reviewed = status === "answered_reviewed";
  return html`<div class="answer" data-testid="answer"><p class="who"><span class="badge badge-${reviewed ? "reviewed" : "ai"}">${reviewed ? c.reviewedLabel : c.aiLabel}</span></p>${renderAnswer(answer, { citationHref })}</div>`;
}

function facts(detail: EnquiryDetail): Html {
  const items: Array<[string, string]> = [
    [c.intent, intentLabel(detail.intent)],
    [c.persona, personaLabel(detail.persona)],
    [c.mode, modeLabel(detail.mode)],
    [c.duration, detail.durationMs === null ? "" : t.enquiries.milliseconds(detail.durationMs)],
  ];
  return html`<dl class="inline-facts">${items
    .filter(([, value]) => value)
    .map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

function message(detail: EnquiryDetail, names: CalculatorNames): Html {
  const unanswered = detail.status.startsWith("unanswerable") || detail.status.startsWith("error");
  const href = (n: number) => (detail.citations[n - 1] ? `#${citeId(detail.messageId, n)}` : null);
  return html`<article class="message" id="${detail.messageId}" data-testid="message" data-status="${detail.status}">
<header><span class="nowrap">${beijingTime(detail.createdAt)}</span> ${statusLabel(detail.status)} ${facts(detail)}</header>
<h2 class="question"><span class="label">${c.question}</span> ${detail.question}</h2>
${detail.resolvedQuestion && detail.resolvedQuestion !== detail.question ? html`<p class="muted">${c.understoodAs}：${detail.resolvedQuestion}</p>` : null}
<h3>${c.answer}</h3>
${detail.answer ? answerBody(detail.answer, detail.status, href) : html`<p class="muted" data-testid="answer">${c.noAnswer}</p>`}
<h3>${c.citations}</h3>
${citations(detail)}
${detail.toolRuns.length ? html`<h3>${c.tools}</h3>${detail.toolRuns.map((run) => toolRunView(run, names))}` : null}
${detail.notes.length ? html`<h3>${c.notes}</h3><ul class="notes">${[...new Set(detail.notes.map(noteText))].map((note) => html`<li>${note}</li>`)}</ul>` : null}
${detail.rating ? html`<h3>${c.feedback}</h3><p data-testid="feedback">${ratingCell(detail)}</p>` : null}
${unanswered ? html`<p><a class="button" href="/admin/curated/new${queryString({ question: detail.question })}" data-testid="write-reviewed">${c.writeReviewed}</a></p>` : null}
</article>`;
}

/** A calculation the person made with the widget's 算一算 form, between the questions they asked. */
function formRun(run: StoredFormToolRun, names: CalculatorNames): Html {
  return html`<article class="message" id="run-${run.id}" data-testid="form-tool-run" data-tool="${run.name}">
<header><span class="nowrap">${beijingTime(run.createdAt)}</span></header>
<h2 class="question"><span class="status status-${run.error ? "bad" : "ok"}">${c.formRun}</span></h2>
${toolRunView(run, names, "h3")}
${run.rating ? html`<h3>${c.feedback}</h3><p data-testid="feedback">${ratingCell(run)}</p>` : null}
</article>`;
}

export function conversationPage(
  id: string,
  details: EnquiryDetail[],
  handoffs: Array<HandoffEntry & { reference: string; createdAt: string }>,
  formRuns: StoredFormToolRun[] = [],
  names: CalculatorNames = NO_NAMES,
): Html {
  // In the order they happened: ISO timestamps sort as text.
  const entries = [
    ...details.map((d) => ({ at: d.createdAt, view: message(d, names) })),
    ...formRuns.map((r) => ({ at: r.createdAt, view: formRun(r, names) })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return html`<p>${c.id}：<code data-testid="conversation-id">${id}</code></p>
<p class="hint">${c.shownAs}</p>
${handoffs.length ? html`<section><h2>${c.handoffs}</h2><ul>${handoffs.map((h) => html`<li><a href="/admin/handoffs/${h.reference}"><strong>${h.reference}</strong></a> ${beijingTime(h.createdAt)} ${h.question}</li>`)}</ul></section>` : null}
${entries.map((e) => e.view)}`;
}
