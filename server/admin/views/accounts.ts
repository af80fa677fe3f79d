import { messages } from "../../messages.js";
import type { StaffAccount } from "../../storage/types.js";
import { beijingTime, html, type Html } from "../html.js";
import { csrfField } from "./layout.js";

const t = messages.admin;
const s = t.accounts;

/** 账号管理 (admins only): every account with its role and state, and a button to enable or disable it. */
export function accountsPage(
  accounts: StaffAccount[],
  viewer: { username: string; csrfToken: string },
): Html {
  return html`<p>${s.intro}</p>
<table data-testid="accounts"><thead><tr><th scope="col">${s.username}</th><th scope="col">${s.displayName}</th><th scope="col">${s.role}</th><th scope="col">${s.state}</th><th scope="col">${s.created}</th><th scope="col">${s.actions}</th></tr></thead><tbody>${accounts.map(
    (a) => {
      const self = a.username === viewer.username;
      const action = a.disabled ? "enable" : "disable";
      return html`<tr data-testid="account-row" data-username="${a.username}" data-disabled="${String(a.disabled)}"><td>${a.username}${self ? html` <span class="muted">${s.you}</span>` : null}</td><td>${a.displayName}</td><td>${t.roles[a.role]}</td>
<td>${a.disabled ? html`<span class="status status-bad">${s.disabled}</span>` : html`<span class="status status-ok">${s.enabled}</span>`}</td><td class="nowrap">${beijingTime(a.createdAt)}</td>
<td class="actions">${
        self
          ? null
          : html`<form method="post" action="/admin/accounts/${a.username}/${action}"${a.disabled ? null : html` data-confirm="${s.confirmDisable(a.displayName)}"`}>${csrfField(viewer.csrfToken)}<button type="submit" data-testid="account-${action}" aria-label="${a.disabled ? s.enable : s.disable}：${a.displayName}（${a.username}）">${a.disabled ? s.enable : s.disable}</button></form>`
      }</td></tr>`;
    },
  )}</tbody></table>`;
}
