import { describe, expect, it } from "vitest";
import { SignInLimiter, type SignInLimits } from "../../server/admin/signInLimiter.js";

function limiter(limits: Partial<SignInLimits> = {}) {
  let now = 1_000_000;
  const l = new SignInLimiter(
    { perAddressAndUsername: 3, perUsername: 5, perAddress: 8, windowMs: 60_000, maxKeys: 100, ...limits },
    () => now,
  );
  return { l, advance: (ms: number) => (now += ms) };
}

/** `times` failed attempts (each counted when it starts; a failure is never given back). */
function fail(l: SignInLimiter, ip: string, username: string, times = 1): void {
  for (let i = 0; i < times; i++) expect(l.attempt(ip, username), `${ip} ${username} #${i + 1}`).toBeNull();
}

describe("SignInLimiter", () => {
  describe("per address and username", () => {
    it("refuses the pair after the allowed failures, for the rest of the window", () => {
      const { l, advance } = limiter();
      fail(l, "10.0.0.1", "zhangsan", 3);
      expect(l.attempt("10.0.0.1", "zhangsan")).toEqual({ retryAfter: 60, scope: "address_username" });
      advance(45_000);
      expect(l.attempt("10.0.0.1", "ZhangSan ")?.retryAfter).toBe(15);
      advance(15_000);
      expect(l.attempt("10.0.0.1", "zhangsan")).toBeNull();
    });

    it("counts each pair on its own", () => {
      const { l } = limiter({ perAddressAndUsername: 1 });
      fail(l, "10.0.0.1", "zhangsan");
      expect(l.attempt("10.0.0.1", "zhangsan")).not.toBeNull();
      expect(l.attempt("10.0.0.2", "zhangsan")).toBeNull();
      expect(l.attempt("10.0.0.1", "lisi")).toBeNull();
    });

    it("forgets the pair's failures after a successful sign-in", () => {
      const { l } = limiter({ perAddressAndUsername: 2 });
      fail(l, "10.0.0.1", "zhangsan");
      l.attempt("10.0.0.1", "zhangsan");
      l.succeed("10.0.0.1", "zhangsan");
      fail(l, "10.0.0.1", "zhangsan");
      expect(l.attempt("10.0.0.1", "zhangsan")).toBeNull();
    });
  });

  describe("per address, across usernames", () => {
    it("refuses an address that sprays usernames, for every username, and no other address", () => {
      const { l } = limiter();
      for (let i = 0; i < 8; i++) fail(l, "10.0.0.1", `user${i}`);
      expect(l.attempt("10.0.0.1", "someone-new")).toEqual({ retryAfter: 60, scope: "address" });
      expect(l.attempt("10.0.0.1", "zhangsan")?.scope).toBe("address");
      expect(l.attempt("10.0.0.2", "someone-new")).toBeNull();
    });

    it("lets an office behind one address sign in: successes are given back", () => {
      const { l } = limiter();
      for (let i = 0; i < 30; i++) {
        expect(l.attempt("10.0.0.1", `staff${i}`)).toBeNull();
        l.succeed("10.0.0.1", `staff${i}`);
      }
      expect(l.attempt("10.0.0.1", "staff99")).toBeNull();
    });
  });

  describe("per username, across addresses", () => {
    it("refuses a username guessed from many addresses, from any address, and no other username", () => {
      const { l } = limiter();
      for (let i = 0; i < 5; i++) fail(l, `10.0.1.${i}`, "zhangsan");
      expect(l.attempt("10.0.9.9", "zhangsan")).toEqual({ retryAfter: 60, scope: "username" });
      expect(l.attempt("10.0.9.9", "lisi")).toBeNull();
    });

    it("does not hand the guessers a fresh budget when the owner signs in", () => {
      const { l } = limiter();
      for (let i = 0; i < 4; i++) fail(l, `10.0.1.${i}`, "zhangsan");
      expect(l.attempt("10.0.0.100", "zhangsan")).toBeNull();
      l.succeed("10.0.0.100", "zhangsan");
      fail(l, "10.0.2.1", "zhangsan");
      expect(l.attempt("10.0.2.2", "zhangsan")?.scope).toBe("username");
    });
  });

  it("counts an attempt before its password is checked: a burst cannot overrun the limit", () => {
    const { l } = limiter();
    const allowed = Array.from({ length: 50 }, () => l.attempt("10.0.0.1", "zhangsan")).filter(
      (r) => r === null,
    );
    expect(allowed).toHaveLength(3);
  });

  describe("when made-up usernames flood it", () => {
    it("keeps a bounded number of keys", () => {
      const { l } = limiter({ perAddress: 10_000, perUsername: 1, maxKeys: 10 });
      for (let i = 0; i < 1000; i++) l.attempt("10.0.0.1", `user${i}`);
      const sizes = l.sizes();
      expect(sizes.username).toBeLessThanOrEqual(10);
      expect(sizes.address_username).toBeLessThanOrEqual(10);
    });

    it("never evicts a blocked key to make room: the block holds", () => {
      const { l } = limiter({ perAddress: 100_000, perUsername: 100_000, maxKeys: 10 });
      fail(l, "10.0.0.1", "zhangsan", 3);
      for (let i = 0; i < 1000; i++) l.attempt("10.0.0.1", `user${i}`);
      expect(l.attempt("10.0.0.1", "zhangsan")?.scope).toBe("address_username");
    });

    it("makes room from expired keys first", () => {
      const { l, advance } = limiter({ perAddress: 100_000, perUsername: 100_000, maxKeys: 3 });
      fail(l, "10.0.0.1", "a", 3);
      fail(l, "10.0.0.1", "b", 3);
      fail(l, "10.0.0.1", "c", 3);
      advance(60_000);
      fail(l, "10.0.0.1", "d", 3);
      expect(l.attempt("10.0.0.1", "d")?.scope).toBe("address_username");
    });
  });
});
