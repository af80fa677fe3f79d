import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contrast,
  darkenUntil,
  FOCUS,
  LIGHT_BACKGROUNDS,
  luminance,
  palette,
  TEXT_CONTRAST,
  UI_CONTRAST,
} from "../../widget/src/color.js";

const anyColour = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);

describe("contrast", () => {
  it("gives the ratios WebAIM's checker gives for known pairs", () => {
    const pairs: Array<[string, string, number]> = [
      ["#000000", "#ffffff", 21],
      ["#777777", "#ffffff", 4.48],
      ["#767676", "#ffffff", 4.54],
      ["#595959", "#ffffff", 7.0],
      ["#0000ff", "#ffffff", 8.59],
      ["#ff0000", "#ffffff", 4.0],
      ["#808080", "#ffffff", 3.95],
      ["#0b5394", "#ffffff", 7.84],
      ["#d9480f", "#ffffff", 4.3],
      ["#d9480f", "#000000", 4.88],
    ];
    for (const [a, b, ratio] of pairs) expect(contrast(a, b), `${a} on ${b}`).toBeCloseTo(ratio, 2);
  });

  it("is symmetric, reads #rgb like #rrggbb and ignores case", () => {
    expect(contrast("#ffffff", "#777777")).toBe(contrast("#777777", "#ffffff"));
    expect(contrast("#FA0", "#fff")).toBe(contrast("#ffaa00", "#ffffff"));
    expect(luminance("#000")).toBe(0);
    expect(luminance("#FFFFFF")).toBeCloseTo(1, 10);
  });
});

describe("darkenUntil", () => {
  it("keeps a colour that already reaches the ratio", () => {
    expect(darkenUntil("#0b5394", ["#ffffff"], 4.5)).toBe("#0b5394");
  });

  it("darkens just far enough: the result passes and one step lighter would not", () => {
    const out = darkenUntil("#d9480f", ["#ffffff"], 4.5);
    expect(contrast(out, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(out, "#ffffff")).toBeLessThan(4.6);
    const lighter = `#${[1, 3, 5]
      .map((i) =>
        Math.min(255, parseInt(out.slice(i, i + 2), 16) + 2)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
    expect(contrast(lighter, "#ffffff")).toBeLessThan(4.5);
  });

  it("meets the ratio against every background given, the darkest deciding", () => {
    const out = darkenUntil("#d9480f", LIGHT_BACKGROUNDS, 4.5);
    for (const bg of LIGHT_BACKGROUNDS) expect(contrast(out, bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(out, "#f3f5f8")).toBeLessThan(4.6);
  });
});

describe("palette", () => {
  it("chooses black text on #777777 and on #d9480f, where white and #111 fall short of 4.5:1", () => {
    for (const colour of ["#777777", "#d9480f"]) {
      const p = palette(colour);
      expect(p.onPrimary).toBe("#000000");
      expect(contrast(p.primary, p.onPrimary)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
    expect(contrast("#777777", "#111111")).toBeLessThan(TEXT_CONTRAST);
    expect(contrast("#d9480f", "#111111")).toBeLessThan(TEXT_CONTRAST);
  });

  it("chooses white text on the default blue and keeps the blue everywhere", () => {
    expect(palette(undefined)).toEqual({
      primary: "#0b5394",
      onPrimary: "#ffffff",
      primaryText: "#0b5394",
      primaryLine: "#0b5394",
    });
  });

  it("darkens a light brand colour for text (4.5:1 on the panel and the answer bubble) and for lines (3:1)", () => {
    const p = palette("#ffdd00");
    expect(p.primary).toBe("#ffdd00");
    expect(p.onPrimary).toBe("#000000");
    expect(contrast(p.primaryText, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(p.primaryText, "#f3f5f8")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(p.primaryLine, "#ffffff")).toBeGreaterThanOrEqual(3);
    expect(contrast(p.primaryLine, "#ffffff")).toBeLessThan(3.1);
  });

  it("normalises #rgb and upper case, and falls back on anything that is not a hex colour", () => {
    expect(palette(" #ABC ").primary).toBe("#aabbcc");
    for (const bad of ["red", "#12345", "#ggg", "url(x)", "#0b5394;background:red", "", null]) {
      expect(palette(bad).primary, String(bad)).toBe("#0b5394");
    }
  });

  it("reaches AA for every colour: text on it and in it 4.5:1, its lines and the focus ring 3:1", () => {
    fc.assert(
      fc.property(anyColour, (colour) => {
        const p = palette(colour);
        expect(p.primary).toBe(colour);
        expect(contrast(p.primary, p.onPrimary)).toBeGreaterThanOrEqual(4.58);
        for (const bg of LIGHT_BACKGROUNDS)
          expect(contrast(p.primaryText, bg)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
        expect(contrast(p.primaryLine, "#ffffff")).toBeGreaterThanOrEqual(UI_CONTRAST);
        for (const bg of [p.primary, ...LIGHT_BACKGROUNDS]) {
          const ring = Math.max(contrast(FOCUS.ring, bg), contrast(FOCUS.halo, bg));
          expect(ring).toBeGreaterThanOrEqual(UI_CONTRAST);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
