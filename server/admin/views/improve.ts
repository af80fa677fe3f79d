import { messages } from "../../messages.js";
import { IMPROVEMENT_KINDS, type ImprovementItem, type ImprovementKind } from "../improvements.js";
import { beijingTime, html, queryString, type Html } from "../html.js";
import { statusLabel, toolLabel } from "./labels.js";
import { rangeLinks } from "./reports.js";

const t = messages.admin;
const s = t.improve;

export type CoveredItem = ImprovementItem & { coveredBy: number | null };

function action(item: CoveredItem): Html | null {
  if (item.tool) return null;
  if (item.coveredBy !== null)
    return html`<a href="/admin/curated/${item.coveredBy}/edit" data-testid="covered">${s.covered(item.coveredBy)}</a>`;
  return html`<a href="/admin/curated/new${queryString({ question: item.question })}" data-testid="write-reviewed">${s.write}</a>`;
}

function row(item: CoveredItem): Html {
  const handoff = item.handoffReference
    ? html`<a href="/admin/handoffs/${item.handoffReference}">${s.openHandoff(item.handoffReference)}</a>`
    : item.kind === "handoff"
      ? html`<span class="muted">${s.noRequest}</span>`
      : null;
  const notes = [
    ...item.reasons.map((reason) => html`<li>${reason}</li>`),
    ...(item.comment ? [html`<li><q>${item.comment}</q></li>`] : []),
    ...(handoff ? [html`<li>${handoff}</li>`] : []),
  ];
  return html`<tr data-testid="improve-item" data-kind="${item.kind}">
<td><a href="/admin/conversations/${item.conversationId}#${item.anchor}" data-testid="open-conversation">${item.question}</a>${item.tool ? html`<br><span class="muted">${toolLabel(item.tool)}</span>` : null}</td>
<td class="num">${item.count}</td>
<td class="nowrap">${beijingTime(item.lastAt)}</td>
<td>${item.status ? statusLabel(item.status) : html`<span class="muted">${s.formRun}</span>`}</td>
<td>${notes.length ? html`<ul class="reasons">${notes}</ul>` : null}</td>
<td>${action(item)}</td></tr>`;
}

function section(kind: ImprovementKind, items: CoveredItem[]): Html {
  return html`<section class="improve" aria-labelledby="improve-${kind}" data-testid="improve-${kind}">
<h2 id="improve-${kind}">${s.kinds[kind]} <span class="count">${s.count(items.length)}</span></h2>
<p class="hint">${s.about[kind]}</p>
${
  items.length
    ? html`<table><thead><tr><th scope="col">${s.question}</th><th scope="col">${s.times}</th><th scope="col">${s.last}</th><th scope="col">${s.outcome}</th><th scope="col">${s.why}</th><th scope="col">${s.action}</th></tr></thead><tbody>${items.map(row)}</tbody></table>`
    : html`<p class="empty">${s.emptyKind}</p>`
}
</section>`;
}

/** 待改进: a summary of the five kinds (each a link to its list), then each list. */
export function improvePage(days: number, found: Record<ImprovementKind, CoveredItem[]>): Html {
  const total = IMPROVEMENT_KINDS.reduce((n, kind) => n + found[kind].length, 0);
  return html`${rangeLinks("/admin/improve", days)}<p>${s.intro(days)}</p>
<nav aria-label="${s.summary}"><ul class="counts" data-testid="improve-counts">${IMPROVEMENT_KINDS.map(
    (kind) =>
      html`<li data-testid="improve-count-${kind}" data-count="${found[kind].length}"><a href="#improve-${kind}">${s.kinds[kind]} ${s.count(found[kind].length)}</a></li>`,
  )}</ul></nav>
${total ? IMPROVEMENT_KINDS.map((kind) => section(kind, found[kind])) : html`<p class="empty">${s.empty}</p>`}`;
}
