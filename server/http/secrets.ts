import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Constant-time comparison of two secrets of any length: their SHA-256 digests have equal length, so
 * timingSafeEqual can compare them, and how long it takes says nothing about where they differ.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}
