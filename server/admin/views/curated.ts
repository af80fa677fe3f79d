import type { Unit } from "../../knowledge/types.js";
import { messages } from "../../messages.js";
import type { CuratedAnswer } from "../../storage/types.js";
import { beijingTime, html, type Html } from "../html.js";
import { csrfField } from "./layout.js";

const t = messages.admin;
const s = t.curated;

export function curatedListPage(answers: CuratedAnswer[], csrfToken: string, canPublish = true): Html {
  return html`<p>${s.intro}</p>
${canPublish ? html`<p><a class="button" href="/admin/curated/new" data-testid="new-curated">${s.create}</a></p>` : html`<p class="hint" data-testid="admin-only">${t.errors.adminOnly}</p>`}
${
  answers.length
    ? html`<table data-testid="curated"><thead><tr><th scope="col">#</th><th scope="col">${s.question}</th><th scope="col">${s.unitIds}</th><th scope="col">${s.author}</th><th scope="col">${s.updated}</th><th scope="col">${s.state}</th><th scope="col">${s.actions}</th></tr></thead><tbody>${answers.map(
        (
          a,
        ) => html`<tr data-testid="curated-row" data-id="${a.id}" data-active="${String(a.active)}"><td>${a.id}</td><td>${a.question}<br><span class="muted">${a.answer.length > 80 ? `${a.answer.slice(0, 80)}…` : a.answer}</span></td>
<td>${a.unitIds.map((id) => html`<code>${id}</code> `)}</td><td>${a.author}</td><td class="nowrap">${beijingTime(a.updatedAt)}</td><td>${a.active ? s.active : s.inactive}</td>
<td class="actions">${
          canPublish
            ? html`<a href="/admin/curated/${a.id}/edit" data-testid="edit-curated">${s.editLink}</a>
<form method="post" action="/admin/curated/${a.id}/${a.active ? "deactivate" : "activate"}"${a.active ? html` data-confirm="${s.confirmDeactivate}"` : null}>${csrfField(csrfToken)}<button type="submit" data-testid="${a.active ? "deactivate" : "activate"}">${a.active ? s.deactivate : s.activate}</button></form>`
            : null
        }</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${s.empty}</p>`
}`;
}

export interface CuratedFormValues {
  question: string;
  answer: string;
  unitIds: string;
}

export function curatedFormPage(options: {
  id?: number;
  values: CuratedFormValues;
  problems?: string[];
  csrfToken: string;
  units: Unit[];
}): Html {
  const { id, values, problems, csrfToken, units } = options;
  return html`${problems?.length ? html`<div class="error" role="alert" data-testid="form-errors"><p>${s.problems}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : null}
<form class="curated" method="post" action="${id === undefined ? "/admin/curated" : `/admin/curated/${id}`}" data-testid="curated-form">
${csrfField(csrfToken)}
<label>${s.question}<textarea name="question" rows="2" required maxlength="1000" data-testid="curated-question">${values.question}</textarea></label>
<p class="hint">${s.questionHint}</p>
<label>${s.answer}<textarea name="answer" rows="10" required maxlength="8000" data-testid="curated-answer">${values.answer}</textarea></label>
<p class="hint">${s.answerHint}</p>
<label>${s.unitIds}<textarea name="unitIds" rows="3" id="unit-ids" data-testid="curated-units">${values.unitIds}</textarea></label>
<p class="hint">${s.unitIdsHint}</p>
<div class="buttons"><button type="submit" data-testid="save-curated">${s.save}</button> <a href="/admin/curated">${s.cancel}</a></div>
</form>
<details class="units"><summary>${s.unitList}</summary><ul>${units.map(
    (unit) =>
      html`<li><button type="button" class="unit-pick" data-unit-id="${unit.id}"><code>${unit.id}</code></button> ${unit.breadcrumb.join(" › ")}</li>`,
  )}</ul></details>`;
}
