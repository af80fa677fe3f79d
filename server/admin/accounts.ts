import * as z from "zod";
import { messages } from "../messages.js";
import type { Storage } from "../storage/types.js";
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
  storage: Storage,
  username: string,
  displayName: string,
  password: string,
  by: string,
): Promise<string> {
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
export async function changePassword(
  storage: Storage,
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

export async function disableAccount(storage: Storage, username: string, by: string): Promise<string> {
  const name = checkUsername(username);
  if (!(await storage.findStaffUser(name))) throw new AccountError(c.unknown(name));
  await storage.setStaffDisabled(name, true);
  await storage.deleteSessionsOf(name);
  await storage.audit(name, "account_disable", { by });
  return c.disabled(name);
}
