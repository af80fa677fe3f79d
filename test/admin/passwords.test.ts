import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, SCRYPT, verifyPassword } from "../../server/admin/passwords.js";

const PASSWORD = "淮南经信局-碳达峰2026";

describe("hashPassword", () => {
  it("stores scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword(PASSWORD);
    const [scheme, N, r, p, salt, hash] = stored.split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64url")).toHaveLength(32);
    expect(stored).not.toContain(PASSWORD);
  });

  it("is scrypt itself: the key can be recomputed from the stored salt", async () => {
    const [, , , , salt, hash] = (await hashPassword(PASSWORD)).split("$");
    const key = scryptSync(PASSWORD, Buffer.from(salt!, "base64url"), 32, {
      N: SCRYPT.N,
      r: SCRYPT.r,
      p: SCRYPT.p,
      maxmem: 64 * 1024 * 1024,
    });
    expect(key.toString("base64url")).toBe(hash);
  });

  it("salts every hash: the same password hashes differently twice", async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });
});

describe("verifyPassword", () => {
  it("accepts the password and refuses any other", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, stored)).toBe(false);
    expect(await verifyPassword("淮南经信局-碳达峰2025", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("treats the composed and decomposed forms of an accented character as the same password", async () => {
    const stored = await hashPassword("Café-de-Huainan");
    expect(await verifyPassword("Cafe\u0301-de-Huainan", stored)).toBe(true);
  });

  it("verifies with the parameters written in the stored hash, so the cost can be raised later", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const older = `scrypt$16384$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword(PASSWORD, older)).toBe(true);
    expect(await verifyPassword("wrong password!", older)).toBe(false);
  });

  it("refuses, without throwing, a malformed or tampered stored hash", async () => {
    const [, , , , salt, hash] = (await hashPassword(PASSWORD)).split("$");
    for (const stored of [
      "",
      "plain-text-password",
      `bcrypt$32768$8$1$${salt}$${hash}`,
      `scrypt$32768$8$1$${salt}`,
      `scrypt$30000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, // would take seconds and a gigabyte
      `scrypt$32768$8$1$$${hash}`, // no salt
      `scrypt$32768$8$1$${salt}$`, // no hash
      `scrypt$32768$8$1$${salt}$${hash!.slice(0, -4)}`, // a shorter key than was stored
    ]) {
      expect(await verifyPassword(PASSWORD, stored), stored).toBe(false);
    }
  });
});

describe("dummyHash", () => {
  it("is a real scrypt hash (so an unknown username costs the same work) that no guess matches", async () => {
    const stored = await dummyHash();
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await dummyHash()).toBe(stored);
    expect(await verifyPassword("", stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });
});
