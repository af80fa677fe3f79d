import { messages } from "../../messages.js";
import { html, type Html } from "../html.js";

const t = messages.admin;

export type Section = keyof typeof t.nav;

export interface Viewer {
  displayName: string;
  csrfToken: string;
  role?: "staff" | "admin";
  /** Handoffs waiting for staff (open or taken, not yet answered), shown beside 人工服务. */
  pendingHandoffs?: number;
}

const ADMIN_ONLY: ReadonlySet<Section> = new Set(["accounts"]);

const NAV: Array<[Section, string]> = [
  ["dashboard", "/admin/dashboard"],
  ["enquiries", "/admin/enquiries"],
  ["improve", "/admin/improve"],
  ["topics", "/admin/topics"],
  ["handoffs", "/admin/handoffs"],
  ["feedback", "/admin/feedback"],
  ["calculations", "/admin/calculations"],
  ["curated", "/admin/curated"],
  ["audit", "/admin/audit"],
  ["accounts", "/admin/accounts"],
];

/** The hidden field every form carries; the server compares it with the session's token. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** Every console page: one stylesheet and one deferred script from /admin/static, nothing inline. */
export function page(
  title: string,
  body: Html,
  options: { viewer?: Viewer; section?: Section; notice?: string } = {},
): string {
  const { viewer, section, notice } = options;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
${viewer ? html`<meta name="csrf-token" content="${viewer.csrfToken}">` : null}
<title>${title} · ${t.product}</title>
<link rel="stylesheet" href="/admin/static/admin.css">
<script src="/admin/static/admin.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="top">
  <span class="product">${t.product}</span>
  ${
    viewer
      ? html`<nav aria-label="${t.navLabel}"><ul>${NAV.filter(
          ([key]) => viewer.role === "admin" || !ADMIN_ONLY.has(key),
        ).map(
          ([key, href]) =>
            html`<li><a href="${href}"${key === section ? html` aria-current="page"` : null} data-testid="nav-${key}">${t.nav[key]}${key === "handoffs" && viewer.pendingHandoffs ? html` <span class="badge" data-testid="nav-pending">${t.pendingBadge(viewer.pendingHandoffs)}</span>` : null}</a></li>`,
        )}</ul></nav>
  <form class="signout" method="post" action="/admin/sign-out">${csrfField(viewer.csrfToken)}<span>${t.signedInAs(viewer.displayName)}</span> <button type="submit" data-testid="sign-out">${t.signOut}</button></form>`
      : null
  }
</header>
<main id="main">
<h1>${title}</h1>
${notice ? html`<p class="notice" role="status" data-testid="notice">${notice}</p>` : null}
${body}
</main>
</body>
</html>`.value;
}

export function errorPage(message: string, viewer?: Viewer): string {
  return page(
    t.errors.title,
    html`<p class="error" role="alert" data-testid="error">${message}</p><p><a href="/admin/dashboard">${t.errors.back}</a></p>`,
    { viewer },
  );
}
