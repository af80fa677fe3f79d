import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { places, round, roundHalfAwayFromZero } from "../../server/calculators/rounding.js";

describe("roundHalfAwayFromZero", () => {
  it("rounds halves away from zero, also where binary floats fall just short", () => {
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.68);
    expect(roundHalfAwayFromZero(6.25, 1)).toBe(6.3);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
  });

  it("removes the noise of float products", () => {
    expect(0.5306 * 3).not.toBe(1.5918);
    expect(roundHalfAwayFromZero(0.5306 * 3, 4)).toBe(1.5918);
    expect(roundHalfAwayFromZero(0.1 + 0.2, 2)).toBe(0.3);
  });

  it("handles very large and very small numbers and never returns -0", () => {
    expect(roundHalfAwayFromZero(1e21, 2)).toBe(1e21);
    expect(roundHalfAwayFromZero(0.000001234, 7)).toBe(0.0000012);
    expect(Object.is(roundHalfAwayFromZero(-0.004, 2), 0)).toBe(true);
  });

  it("refuses non-finite values", () => {
    expect(() => roundHalfAwayFromZero(Number.NaN, 2)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 2)).toThrow(RangeError);
  });

  it("is idempotent and moves a value by at most half a unit of the last place", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const r = roundHalfAwayFromZero(x, d);
        expect(roundHalfAwayFromZero(r, d)).toBe(r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + Math.abs(x) * 1e-12);
      }),
    );
  });

  it("is monotonic", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(round(lo, "unitConsumption")).toBeLessThanOrEqual(round(hi, "unitConsumption"));
        },
      ),
    );
  });
});

describe("the places of each kind of figure", () => {
  it("match the documented rule", () => {
    expect(places).toMatchObject({
      unitConsumption: 2,
      percent: 1,
      tce: 2,
      co2: 2,
      kwh: 0,
      wanYuan: 2,
      years: 1,
      factor: 4,
    });
  });
});
