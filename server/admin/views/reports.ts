import { messages } from "../../messages.js";
import type { AuditKind, CountedTopic, EnquiryRow, ListedFormToolRun } from "../../storage/types.js";
import { sparkline } from "../charts.js";
import { beijingTime, html, type Html } from "../html.js";
import { shortDay, type Period } from "../period.js";
import type { QuestionGroup } from "../questionGroups.js";
import { renderAnswer } from "../markdown.js";
import { formRunTable } from "./calculations.js";
import { enquiryTable } from "./enquiries.js";
import { intentLabel, personaLabel, statusText } from "./labels.js";

const t = messages.admin;

export const RANGES = [7, 30] as const;

export function rangeLinks(path: string, days: number): Html {
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

function trendCell(group: QuestionGroup, days: number): Html {
  const s = t.topics;
  const arrow = { up: "↑", down: "↓", flat: "→", new: "★" }[group.trend];
  return html`<span class="trend trend-${group.trend}" data-testid="trend" data-trend="${group.trend}"><span aria-hidden="true">${arrow}</span> ${s.trends[group.trend]}</span><br><span class="muted">${s.previous(days)} ${group.previous}</span>`;
}

/** 热门问题: similar questions grouped, with counts, a trend and a line of daily counts; then the clauses cited most. */
export function topicsPage(period: Period, groups: QuestionGroup[], clauses: CountedTopic[]): Html {
  const s = t.topics;
  const days = period.days;
  const daily = (g: QuestionGroup) =>
    s.dailyLabel(g.question, g.daily.map((n, i) => `${shortDay(period.dayList[i]!)} ${n}`).join("，"));
  return html`${rangeLinks("/admin/topics", days)}<p>${s.intro(days)}</p>
${
  groups.length
    ? html`<table data-testid="question-groups"><thead><tr><th scope="col">${s.question}</th><th scope="col">${s.count}</th><th scope="col">${s.trend}</th><th scope="col">${s.daily}</th><th scope="col">${s.latest}</th></tr></thead><tbody>${groups.map(
        (
          g,
        ) => html`<tr data-testid="question-group"><td><a href="/admin/conversations/${g.latest.conversationId}#${g.latest.messageId}">${g.question}</a>${g.unanswered ? html`<br><span class="status status-warn">${s.unanswered(g.unanswered)}</span>` : null}${
          g.wordings.length
            ? html`<details class="wordings"><summary>${s.wordings(g.wordings.length)}</summary><ul>${g.wordings.slice(0, 8).map((w) => html`<li>${w}</li>`)}</ul></details>`
            : null
        }</td>
<td class="num" data-testid="group-count">${g.count}</td>
<td class="nowrap">${trendCell(g, days)}</td>
<td>${sparkline(g.daily, daily(g))}</td>
<td class="nowrap">${beijingTime(g.latest.createdAt)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}
<h2>${s.clauses}</h2>
${
  clauses.length
    ? html`<table data-testid="topics"><thead><tr><th scope="col">${s.unit}</th><th scope="col">${s.citations}</th></tr></thead><tbody>${clauses.map(
        (topic) =>
          html`<tr data-testid="topic"><td>${topic.breadcrumb} <span class="muted">${topic.unitId}</span></td><td class="num">${topic.count}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.noClauses}</p>`
}`;
}

export const AUDIT_KINDS = ["all", "changes", "views"] as const satisfies readonly AuditKind[];

type Names = ReadonlyMap<string, string>;

/** One value of an audit entry's detail, in words: codes by their labels, lists joined, objects as fields. */
function detailValue(key: string, value: unknown, names: Names): Html | string {
  const s = t.audit;
  if (value === null || value === undefined || value === "") return s.empty;
  if (typeof value === "boolean") return s.detailValues[String(value)]!;
  if (Array.isArray(value)) return value.length ? value.map(String).join("、") : s.empty;
  if (typeof value === "object") return detailList(value as Record<string, unknown>, names, key === "filter");
  const text = String(value);
  // A reviewed answer's text, as the widget shows it (the log keeps it as written).
  if (key === "answer") return html`<div class="answer recorded">${renderAnswer(text)}</div>`;
  if (key === "by" || key === "previous") return names.get(text) ?? text;
  if (key === "role") return t.roles[text] ?? text;
  if (key === "kind") return s.kinds[text] ?? text;
  if (key === "status") return statusText(text);
  if (key === "persona") return personaLabel(text);
  if (key === "intent") return intentLabel(text);
  if (key === "feedback") return t.enquiries.feedbackOptions[text] ?? text;
  return s.detailValues[text] ?? text;
}

/** An audit entry's detail as a short list of Chinese field names and values; a filter names the console's own fields. */
function detailList(detail: Record<string, unknown>, names: Names, filter = false): Html {
  const s = t.audit;
  const label = (key: string) =>
    filter ? ((t.fields as Record<string, string>)[key] ?? key) : (s.detailFields[key] ?? key);
  const entries = Object.entries(detail);
  if (!entries.length) return html`<span class="muted">${s.empty}</span>`;
  return html`<dl class="detail">${entries.map(
    ([key, value]) => html`<div><dt>${label(key)}</dt><dd>${detailValue(key, value, names)}</dd></div>`,
  )}</dl>`;
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function auditPage(
  entries: Array<{ at: string; username: string; action: string; detail: string }>,
  kind: AuditKind,
  names: Names = new Map(),
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
      html`<tr data-testid="audit-entry" data-action="${entry.action}"><td class="nowrap">${beijingTime(entry.at)}</td><td>${names.get(entry.username) ?? entry.username}</td><td>${s.actions[entry.action] ?? t.unknownCode}</td><td>${detailList(parseDetail(entry.detail), names)}</td></tr>`,
  )}</tbody></table>`;
}
