import { describe, expect, it } from "vitest";
import { sameSecret } from "../../server/http/secrets.js";

describe("sameSecret", () => {
  it("is true only for the same secret", () => {
    expect(sameSecret("m3trics-t0ken", "m3trics-t0ken")).toBe(true);
    expect(sameSecret("m3trics-t0keN", "m3trics-t0ken")).toBe(false);
    expect(sameSecret("", "m3trics-t0ken")).toBe(false);
  });

  it("compares secrets of different lengths without throwing (timingSafeEqual alone would)", () => {
    expect(sameSecret("m3trics-t0ken-and-more", "m3trics-t0ken")).toBe(false);
    expect(sameSecret("m3trics", "m3trics-t0ken")).toBe(false);
  });

  it("handles Chinese text", () => {
    expect(sameSecret("令牌甲", "令牌甲")).toBe(true);
    expect(sameSecret("令牌甲", "令牌乙")).toBe(false);
  });
});
