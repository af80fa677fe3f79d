import { createHash, randomBytes } from "node:crypto";
import type { CookieOptions, Request, RequestHandler, Response } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { AppError } from "../http/errors.js";
import { isDirectLoopback } from "../http/loopback.js";
import { sameSecret } from "../http/secrets.js";
import { messages } from "../messages.js";
import type { StaffSession } from "../storage/types.js";
import { dummyHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./passwords.js";
import { SignInLimiter } from "./signInLimiter.js";
import { signInPage } from "./views/signIn.js";

/**
 * Staff sessions for /admin.
 *
 * - The session cookie `tdf_admin` holds 32 random bytes; the database keeps only their SHA-256, so a
 *   leaked database cannot be replayed as a cookie. HttpOnly, SameSite=Strict, Path=/admin, 8 hours.
 * - Secure by default, whatever NODE_ENV says (npm start does not set it), so the cookie never travels
 *   over plain HTTP: the console must be served over HTTPS (a TLS-terminating proxy is fine and needs
 *   no `trust proxy` for this). Two ways out: outside production, a request straight from this machine
 *   (isDirectLoopback: http://127.0.0.1 or http://localhost, no proxy) gets a cookie without Secure, so
 *   local use and scripts work; and ADMIN_ALLOW_HTTP=true drops Secure everywhere, for a console
 *   deliberately served over plain HTTP on a trusted network.
 * - CSRF: a random token per session, embedded as a hidden `_csrf` field in every form and required on
 *   every POST (or as the X-CSRF-Token header for the JSON API), compared in constant time. The sign-in
 *   form, which has no session yet, carries a token bound to a short-lived `tdf_admin_login` cookie
 *   (double submit), so a foreign site cannot sign a browser into an account of its choosing.
 * - Failed sign-ins are audit-logged, answered after a fixed delay, and limited per address and
 *   username, per address across usernames, and with growing waits for a username tried from
 *   addresses it never signed in from (signInLimiter.ts: never a lock a stranger can put on the real
 *   person); a refused attempt costs no scrypt. Unknown usernames cost the same scrypt work as known
 *   ones, and a disabled account answers like a wrong password.
 */
export const SESSION_COOKIE = "tdf_admin";
export const LOGIN_COOKIE = "tdf_admin_login";
export const SESSION_TTL_MS = 8 * 3_600_000;
const LOGIN_TTL_MS = 3_600_000;
export const CSRF_HEADER = "X-CSRF-Token";
export const FAILED_SIGN_IN_DELAY_MS = 300;
const DEFAULT_NEXT = "/admin/dashboard";
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type StaffRequest = Request & { staff?: StaffSession & { tokenHash: string } };

export const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** One cookie's value from the Cookie header (no cookie-parser needed for two cookies). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Only a path inside the console: never another site (no open redirect), never the sign-in itself. */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !/^\/admin(\/|\?|$)/.test(next)) return DEFAULT_NEXT;
  if (/[\\\s]|\/\/|(^|\/)\.\.?(\/|\?|$)|%2e|%2f|%5c|^\/admin\/sign-(in|out)/i.test(next)) return DEFAULT_NEXT;
  return next;
}

const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().max(2000).optional(),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class AdminAuth {
  constructor(
    private readonly services: Pick<AppServices, "storage" | "config" | "sharing">,
    readonly limiter = new SignInLimiter(
      {},
      services.sharing.limits.counters,
      services.sharing.limits.exclusive,
    ),
    private readonly failureDelayMs = FAILED_SIGN_IN_DELAY_MS,
  ) {}

  cookieOptions(req: Request, maxAge: number): CookieOptions {
    return { httpOnly: true, secure: this.secureCookie(req), sameSite: "strict", path: "/admin", maxAge };
  }

  private secureCookie(req: Request): boolean {
    const { env, adminAllowHttp } = this.services.config;
    if (req.secure) return true;
    if (adminAllowHttp) return false;
    return env === "production" || !isDirectLoopback(req);
  }

  /** The sign-in page with a fresh (or the current) login token; used for 401s too. */
  renderSignIn(
    req: Request,
    res: Response,
    status: number,
    view: { next?: string; username?: string; error?: string; notice?: string } = {},
  ): void {
    const current = readCookie(req, LOGIN_COOKIE);
    const token = current && TOKEN.test(current) ? current : newToken();
    res.cookie(LOGIN_COOKIE, token, this.cookieOptions(req, LOGIN_TTL_MS));
    res
      .status(status)
      .type("html")
      .send(signInPage({ csrfToken: token, ...view }));
  }

  /** Loads the session from the cookie or answers 401 (no cookie, unknown, expired or disabled account). */
  requireStaff: RequestHandler = async (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    const tokenHash = token && TOKEN.test(token) ? hashToken(token) : null;
    const session = tokenHash ? await this.services.storage.findSession(tokenHash, new Date()) : null;
    if (!session || !tokenHash) throw new AppError("unauthorized:admin", messages.admin.signIn.required);
    (req as StaffRequest).staff = { ...session, tokenHash };
    next();
  };

  /** Accounts and publishing reviewed answers: admins only (403 with a Chinese message for staff). */
  requireAdmin: RequestHandler = (req, _res, next) => {
    if ((req as StaffRequest).staff?.role !== "admin")
      throw new AppError("forbidden:admin_only", messages.admin.errors.adminOnly);
    next();
  };

  /** Every request that changes something must carry the session's CSRF token. */
  requireCsrf: RequestHandler = (req, _res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const staff = (req as StaffRequest).staff;
    const given = req.get(CSRF_HEADER) ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
    if (!staff || typeof given !== "string" || !sameSecret(given, staff.csrfToken))
      throw new AppError("forbidden:csrf", messages.admin.errors.forbidden);
    next();
  };

  signInForm: RequestHandler = async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token && TOKEN.test(token) && (await this.services.storage.findSession(hashToken(token), new Date())))
      return res.redirect(303, DEFAULT_NEXT);
    const notice = req.query.signed_out === "1" ? messages.admin.signIn.signedOut : undefined;
    this.renderSignIn(req, res, 200, {
      next: typeof req.query.next === "string" ? safeNext(req.query.next) : undefined,
      notice,
    });
  };

  signIn: RequestHandler = async (req, res) => {
    const t = messages.admin.signIn;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const loginToken = readCookie(req, LOGIN_COOKIE);
    const next = typeof body.next === "string" ? safeNext(body.next) : undefined;
    if (!loginToken || typeof body._csrf !== "string" || !sameSecret(body._csrf, loginToken)) {
      return this.renderSignIn(req, res, 403, { next, error: t.expired });
    }
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) return this.renderSignIn(req, res, 400, { next, error: t.failed });
    const { username, password } = parsed.data;
    const ip = req.ip ?? "unknown";
    const { storage } = this.services;

    // Counted before the password is checked, so parallel attempts cannot overrun the limits.
    const refused = await this.limiter.attempt(ip, username);
    if (refused) {
      await storage.audit(username, "sign_in_blocked", { ip, scope: refused.scope });
      res.setHeader("Retry-After", String(refused.retryAfter));
      return this.renderSignIn(req, res, 429, { next, username, error: t.tooMany(refused.retryAfter) });
    }
    const user = await storage.findStaffUser(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    // A disabled account is answered exactly like a wrong password (status, page, delay): the answer
    // must not tell a guesser that the password was right, or that the account exists.
    if (!user || !matches || user.disabled) {
      const reason = !user ? "unknown_user" : !matches ? "wrong_password" : "disabled";
      await storage.audit(username, reason === "disabled" ? "sign_in_refused_disabled" : "sign_in_failed", {
        ip,
        reason,
      });
      await sleep(this.failureDelayMs);
      return this.renderSignIn(req, res, 401, { next, username, error: t.failed });
    }
    await this.limiter.succeed(ip, username);
    // A new token at every sign-in: a token planted before signing in (session fixation) is worthless.
    const session = newToken();
    await storage.createSession(
      hashToken(session),
      user.id,
      newToken(),
      new Date(Date.now() + SESSION_TTL_MS),
    );
    await storage.audit(username, "sign_in", { ip });
    res.cookie(SESSION_COOKIE, session, this.cookieOptions(req, SESSION_TTL_MS));
    res.clearCookie(LOGIN_COOKIE, { ...this.cookieOptions(req, 0), maxAge: undefined });
    res.redirect(303, next ?? DEFAULT_NEXT);
  };

  signOut: RequestHandler = async (req, res) => {
    const staff = (req as StaffRequest).staff!;
    await this.services.storage.deleteSession(staff.tokenHash);
    await this.services.storage.audit(staff.username, "sign_out", { ip: req.ip });
    res.clearCookie(SESSION_COOKIE, { ...this.cookieOptions(req, 0), maxAge: undefined });
    res.redirect(303, "/admin/sign-in?signed_out=1");
  };
}
