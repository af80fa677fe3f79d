import { redactContact } from "../../handoff/contact.js";
import { MAIL_FAILED, MAIL_SENT } from "../handoffDesk.js";
import { messages } from "../../messages.js";
import { HANDOFF_STATUSES, type Handoff, type HandoffStatus } from "../../storage/types.js";
import { beijingTime, html, type Html } from "../html.js";
import { csrfField } from "./layout.js";

const t = messages.admin;
const s = t.handoffs;

type Names = ReadonlyMap<string, string>;
const nameOf = (names: Names, username: string | undefined) =>
  username ? (names.get(username) ?? username) : undefined;
const minutesSince = (iso: string, now: Date) => Math.floor((now.getTime() - Date.parse(iso)) / 60_000);

function stateLabel(status: HandoffStatus): Html {
  const kind = status === "done" ? "ok" : status === "replied" ? "warn" : "bad";
  return html`<span class="status status-${kind}">${s.states[status]}</span>`;
}

/** The desk's list: counts by status, then pending requests (oldest first) with how long they have waited. */
export function handoffsPage(
  handoffs: Handoff[],
  counts: Record<HandoffStatus, number>,
  names: Names,
  now = new Date(),
): Html {
  return html`<p>${s.intro}</p>
<section aria-labelledby="handoff-counts"><h2 id="handoff-counts" class="sr-only">${s.counts}</h2>
<ul class="counts" data-testid="handoff-counts">${HANDOFF_STATUSES.map(
    (status) =>
      html`<li data-testid="count-${status}" data-count="${counts[status]}">${s.count(s.states[status]!, counts[status])}</li>`,
  )}</ul></section>
${
  handoffs.length
    ? html`<table data-testid="handoffs"><thead><tr><th scope="col">${s.reference}</th><th scope="col">${s.submittedAt}</th><th scope="col">${s.waited}</th><th scope="col">${s.question}</th><th scope="col">${s.contact}</th><th scope="col">${s.state}</th><th scope="col">${s.assignee}</th></tr></thead><tbody>${handoffs.map(
        (h) => html`<tr data-testid="handoff" data-reference="${h.reference}" data-status="${h.status}">
<td class="nowrap"><a href="/admin/handoffs/${h.reference}" data-testid="open-handoff"><strong>${h.reference}</strong></a></td>
<td class="nowrap">${beijingTime(h.createdAt)}</td>
<td class="nowrap">${h.status === "done" ? html`<span class="muted">—</span>` : s.age(minutesSince(h.createdAt, now))}</td>
<td>${[...h.question].length > 60 ? `${[...h.question].slice(0, 60).join("")}…` : h.question}</td>
<td class="nowrap">${contactCell(h)}</td>
<td>${stateLabel(h.status)}</td>
<td>${nameOf(names, h.assignedTo) ?? html`<span class="muted">${s.unassigned}</span>`}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}`;
}

/** Redacted in lists: staff open the request (an audited view) to read the whole contact. */
function contactCell(h: Handoff): Html {
  const shown = redactContact(h.contact, h.contactKind);
  if (!shown)
    return html`<span class="muted">${h.contactKind === "none" ? s.contactKinds.none : s.noContact}</span>`;
  return html`${h.contactKind ? `${s.contactKinds[h.contactKind]} ` : ""}<span data-testid="contact-redacted">${shown}</span>`;
}

/** The e-mail of the latest reply, if one was attempted after it: sent or failed (the entry says when). */
function mailState(history: HandoffView["history"]): HandoffView["history"][number] | undefined {
  const lastReply = history.map((e) => e.action).lastIndexOf("handoff_reply");
  if (lastReply < 0) return undefined;
  return history.slice(lastReply + 1).findLast((e) => e.action === MAIL_SENT || e.action === MAIL_FAILED);
}

export interface HandoffView {
  handoff: Handoff;
  history: Array<{ at: string; username: string; action: string }>;
  names: Names;
  me: string;
  csrfToken: string;
  problems?: string[];
  draft?: { reply?: string; note?: string };
}

/** One request: everything staff need to answer it, the steps open to them, and its record. */
export function handoffPage(view: HandoffView): Html {
  const { handoff: h, names, me, csrfToken, problems, draft = {} } = view;
  const closed = h.status === "done";
  const who = (username: string | undefined) => nameOf(names, username) ?? "";
  const rows: Array<[string, Html | string]> = [
    [s.reference, html`<strong data-testid="handoff-reference">${h.reference}</strong>`],
    [s.submittedAt, beijingTime(h.createdAt)],
    [s.state, html`<span data-testid="handoff-state">${stateLabel(h.status)}</span>`],
    [s.question, html`<span class="pre" data-testid="handoff-question">${h.question}</span>`],
    [
      s.contact,
      h.contact
        ? html`${h.contactKind ? `${s.contactKinds[h.contactKind]} ` : ""}<span data-testid="handoff-contact">${h.contact}</span>`
        : html`<span class="muted">${h.contactKind === "none" ? s.contactKinds.none : s.noContact}</span>`,
    ],
    [
      s.conversation,
      h.conversationId
        ? html`<a href="/admin/conversations/${h.conversationId}" data-testid="handoff-conversation">${s.openConversation}</a>`
        : html`<span class="muted">${t.conversation.none}</span>`,
    ],
    [
      s.assignee,
      h.assignedTo
        ? html`<span data-testid="handoff-assignee">${s.assignedAt(who(h.assignedTo), beijingTime(h.assignedAt))}</span>`
        : html`<span class="muted">${s.unassigned}</span>`,
    ],
  ];
  if (h.reply)
    rows.push([
      s.replied,
      html`<span class="pre" data-testid="handoff-reply">${h.reply}</span><br><span class="muted">${s.repliedBy(who(h.repliedBy), beijingTime(h.repliedAt))}</span>`,
    ]);
  const mail = mailState(view.history);
  if (mail)
    rows.push([
      s.mail,
      mail.action === MAIL_SENT
        ? html`<span data-testid="handoff-mail" data-mail="sent">${s.mailSent(redactContact(h.contact, "email") ?? "", beijingTime(mail.at))}</span>`
        : html`<span class="status status-bad" data-testid="handoff-mail" data-mail="failed">${s.mailFailed(beijingTime(mail.at))}</span>`,
    ]);
  if (closed)
    rows.push([
      s.closed,
      html`${s.closedBy(who(h.closedBy), beijingTime(h.closedAt))}<br>${s.closeNote}：<span data-testid="handoff-note">${h.closeNote ?? ""}</span>`,
    ]);
  const action = (path: string) => `/admin/handoffs/${h.reference}/${path}`;
  return html`<p><a href="/admin/handoffs">${s.backToList}</a></p>
${problems?.length ? html`<div class="error" role="alert" data-testid="form-errors"><p>${s.problems}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : null}
<dl class="facts" data-testid="handoff-detail">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
${
  closed
    ? html`<form method="post" action="${action("reopen")}">${csrfField(csrfToken)}<button type="submit" data-testid="handoff-reopen">${s.reopen}</button></form>`
    : html`${
        h.assignedTo === me
          ? html`<p class="hint" data-testid="assigned-to-you">${s.assignedToYou}</p>`
          : html`<form method="post" action="${action("assign")}">${csrfField(csrfToken)}<button type="submit" data-testid="handoff-assign">${s.assign}</button></form>`
      }
<form class="desk" method="post" action="${action("reply")}" data-testid="reply-form">${csrfField(csrfToken)}
<label for="reply">${s.replyLabel}</label>
<textarea id="reply" name="reply" rows="6" maxlength="4000" required aria-describedby="reply-hint" data-testid="handoff-reply-text">${draft.reply ?? h.reply ?? ""}</textarea>
<p class="hint" id="reply-hint">${s.replyHint}</p>
<button type="submit" data-testid="handoff-save-reply">${s.saveReply}</button></form>
<form class="desk" method="post" action="${action("close")}" data-confirm="${s.confirmClose}" data-testid="close-form">${csrfField(csrfToken)}
<label for="note">${s.noteLabel}</label>
<textarea id="note" name="note" rows="2" maxlength="1000" required data-testid="handoff-note-text">${draft.note ?? ""}</textarea>
<button type="submit" data-testid="handoff-close">${s.closeButton}</button></form>`
}
<section aria-labelledby="handoff-history"><h2 id="handoff-history">${s.history}</h2>
<ol class="history" data-testid="handoff-history">${view.history.map(
    (e) =>
      html`<li data-testid="history-entry" data-action="${e.action}">${beijingTime(e.at)} ${who(e.username)}：${t.audit.actions[e.action] ?? e.action}</li>`,
  )}</ol></section>`;
}
