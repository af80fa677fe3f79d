import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  lookupHash,
  newReference,
  normalizeReference,
  randomCode,
  REFERENCE,
} from "../../server/handoff/codes.js";

describe("reference numbers and lookup codes", () => {
  it("use no pair of symbols people confuse when they read one aloud or type it back", () => {
    for (const confusable of ["0", "O", "1", "I", "L", "2", "Z", "5", "S", "8", "B"])
      expect(CODE_ALPHABET).not.toContain(confusable);
    const codes = Array.from({ length: 2000 }, () => randomCode(6));
    // 25^6 codes: among 2,000 a repeat happens about once in 120 runs (the birthday bound), more than a
    // few only when the generator is broken.
    expect(new Set(codes).size).toBeGreaterThanOrEqual(1995);
    expect(new Set(codes.join("")).size).toBe(CODE_ALPHABET.length);
  });

  it("date a reference by Beijing's calendar (16:30 UTC is already the next day there)", () => {
    const reference = newReference(new Date("2026-01-15T16:30:00Z"));
    expect(reference).toMatch(REFERENCE);
    expect(reference.slice(0, 12)).toBe("RG-20260116-");
  });

  describe("a reference typed back", () => {
    it.each([
      ["rg-20260115-ac7kqx", "RG-20260115-AC7KQX"],
      [" RG 20260115 AC7KQX ", "RG-20260115-AC7KQX"],
      ["RG20260115AC7KQX", "RG-20260115-AC7KQX"],
      ["ＲＧ－２０２６０１１５－ＡＣ７ＫＱＸ", "RG-20260115-AC7KQX"],
      ["RG—20260115—AC7KQX", "RG-20260115-AC7KQX"],
    ])("%s reads as %s", (typed, reference) => {
      expect(normalizeReference(typed)).toBe(reference);
    });

    it("is left alone when it is not a reference at all", () => {
      expect(normalizeReference(" 12345 ")).toBe("12345");
    });
  });

  it("digest a lookup code whatever its case or width", () => {
    expect(lookupHash("ac7kqx")).toBe(lookupHash("AC7KQX"));
    expect(lookupHash("ＡＣ７ＫＱＸ")).toBe(lookupHash("AC7KQX"));
    expect(lookupHash("AC7KQY")).not.toBe(lookupHash("AC7KQX"));
  });
});
