/** Keeps a configured brand colour usable: text on it and text in it must reach WCAG AA (4.5:1). */
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(parse(a)), luminance(parse(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface Palette {
  /** buttons and the header */
  primary: string;
  /** text on the primary colour */
  onPrimary: string;
  /** the primary colour darkened until it reads as text on white */
  primaryText: string;
}

export function palette(configured: string | null | undefined, fallback = "#0b5394"): Palette {
  const primary = configured && HEX.test(configured.trim()) ? configured.trim().toLowerCase() : fallback;
  const onPrimary = contrast(primary, "#ffffff") >= 4.5 ? "#ffffff" : "#111111";
  let rgb = parse(primary);
  for (let i = 0; i < 20 && contrast(toHex(rgb), "#ffffff") < 4.6; i++) rgb = rgb.map((c) => c * 0.85) as Rgb;
  return { primary, onPrimary, primaryText: toHex(rgb) };
}
