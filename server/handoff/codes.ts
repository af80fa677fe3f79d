import { createHash, randomInt } from "node:crypto";
import { beijingDay } from "../time.js";

/**
 * Letters and digits a person reads off a screen and types without mistakes: no 0/O, 1/I/L, 2/Z,
 * 5/S or 8/B pairs to confuse. Twenty-five symbols: six of them make about 2.4×10⁸ codes.
 */
export const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";

export function randomCode(length: number): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** RG-20260115-AC7KQX: the Beijing day the request came in (for staff), then six random symbols. */
export function newReference(at: Date): string {
  return `RG-${beijingDay(at).replace(/-/g, "")}-${randomCode(6)}`;
}

export const REFERENCE = /^RG-\d{8}-[A-Z0-9]{6}$/;

/**
 * A reference as people type it back: full-width forms, lower case, spaces, missing or other dashes
 * ("rg 20260115 ac7kqx", "ＲＧ２０２６…"). Anything that is not a reference comes back unchanged.
 */
export function normalizeReference(input: string): string {
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_—–－·.]/g, "");
  const match = /^RG(\d{8})([A-Z0-9]{6})$/.exec(compact);
  return match ? `RG-${match[1]}-${match[2]}` : input.trim();
}

/** The lookup code of a person who left no contact: only its digest is stored. */
export const newLookupCode = () => randomCode(6);
export const lookupHash = (code: string) =>
  createHash("sha256")
    .update(`handoff-lookup:${code.normalize("NFKC").toUpperCase().trim()}`)
    .digest("hex");
