import { messages } from "../../messages.js";
import type { ListedFormToolRun } from "../../storage/types.js";
import { beijingTime, html, type Html } from "../html.js";
import { ratingCell } from "./enquiries.js";
import { toolLabel } from "./labels.js";
import { errorText, outputRows } from "./toolRun.js";

const t = messages.admin;

/** What the calculation came to, in a line: "水泥熟料：介于标杆水平与基准水平之间", "年节电量 51,512 千瓦时", or the refusal. */
function outcome(run: ListedFormToolRun): string {
  if (run.error) return errorText(run.error);
  const output = run.output as { product?: { name?: unknown }; statusLabel?: unknown } | null;
  const parts = [output?.product?.name, output?.statusLabel].filter((p) => typeof p === "string");
  if (parts.length) return parts.join("：");
  const [first] = outputRows(run.name, run.output).filter(([label]) => label !== t.calculator.results.count);
  return first ? `${first[0]} ${first[1]}` : "";
}

/** Form calculations, each linked to its conversation (where its input and output are shown in full). */
export function formRunTable(runs: ListedFormToolRun[]): Html {
  const c = t.calculations.columns;
  return html`<table data-testid="form-runs">
<thead><tr><th scope="col">${c.time}</th><th scope="col">${c.tool}</th><th scope="col">${c.result}</th><th scope="col">${c.rating}</th><th scope="col">${c.conversation}</th></tr></thead>
<tbody>${runs.map(
    (run) => html`<tr data-testid="form-run-row" data-run-id="${run.id}">
<td class="nowrap">${beijingTime(run.createdAt)}</td>
<td>${toolLabel(run.name)}</td>
<td${run.error ? html` class="status-bad"` : null}>${outcome(run)}</td>
<td>${ratingCell({ rating: run.rating, feedbackComment: run.feedbackComment })}</td>
<td><a href="/admin/conversations/${run.conversationId}#run-${run.id}" data-testid="open-conversation">${t.calculations.open}</a></td>
</tr>`,
  )}</tbody></table>`;
}

export function calculationsPage(runs: ListedFormToolRun[]): Html {
  return html`<p>${t.calculations.intro}</p>${runs.length ? formRunTable(runs) : html`<p class="empty">${t.calculations.empty}</p>`}`;
}
