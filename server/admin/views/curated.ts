import { plainText } from "../../../widget/src/markdownBlocks.js";
import type { Unit } from "../../knowledge/types.js";
import { messages } from "../../messages.js";
import type { CuratedAnswer } from "../../storage/types.js";
import { curatedState } from "../curatedAnswers.js";
import { beijingTime, html, type Html } from "../html.js";
import { answerBody } from "./conversation.js";
import { csrfField } from "./layout.js";

const t = messages.admin;
const s = t.curated;

type Names = ReadonlyMap<string, string>;
/** The start of an answer as plain text (no Markdown markers), for the list. */
const excerpt = (answer: string) => {
  const text = plainText(answer).replace(/\s+/g, " ").trim();
  return [...text].length > 80 ? `${[...text].slice(0, 80).join("")}…` : text;
};
/** Unit ids as typed in the form: one per line, or separated by commas, 、 or spaces. */
const unitIdsOf = (text: string) =>
  text
    .split(/[\s,，、;；]+/)
    .map((id) => id.trim())
    .filter(Boolean);
const nameOf = (names: Names, username: string) => names.get(username) ?? username;

function stateTag(a: CuratedAnswer): Html {
  const state = curatedState(a);
  const kind = state === "published" ? "ok" : state === "inactive" ? "bad" : "warn";
  return html`<span class="status status-${kind}" data-testid="curated-state" data-state="${state}">${s.states[state]}</span>`;
}

export function curatedListPage(
  answers: CuratedAnswer[],
  csrfToken: string,
  canPublish: boolean,
  names: Names = new Map(),
): Html {
  return html`<p>${s.intro}</p>
<p><a class="button" href="/admin/curated/new" data-testid="new-curated">${s.create}</a></p>
${canPublish ? null : html`<p class="hint" data-testid="admin-only">${t.errors.publishAdminOnly}</p>`}
${
  answers.length
    ? html`<table data-testid="curated"><thead><tr><th scope="col">${s.question}</th><th scope="col">${s.unitIds}</th><th scope="col">${s.updated}</th><th scope="col">${s.published}</th><th scope="col">${s.state}</th><th scope="col">${s.actions}</th></tr></thead><tbody>${answers.map(
        (a) => {
          const state = curatedState(a);
          return html`<tr data-testid="curated-row" data-id="${a.id}" data-active="${String(a.active)}" data-state="${state}"><td><span class="muted">#${a.id}</span> ${a.question}<br><span class="muted">${excerpt(a.answer)}</span></td>
<td>${a.unitIds.map((id) => html`<code>${id}</code> `)}</td>
<td>${s.updatedBy(nameOf(names, a.updatedBy), beijingTime(a.updatedAt))}</td>
<td>${a.published ? s.publishedBy(nameOf(names, a.published.by), beijingTime(a.published.at)) : html`<span class="muted">${s.notPublished}</span>`}</td>
<td>${stateTag(a)}</td>
<td class="actions"><a href="/admin/curated/${a.id}/edit" data-testid="edit-curated">${s.editLink}</a>${
            canPublish && (state === "draft" || state === "changed")
              ? html`<form method="post" action="/admin/curated/${a.id}/publish" data-confirm="${s.confirmPublish}">${csrfField(csrfToken)}<button type="submit" class="positive" data-testid="publish">${s.publishLink}</button></form>`
              : null
          }${
            canPublish && a.published
              ? html`<form method="post" action="/admin/curated/${a.id}/${a.active ? "deactivate" : "activate"}"${a.active ? html` data-confirm="${s.confirmDeactivate}"` : null}>${csrfField(csrfToken)}<button type="submit" data-testid="${a.active ? "deactivate" : "activate"}">${a.active ? s.deactivate : s.activate}</button></form>`
              : null
          }</td></tr>`;
        },
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}`;
}

export interface CuratedFormValues {
  question: string;
  answer: string;
  unitIds: string;
}

export interface CuratedFormView {
  id?: number;
  values: CuratedFormValues;
  problems?: string[];
  csrfToken: string;
  units: Unit[];
  canPublish: boolean;
  /** The answer being edited, for its state, who published it and the version being served. */
  current?: CuratedAnswer;
  names?: Names;
  /** Show the preview: the answer as the widget will show it. */
  preview?: boolean;
}

/** The answer as the person will see it in the widget: the 人工审核 label, the Markdown, the label line, the clauses. */
function preview(values: CuratedFormValues, units: Unit[]): Html {
  const cited = unitIdsOf(values.unitIds)
    .map((id) => units.find((u) => u.id === id))
    .filter((u): u is Unit => u !== undefined);
  const text = `${values.answer.trim()}\n\n${messages.answer.reviewedLabel}`;
  return html`<section class="preview" aria-labelledby="preview-title" data-testid="curated-preview">
<h2 id="preview-title">${s.previewTitle}</h2>
<div class="widget-like">${answerBody(text, "answered_reviewed")}
${cited.length ? html`<p class="cites"><span>${s.previewCitations}：</span>${cited.map((u, i) => html`<span class="chip" title="${u.breadcrumb.join(" › ")}">${i + 1}</span>`)}</p><ol class="citations">${cited.map((u) => html`<li>${u.breadcrumb.join(" › ")}</li>`)}</ol>` : null}</div>
<p class="hint">${s.previewMatches}</p>
</section>`;
}

function facts(a: CuratedAnswer, names: Names): Html {
  const rows: Array<[string, Html | string]> = [
    [s.state, stateTag(a)],
    [s.author, nameOf(names, a.author)],
    [s.updated, s.updatedBy(nameOf(names, a.updatedBy), beijingTime(a.updatedAt))],
    [
      s.published,
      a.published
        ? s.publishedBy(nameOf(names, a.published.by), beijingTime(a.published.at))
        : html`<span class="muted">${s.notPublished}</span>`,
    ],
  ];
  const live = a.published && curatedState(a) === "changed" ? a.published : null;
  return html`<dl class="facts" data-testid="curated-facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
${live ? html`<details class="live"><summary>${s.liveVersion}</summary><p><strong>${s.question}：</strong>${live.question}</p>${answerBody(live.answer, "answered_reviewed")}</details>` : null}`;
}

export function curatedFormPage(view: CuratedFormView): Html {
  const { id, values, problems, csrfToken, units, canPublish, current, names = new Map() } = view;
  const picked = new Set(unitIdsOf(values.unitIds));
  return html`<p><a href="/admin/curated">${t.nav.curated}</a></p>
${problems?.length ? html`<div class="error" role="alert" data-testid="form-errors"><p>${s.problems}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : null}
${current ? facts(current, names) : null}
<form class="curated" method="post" action="${id === undefined ? "/admin/curated" : `/admin/curated/${id}`}" data-testid="curated-form">
${csrfField(csrfToken)}
<label for="curated-question">${s.question}</label>
<textarea id="curated-question" name="question" rows="2" required maxlength="1000" aria-describedby="question-hint" data-testid="curated-question">${values.question}</textarea>
<p class="hint" id="question-hint">${s.questionHint}</p>
<label for="curated-answer">${s.answer}</label>
<textarea id="curated-answer" name="answer" rows="10" required maxlength="8000" aria-describedby="answer-hint" data-testid="curated-answer">${values.answer}</textarea>
<p class="hint" id="answer-hint">${s.answerHint}${s.answerSyntax.map(([typed, effect], i) => html`${i ? "；" : ""}<kbd>${typed}</kbd> ${effect}`)}。</p>
<label for="unit-ids">${s.unitIds}</label>
<textarea id="unit-ids" name="unitIds" rows="3" aria-describedby="units-hint" data-testid="curated-units">${values.unitIds}</textarea>
<p class="hint" id="units-hint">${s.unitIdsHint}</p>
<div class="buttons"><button type="submit" name="action" value="preview" class="secondary" data-testid="preview-curated">${s.preview}</button>
<button type="submit" name="action" value="save" class="secondary" data-testid="save-curated">${s.saveDraft}</button>
${canPublish ? html`<button type="submit" name="action" value="publish" data-testid="publish-curated">${s.publish}</button>` : null}
<a href="/admin/curated">${s.cancel}</a></div>
</form>
${view.preview ? preview(values, units) : null}
<details class="units" data-testid="unit-list"><summary>${s.unitList}</summary>
<p class="sr-only" role="status" id="unit-status" data-added="${s.unitAdded}" data-removed="${s.unitRemoved}" data-testid="unit-status"></p>
<ul>${units.map(
    (unit) =>
      html`<li><button type="button" class="unit-pick" data-unit-id="${unit.id}" aria-pressed="${String(picked.has(unit.id))}" data-testid="unit-pick"><span class="sr-only">${s.unitAdd}</span><span class="crumb">${unit.breadcrumb.join(" › ")}</span> <code>${unit.id}</code></button></li>`,
  )}</ul></details>`;
}
