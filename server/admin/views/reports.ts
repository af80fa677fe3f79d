import { messages } from "../../messages.js";
import type {
  AuditKind,
  CountedTopic,
  EnquiryRow,
  KnowledgeGap,
  ListedFormToolRun,
} from "../../storage/types.js";
import { beijingTime, html, queryString, type Html } from "../html.js";
import { formRunTable } from "./calculations.js";
import { enquiryTable } from "./enquiries.js";

const t = messages.admin;

export const RANGES = [7, 30] as const;

function rangeLinks(path: string, days: number): Html {
  return html`<p class="ranges">${RANGES.map((d) =>
    d === days
      ? html`<strong aria-current="true">${t.topics.range(d)}</strong> `
      : html`<a href="${path}?days=${d}" data-testid="range-${d}">${t.topics.range(d)}</a> `,
  )}</p>`;
}

export function feedbackPage(rows: EnquiryRow[], formRuns: ListedFormToolRun[] = []): Html {
  const ratedRuns = formRuns.length ? html`<h2>${t.feedback.formRuns}</h2>${formRunTable(formRuns)}` : null;
  return html`<p>${t.feedback.intro}</p>${rows.length || formRuns.length ? null : html`<p class="empty">${t.feedback.empty}</p>`}${rows.length ? enquiryTable(rows, "feedback") : null}${ratedRuns}`;
}

export function topicsPage(days: number, topics: CountedTopic[]): Html {
  const s = t.topics;
  return html`${rangeLinks("/admin/topics", days)}<p>${s.intro(days)}</p>
${
  topics.length
    ? html`<table data-testid="topics"><thead><tr><th scope="col">${s.unit}</th><th scope="col">${s.count}</th></tr></thead><tbody>${topics.map(
        (topic) =>
          html`<tr data-testid="topic"><td>${topic.breadcrumb} <code>${topic.unitId}</code></td><td class="num">${topic.count}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}`;
}

export function gapsPage(days: number, gaps: Array<KnowledgeGap & { coveredBy: number | null }>): Html {
  const s = t.gaps;
  return html`${rangeLinks("/admin/gaps", days)}<p>${s.intro(days)}</p>
${
  gaps.length
    ? html`<table data-testid="gaps"><thead><tr><th scope="col">${t.conversation.question}</th><th scope="col">${s.count}</th><th scope="col">${s.last}</th><th scope="col"></th></tr></thead><tbody>${gaps.map(
        (
          gap,
        ) => html`<tr data-testid="gap"><td>${gap.question}</td><td class="num">${gap.count}</td><td class="nowrap">${beijingTime(gap.lastAt)}</td>
<td>${gap.coveredBy === null ? html`<a href="/admin/curated/new${queryString({ question: gap.question })}" data-testid="write-reviewed">${s.write}</a>` : html`<a href="/admin/curated/${gap.coveredBy}/edit">${s.covered(gap.coveredBy)}</a>`}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}`;
}

export const AUDIT_KINDS = ["all", "changes", "views"] as const satisfies readonly AuditKind[];

export function auditPage(
  entries: Array<{ at: string; username: string; action: string; detail: string }>,
  kind: AuditKind,
): Html {
  const s = t.audit;
  const links = AUDIT_KINDS.map((k) =>
    k === kind
      ? html`<strong aria-current="true">${s.kinds[k]}</strong> `
      : html`<a href="/admin/audit${k === "all" ? "" : `?kind=${k}`}" data-testid="audit-kind-${k}">${s.kinds[k]}</a> `,
  );
  return html`<p class="ranges">${links}</p><p>${s.intro}</p>
<table data-testid="audit"><thead><tr><th scope="col">${s.at}</th><th scope="col">${s.user}</th><th scope="col">${s.action}</th><th scope="col">${s.detail}</th></tr></thead><tbody>${entries.map(
    (entry) =>
      html`<tr data-testid="audit-entry" data-action="${entry.action}"><td class="nowrap">${beijingTime(entry.at)}</td><td>${entry.username}</td><td>${s.actions[entry.action] ?? entry.action} <code>${entry.action}</code></td><td><code class="detail">${entry.detail}</code></td></tr>`,
  )}</tbody></table>`;
}
