import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Staff passwords, hashed with scrypt (memory-hard, in Node without a native add-on). Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64url) so the cost can be raised later: a stored hash
 * is always verified with the parameters written in it.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

// N=2^15, r=8 needs 128·N·r = 32 MiB plus a little, just over Node's default maxmem of 32 MiB.
const MAX_MEMORY = 64 * 1024 * 1024;
// Bounds on parameters read back from the database, so a corrupted row cannot pin the CPU or memory.
const MAX_N = 2 ** 20;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyBytes: number,
): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: Math.max(MAX_MEMORY, 256 * N * r) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyBytes);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/** True when the password matches; false for a wrong password or a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!valid(N, MAX_N) || (N & (N - 1)) !== 0 || !valid(r, 32) || !valid(p, 16)) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 16 || expected.length < 32 || expected.length > 128) return false;
  const actual = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A hash to verify against when the username is unknown, so that a sign-in for an account that does
 * not exist takes as long as one for an account that does (no username probing by timing).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(18).toString("base64url"));
  return dummy;
}
