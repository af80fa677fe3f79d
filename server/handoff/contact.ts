import type { ContactKind } from "../storage/types.js";
import { sameSecret } from "../http/secrets.js";
import { lookupHash } from "./codes.js";

/** A mobile number (11 digits) or a landline with its area code (0554-1234567), as digits. */
export const PHONE = /^(1[3-9]\d{9}|0\d{9,11})$/;

/** "+86 139 1234 5678", "0554－1234567", "１３９…" → digits only (the country code dropped). */
export function normalizePhone(input: string): string {
  const digits = input.normalize("NFKC").replace(/[\s\-()（）]/g, "");
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export const normalizeEmail = (input: string) => input.normalize("NFKC").trim();

/** What the console's lists show: enough to tell requests apart, not enough to call anyone. */
export function redactContact(
  contact: string | undefined,
  kind: ContactKind | undefined,
): string | undefined {
  if (!contact) return undefined;
  if (kind === "email" || (!kind && contact.includes("@"))) {
    const [local = "", domain = ""] = contact.split("@");
    return `${[...local][0] ?? ""}***@${domain}`;
  }
  const digits = contact.replace(/\D/g, "");
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  // Free text from before the desk ("王先生 0554…" without enough digits): only its first character.
  return `${[...contact][0] ?? ""}***`;
}

/**
 * Whether `check` proves the person asking is the one who made the request: the last four digits of
 * the phone number, the whole e-mail address (case aside), or the lookup code. Compared in constant time.
 */
export function provesRequest(
  handoff: { contact?: string; contactKind?: ContactKind; lookupHash?: string },
  check: string,
): boolean {
  const given = check.normalize("NFKC").trim();
  if (!given) return false;
  if (handoff.lookupHash) return sameSecret(lookupHash(given), handoff.lookupHash);
  if (!handoff.contact) return false;
  if (handoff.contactKind === "email" || (!handoff.contactKind && /^\S+@\S+$/.test(handoff.contact)))
    return sameSecret(given.toLowerCase(), handoff.contact.toLowerCase());
  const digits = handoff.contact.replace(/\D/g, "");
  return digits.length >= 4 && sameSecret(given, digits.slice(-4));
}
