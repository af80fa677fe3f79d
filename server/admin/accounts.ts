import * as z from "zod";
import { messages } from "../messages.js";
import type { AuditStore, StaffAccount, StaffRole, StaffStore } from "../storage/types.js";

/** What the account commands touch: the accounts, their sessions, and the audit log. */
type AccountStore = StaffStore & AuditStore;
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords.js";

const c = messages.admin.cli;

/** A mistake the operator can fix; the CLI prints the message and exits with status 1. */
export class AccountError extends Error {
  override name = "AccountError";
}

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);
const displayNameSchema = z.string().trim().min(1).max(40);

export function checkUsername(username: string): string {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success)
    throw new AccountError(
      messages.validation.field(messages.admin.fields.username, messages.admin.validation.username),
    );
  return parsed.data;
}

export function checkPassword(password: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new AccountError(c.passwordTooShort(MIN_PASSWORD_LENGTH));
  if (password.length > MAX_PASSWORD_LENGTH) throw new AccountError(c.passwordTooLong(MAX_PASSWORD_LENGTH));
  return password;
}

export async function createAccount(
  storage: AccountStore,
  username: string,
  displayName: string,
  password: string,
  by: string,
  role: StaffRole = "staff",
): Promise<string> {
  const name = checkUsername(username);
  const display = displayNameSchema.safeParse(displayName);
  if (!display.success) throw new AccountError(c.displayNameInvalid);
  checkPassword(password);
  if (await storage.findStaffUser(name)) throw new AccountError(c.exists(name));
  await storage.createStaffUser(name, display.data, await hashPassword(password), role);
  await storage.audit(name, "account_create", { by, displayName: display.data, role });
  return c.created(name, display.data, messages.admin.roles[role]!);
}

/** A new password also ends every session of the account: whoever knew the old one is signed out. */
export async function changePassword(
  storage: AccountStore,
  username: string,
  password: string,
  by: string,
): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  checkPassword(password);
  await storage.setStaffPassword(name, await hashPassword(password));
  await storage.deleteSessionsOf(name);
  await storage.audit(name, "account_password", { by });
  return c.passwordChanged(name);
}

export async function disableAccount(storage: AccountStore, username: string, by: string): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  await storage.setStaffDisabled(name, true);
  await storage.deleteSessionsOf(name);
  await storage.audit(name, "account_disable", { by });
  return c.disabled(name);
}

/** Re-enables a disabled account; its password is the one it had (change it with passwd if in doubt). */
export async function enableAccount(storage: AccountStore, username: string, by: string): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  await storage.setStaffDisabled(name, false);
  await storage.audit(name, "account_enable", { by });
  return c.enabled(name);
}

export function checkRole(role: string): StaffRole {
  if (role === "staff" || role === "admin") return role;
  throw new AccountError(c.roleInvalid);
}

/** A new role takes effect at once: the account's sessions end, so no page keeps the old menu. */
export async function setRole(
  storage: AccountStore,
  username: string,
  role: StaffRole,
  by: string,
): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  await storage.setStaffRole(name, role);
  await storage.deleteSessionsOf(name);
  await storage.audit(name, "account_role", { by, role });
  return c.roleChanged(name, messages.admin.roles[role]!);
}

/** One line an account, for `npm run staff -- list`. */
export function describeAccounts(accounts: StaffAccount[]): string[] {
  if (!accounts.length) return [c.noAccounts];
  return accounts.map((a) =>
    c.accountLine(
      a.username,
      a.displayName,
      messages.admin.roles[a.role]!,
      a.disabled ? messages.admin.accounts.disabled : messages.admin.accounts.enabled,
      a.createdAt.slice(0, 10),
    ),
  );
}
