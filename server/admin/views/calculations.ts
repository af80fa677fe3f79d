import { messages } from "../../messages.js";
import type { ListedFormToolRun } from "../../storage/types.js";
import { beijingTime, html, type Html } from "../html.js";
import { ratingCell } from "./enquiries.js";

const t = messages.admin;

/** What the calculation came to, in a line: "水泥熟料：介于标杆水平与基准水平之间", or the refusal. */
function outcome(run: ListedFormToolRun): string {
  if (run.error) return run.error;
  const output = run.output as { product?: { name?: unknown }; statusLabel?: unknown } | null;
  const parts = [output?.product?.name, output?.statusLabel].filter((p) => typeof p === "string");
  return parts.join("：");
}

/** Form calculations, each linked to its conversation (where its input and output are shown in full). */
export function formRunTable(runs: ListedFormToolRun[]): Html {
  const c = t.calculations.columns;
  return html`<table data-testid="form-runs">
<thead><tr><th scope="col">${c.time}</th><th scope="col">${c.tool}</th><th scope="col">${c.result}</th><th scope="col">${c.rating}</th><th scope="col">${c.conversation}</th></tr></thead>
<tbody>${runs.map(
    (run) => html`<tr data-testid="form-run-row" data-run-id="${run.id}">
<td class="nowrap">${beijingTime(run.createdAt)}</td>
<td><code>${run.name}</code></td>
<td${run.error ? html` class="status-bad"` : null}>${outcome(run)}</td>
<td>${ratingCell({ rating: run.rating, feedbackComment: run.feedbackComment })}</td>
<td><a href="/admin/conversations/${run.conversationId}#run-${run.id}" data-testid="open-conversation">${t.calculations.open}</a></td>
</tr>`,
  )}</tbody></table>`;
}

export function calculationsPage(runs: ListedFormToolRun[]): Html {
  return html`<p>${t.calculations.intro}</p>${runs.length ? formRunTable(runs) : html`<p class="empty">${t.calculations.empty}</p>`}`;
}
