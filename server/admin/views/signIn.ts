import { messages } from "../../messages.js";
import { html } from "../html.js";
import { page } from "./layout.js";

const t = messages.admin.signIn;

export interface SignInView {
  /** The sign-in form's own CSRF token (before there is a session, it is bound to a cookie). */
  csrfToken: string;
  /** Where to go after signing in. */
  next?: string;
  username?: string;
  error?: string;
  notice?: string;
}

export function signInPage(view: SignInView): string {
  return page(
    t.title,
    html`<p>${t.intro}</p>
${view.error ? html`<p class="error" role="alert" data-testid="sign-in-error">${view.error}</p>` : null}
<form class="sign-in" method="post" action="/admin/sign-in" data-testid="sign-in-form">
  <input type="hidden" name="_csrf" value="${view.csrfToken}">
  ${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : null}
  <label>${t.username}<input name="username" autocomplete="username" required maxlength="64" value="${view.username ?? ""}" data-testid="username"></label>
  <label>${t.password}<input name="password" type="password" autocomplete="current-password" required maxlength="1024" data-testid="password"></label>
  <button type="submit" data-testid="sign-in">${t.submit}</button>
</form>`,
    { notice: view.notice },
  );
}
