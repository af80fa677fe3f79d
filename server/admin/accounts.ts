import * as z from "zod";
import { messages } from "../messages.js";
import { SqliteStorage } from "../storage/sqliteStorage.js";
import type { Storage } from "../storage/types.js";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords.js";

const c = messages.admin.cli;

/** A mistake the operator can fix; the CLI prints the message and exits with status 1. */
export class AccountError extends Error {
  override name = "AccountError";
}

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);
const displayNameSchema = z.string().trim().min(1).max(40);

export function checkUsername(username: string): string {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) throw new AccountError(messages.validation.field(messages.admin.fields.username, messages.admin.validation.username));
  return parsed.data;
}

export function checkPassword(password: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AccountError(c.passwordTooShort(MIN_PASSWORD_LENGTH));
  if (password.length > MAX_PASSWORD_LENGTH) throw new AccountError(c.passwordTooLong(MAX_PASSWORD_LENGTH));
  return password;
}

/**
 * What Storage does not offer yet: disabling an account and ending its sessions. Used through the
 * interface when an implementation has them, otherwise directly on SQLite's database.
 */
type AccountStorage = Storage & Partial<{ setStaffDisabled(username: string, disabled: boolean): Promise<boolean>; deleteSessionsOf(username: string): Promise<number> }>;

async function setDisabled(storage: AccountStorage, username: string): Promise<void> {
  if (storage.setStaffDisabled) {
    await storage.setStaffDisabled(username, true);
    return;
  }
  if (!(storage instanceof SqliteStorage)) throw new AccountError("This storage cannot disable accounts: add setStaffDisabled to it.");
  storage.db.prepare("UPDATE staff_users SET disabled = 1 WHERE username = ?").run(username);
}

async function endSessions(storage: AccountStorage, username: string): Promise<void> {
  if (storage.deleteSessionsOf) {
    await storage.deleteSessionsOf(username);
    return;
  }
  if (!(storage instanceof SqliteStorage)) throw new AccountError("This storage cannot end sessions: add deleteSessionsOf to it.");
  storage.db.prepare("DELETE FROM staff_sessions WHERE user_id = (SELECT id FROM staff_users WHERE username = ?)").run(username);
}

export async function createAccount(storage: Storage, username: string, displayName: string, password: string, by: string): Promise<string> {
  const name = checkUsername(username);
  const display = displayNameSchema.safeParse(displayName);
  if (!display.success) throw new AccountError(c.displayNameInvalid);
  checkPassword(password);
  if (await storage.findStaffUser(name)) throw new AccountError(c.exists(name));
  await storage.createStaffUser(name, display.data, await hashPassword(password));
  await storage.audit(name, "account_create", { by, displayName: display.data });
  return c.created(name, display.data);
}

/** A new password also ends every session of the account: whoever knew the old one is signed out. */
export async function changePassword(storage: Storage, username: string, password: string, by: string): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  checkPassword(password);
  await storage.setStaffPassword(name, await hashPassword(password));
  await endSessions(storage, name);
  await storage.audit(name, "account_password", { by });
  return c.passwordChanged(name);
}

export async function disableAccount(storage: Storage, username: string, by: string): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  await setDisabled(storage, name);
  await endSessions(storage, name);
  await storage.audit(name, "account_disable", { by });
  return c.disabled(name);
}
