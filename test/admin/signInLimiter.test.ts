import { describe, expect, it } from "vitest";
import { SignInLimiter } from "../../server/admin/signInLimiter.js";

function limiter(options: { max?: number; windowMs?: number; maxKeys?: number } = {}) {
  let now = 1_000_000;
  const l = new SignInLimiter(options.max ?? 3, options.windowMs ?? 60_000, options.maxKeys ?? 100, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

describe("SignInLimiter", () => {
  it("blocks an address and username after the allowed failures, for the rest of the window", () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter("10.0.0.1", "zhangsan")).toBe(0);
      l.fail("10.0.0.1", "zhangsan");
    }
    expect(l.retryAfter("10.0.0.1", "zhangsan")).toBe(60);
    advance(45_000);
    expect(l.retryAfter("10.0.0.1", "ZhangSan ")).toBe(15);
    advance(15_000);
    expect(l.retryAfter("10.0.0.1", "zhangsan")).toBe(0);
  });

  it("counts each address and username pair on its own", () => {
    const { l } = limiter({ max: 1 });
    l.fail("10.0.0.1", "zhangsan");
    expect(l.retryAfter("10.0.0.1", "zhangsan")).toBeGreaterThan(0);
    expect(l.retryAfter("10.0.0.2", "zhangsan")).toBe(0);
    expect(l.retryAfter("10.0.0.1", "lisi")).toBe(0);
  });

  it("forgets the failures after a successful sign-in", () => {
    const { l } = limiter({ max: 2 });
    l.fail("10.0.0.1", "zhangsan");
    l.succeed("10.0.0.1", "zhangsan");
    l.fail("10.0.0.1", "zhangsan");
    expect(l.retryAfter("10.0.0.1", "zhangsan")).toBe(0);
  });

  it("keeps a bounded number of entries, whatever usernames are tried", () => {
    const { l } = limiter({ max: 1, maxKeys: 10 });
    for (let i = 0; i < 1000; i++) l.fail("10.0.0.1", `user${i}`);
    expect((l as unknown as { failures: Map<string, unknown> }).failures.size).toBe(10);
    expect(l.retryAfter("10.0.0.1", "user999")).toBeGreaterThan(0);
  });
});
