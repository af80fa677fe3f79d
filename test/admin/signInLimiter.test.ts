import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignInLimiter, type LimiterStore, type SignInLimits } from "../../server/admin/signInLimiter.js";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-03-02T09:00:00+08:00") });
});
afterEach(() => {
  vi.useRealTimers();
});

const SMALL: Partial<SignInLimits> = {
  perAddressAndUsername: 3,
  perAddress: 8,
  windowMs: 60_000,
  strangerFreeFailures: 2,
  strangerFirstDelayMs: 1000,
  strangerMaxDelayMs: 8000,
};
const limiter = (limits: Partial<SignInLimits> = {}) => new SignInLimiter({ ...SMALL, ...limits });

/** `times` failed attempts: each is let through and, with no succeed(), stays counted. */
async function fail(l: SignInLimiter, ip: string, username: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++)
    expect(await l.attempt(ip, username), `${ip} ${username} #${i + 1}`).toBeNull();
}
const advance = (ms: number) => vi.advanceTimersByTime(ms);

describe("SignInLimiter", () => {
  describe("per address and username", () => {
    it("refuses the pair after the allowed failures, for the rest of the window", async () => {
      const l = limiter();
      await fail(l, "10.0.0.1", "zhangsan", 3);
      expect(await l.attempt("10.0.0.1", "zhangsan")).toEqual({ retryAfter: 60, scope: "address_username" });
      advance(45_000);
      expect((await l.attempt("10.0.0.1", "ZhangSan "))?.retryAfter).toBe(15);
      advance(15_000);
      expect(await l.attempt("10.0.0.1", "zhangsan")).toBeNull();
    });

    it("forgets the pair's failures after a successful sign-in", async () => {
      const l = limiter();
      await fail(l, "10.0.0.1", "zhangsan", 2);
      expect(await l.attempt("10.0.0.1", "zhangsan")).toBeNull();
      await l.succeed("10.0.0.1", "zhangsan");
      await fail(l, "10.0.0.1", "zhangsan", 3);
    });
  });

  describe("per address, across usernames", () => {
    it("refuses an address that sprays usernames, for every username, and no other address", async () => {
      const l = limiter({ strangerFreeFailures: 100 });
      for (let i = 0; i < 8; i++) await fail(l, "10.0.0.1", `user${i}`);
      expect(await l.attempt("10.0.0.1", "someone-new")).toEqual({ retryAfter: 60, scope: "address" });
      expect(await l.attempt("10.0.0.2", "someone-new")).toBeNull();
    });

    it("lets an office behind one address sign in: successes are given back", async () => {
      const l = limiter();
      for (let i = 0; i < 30; i++) {
        expect(await l.attempt("10.0.0.1", `staff${i}`)).toBeNull();
        await l.succeed("10.0.0.1", `staff${i}`);
      }
      expect(await l.attempt("10.0.0.1", "staff99")).toBeNull();
    });
  });

  describe("a username tried by strangers from many addresses", () => {
    it("makes each further attempt from a new address wait, longer each time, up to the longest wait", async () => {
      const l = limiter();
      await fail(l, "10.0.1.1", "zhangsan");
      await fail(l, "10.0.1.2", "zhangsan");
      // Two free failures; the third is let through and makes the next one wait 1 s, then 2, 4, 8, 8 …
      const waits: number[] = [];
      for (let i = 3; i < 9; i++) {
        await fail(l, `10.0.1.${i}`, "zhangsan");
        const refused = await l.attempt(`10.0.2.${i}`, "zhangsan");
        expect(refused?.scope).toBe("username");
        waits.push(refused!.retryAfter);
        advance(refused!.retryAfter * 1000);
      }
      expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    });

    it("never holds up the real person at the address they signed in from before", async () => {
      const l = limiter();
      expect(await l.attempt("10.0.0.100", "zhangsan")).toBeNull();
      await l.succeed("10.0.0.100", "zhangsan");
      for (let i = 0; i < 12; i++) {
        const refused = await l.attempt(`10.0.1.${i}`, "zhangsan");
        if (refused) advance(refused.retryAfter * 1000);
        else continue;
        await fail(l, `10.0.1.${i}`, "zhangsan");
      }
      expect((await l.attempt("10.0.9.9", "zhangsan"))?.scope).toBe("username");
      // The owner, from the usual address, right away, however many strangers failed.
      expect(await l.attempt("10.0.0.100", "zhangsan")).toBeNull();
      await l.succeed("10.0.0.100", "zhangsan");
      // And a sign-in does not hand the strangers a fresh budget.
      expect((await l.attempt("10.0.9.9", "zhangsan"))?.scope).toBe("username");
    });

    it("lets the real person in from a new address after a wait of minutes at most, never a lock", async () => {
      const l = limiter({ strangerMaxDelayMs: 5 * 60_000 });
      for (let i = 0; i < 200; i++) {
        const refused = await l.attempt(`10.1.${i >> 8}.${i & 255}`, "zhangsan");
        if (refused) advance(refused.retryAfter * 1000);
        else continue;
        await fail(l, `10.1.${i >> 8}.${i & 255}`, "zhangsan");
      }
      const refused = await l.attempt("10.0.0.200", "zhangsan");
      expect(refused!.retryAfter).toBeLessThanOrEqual(300);
      advance(refused!.retryAfter * 1000);
      expect(await l.attempt("10.0.0.200", "zhangsan")).toBeNull();
    });

    it("leaves other usernames alone", async () => {
      const l = limiter();
      for (let i = 0; i < 3; i++) await fail(l, `10.0.1.${i}`, "zhangsan");
      expect(await l.attempt("10.0.1.99", "lisi")).toBeNull();
    });
  });

  it("counts an attempt before its password is checked: a parallel burst cannot overrun the limit", async () => {
    const l = limiter();
    const results = await Promise.all(Array.from({ length: 50 }, () => l.attempt("10.0.0.1", "zhangsan")));
    expect(results.filter((r) => r === null)).toHaveLength(2 + 1);
  });

  it("takes its counters from a store factory (a PostgreSQL store plugs in the same way)", async () => {
    const made: string[] = [];
    const store: LimiterStore = (options) => {
      made.push(options.keyPrefix);
      return new RateLimiterMemory(options);
    };
    const l = new SignInLimiter(SMALL, store);
    await fail(l, "10.0.0.1", "zhangsan");
    expect(made.sort()).toEqual([
      "signin_addr",
      "signin_known",
      "signin_pair",
      "signin_user",
      "signin_user_wait",
    ]);
  });
});
