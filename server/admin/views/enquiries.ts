import { messages } from "../../messages.js";
import type { EnquiryRow } from "../../storage/types.js";
import {
  FEEDBACK,
  FILTER_STATUSES,
  PAGE_SIZE,
  PERSONAS,
  querySuffix,
  type EnquiryQuery,
} from "../filters.js";
import { beijingTime, html, type Html } from "../html.js";
import { intentLabel, personaLabel, statusLabel } from "./labels.js";

const t = messages.admin;
const e = t.enquiries;

function select(
  name: keyof typeof t.fields,
  options: readonly string[],
  labels: Record<string, string>,
  current: string | undefined,
): Html {
  return html`<label>${t.fields[name]}<select name="${name}" data-testid="filter-${name}">
<option value="">${e.all}</option>
${options.map((value) => html`<option value="${value}"${value === current ? html` selected` : null}>${labels[value] ?? value}</option>`)}
</select></label>`;
}

function filterForm(query: EnquiryQuery): Html {
  return html`<form class="filters" method="get" action="/admin/enquiries" role="search" aria-label="${e.filters}" data-testid="filters">
<label>${t.fields.from}<input type="date" name="from" value="${query.from ?? ""}" data-testid="filter-from"></label>
<label>${t.fields.to}<input type="date" name="to" value="${query.to ?? ""}" data-testid="filter-to"></label>
${select("status", FILTER_STATUSES, t.statuses, query.status)}
${select("persona", PERSONAS, t.personas, query.persona)}
${select("feedback", FEEDBACK, e.feedbackOptions, query.feedback)}
<label class="check"><input type="checkbox" name="unanswered" value="1"${query.unanswered ? html` checked` : null} data-testid="filter-unanswered">${t.fields.unanswered}</label>
<label class="wide">${t.fields.q}<input type="search" name="q" maxlength="200" value="${query.q ?? ""}" data-testid="filter-q"></label>
<div class="buttons"><button type="submit" data-testid="apply-filters">${e.apply}</button> <a href="/admin/enquiries">${e.clear}</a></div>
</form>`;
}

export function ratingCell(row: Pick<EnquiryRow, "rating" | "feedbackComment">): Html {
  if (!row.rating) return html``;
  return html`<span class="rating rating-${row.rating}">${t.ratings[row.rating]}</span>${row.feedbackComment ? html`<br><q>${row.feedbackComment}</q>` : null}`;
}

export function enquiryTable(rows: EnquiryRow[], testid = "enquiries"): Html {
  const c = e.columns;
  return html`<table data-testid="${testid}">
<thead><tr><th scope="col">${c.time}</th><th scope="col">${c.question}</th><th scope="col">${c.status}</th><th scope="col">${c.persona}</th><th scope="col">${c.intent}</th><th scope="col">${c.rating}</th><th scope="col">${c.duration}</th></tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr data-testid="enquiry-row" data-status="${row.status}" data-message-id="${row.messageId}">
<td class="nowrap">${beijingTime(row.createdAt)}</td>
<td><a href="/admin/conversations/${row.conversationId}#${row.messageId}" data-testid="open-conversation">${row.question}</a></td>
<td>${statusLabel(row.status)}</td>
<td>${personaLabel(row.persona)}</td>
<td>${intentLabel(row.intent)}</td>
<td>${ratingCell(row)}</td>
<td class="num">${row.durationMs === null ? "" : e.milliseconds(row.durationMs)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

export function enquiriesPage(query: EnquiryQuery, rows: EnquiryRow[], total: number): Html {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return html`${filterForm(query)}
<p class="summary"><span data-testid="total">${e.total(total)}</span> · ${e.page(query.page, pages)} · <a href="/admin/enquiries.csv${querySuffix(query)}" download data-testid="export-csv">${e.exportCsv}</a></p>
${rows.length ? enquiryTable(rows) : html`<p class="empty" data-testid="empty">${e.empty}</p>`}
<nav class="pager" aria-label="分页">
${query.page > 1 ? html`<a rel="prev" href="/admin/enquiries${querySuffix(query, query.page - 1)}">${e.previous}</a>` : null}
${query.page < pages ? html`<a rel="next" href="/admin/enquiries${querySuffix(query, query.page + 1)}" data-testid="next-page">${e.next}</a>` : null}
</nav>`;
}
