/**
 * Keeps a configured brand colour usable under WCAG 2.x AA: text on it and text in it reach 4.5:1,
 * lines and marks in it (borders, the chart's bar) 3:1.
 */
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export const TEXT_CONTRAST = 4.5;
export const UI_CONTRAST = 3;
/** The light backgrounds the brand colour is written on: the panel and an answer's bubble (--soft). */
export const LIGHT_BACKGROUNDS = ["#ffffff", "#f3f5f8"] as const;
/** The focus indicator: a dark outline inside a yellow halo; one of the two stands out on any colour. */
export const FOCUS = { ring: "#0b0c0c", halo: "#ffdd00" } as const;

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** WCAG 2.x relative luminance of a #rgb or #rrggbb colour. */
export function luminance(hex: string): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parse(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour mixed toward black just far enough to reach `ratio` against every background (all light),
 * so it stays as close to the brand as the ratio allows. The result is checked after rounding to hex.
 */
export function darkenUntil(color: string, backgrounds: readonly string[], ratio: number): string {
  const passes = (c: string) => backgrounds.every((bg) => contrast(c, bg) >= ratio);
  const rgb = parse(color);
  const mix = (t: number) => toHex(rgb.map((c) => c * (1 - t)) as Rgb);
  if (passes(mix(0))) return mix(0);
  let lo = 0;
  let hi = 1; // black passes against any light background
  for (let i = 0; i < 16; i++) {
    const mid = (lo + hi) / 2;
    if (passes(mix(mid))) hi = mid;
    else lo = mid;
  }
  return mix(hi);
}

export interface Palette {
  /** surfaces with text on them: the launcher, the header, buttons; the configured colour itself */
  primary: string;
  /** text on the primary colour */
  onPrimary: string;
  /** the primary colour as text on the panel and in an answer */
  primaryText: string;
  /** the primary colour as a line or a mark on the panel: borders, the chart's own bar */
  primaryLine: string;
}

export function palette(configured: string | null | undefined, fallback = "#0b5394"): Palette {
  const primary = toHex(parse(configured && HEX.test(configured.trim()) ? configured.trim() : fallback));
  // Black or white, whichever contrasts more, reaches at least 4.58:1 on any colour (the worst case is a
  // surface of luminance 0.179), so the surface itself never has to change.
  const onPrimary = contrast(primary, "#000000") > contrast(primary, "#ffffff") ? "#000000" : "#ffffff";
  return {
    primary,
    onPrimary,
    primaryText: darkenUntil(primary, LIGHT_BACKGROUNDS, TEXT_CONTRAST),
    primaryLine: darkenUntil(primary, ["#ffffff"], UI_CONTRAST),
  };
}
