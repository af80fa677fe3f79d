/**
 * Checks a printed formula line the way a reader would: evaluate the arithmetic it shows and compare
 * with the result it prints, within half a unit of the last place printed. "9,600 tce", "1.6%",
 * "(108 − 100) kgce/t × 1,200,000 t ÷ 1000", "90 × (80/100)³", "1 − (0.6 ÷ 0.7)^(1/2)" are read; unit
 * words (kgce/t, tCO2, m3, 万元) and Chinese text are skipped.
 */
export interface FormulaCheck {
  line: string;
  expression: string;
  printed: number;
  evaluated: number;
  tolerance: number;
  ok: boolean;
}

/** Every claim "expression = result" (or "≈ result") in a line; lines without arithmetic give none. */
export function checkFormulaLine(line: string): FormulaCheck[] {
  const segments: string[] = [];
  // A parenthetical with its own "=" ("（8 ÷ 100 = 8%）") is a claim of its own; other asides are text.
  const main = line.replace(/（([^（）]*)）/g, (_all, inner: string) => {
    if (/[=≈]/.test(inner)) segments.push(inner);
    return " ";
  });
  segments.unshift(...main.split("；"));
  return segments.flatMap((s) => {
    const check = checkSegment(s);
    return check ? [{ ...check, line }] : [];
  });
}

function checkSegment(segment: string): Omit<FormulaCheck, "line"> | null {
  const seps = [...segment.matchAll(/[=≈]/g)].map((m) => m.index);
  if (seps.length === 0) return null;
  const last = seps.at(-1)!;
  const from = seps.length > 1 ? seps.at(-2)! + 1 : 0;
  let expression = segment.slice(from, last);
  const cut = Math.max(...["：", "，", ":"].map((c) => expression.lastIndexOf(c)));
  if (cut >= 0) expression = expression.slice(cut + 1);
  const tokens = tokenize(expression);
  if (!tokens.some((t) => t.kind === "op")) return null;
  const result = /(-?\d[\d,]*(?:\.\d+)?)(\s*%)?/.exec(segment.slice(last + 1));
  if (!result) throw new Error(`no printed result in “${segment}”`);
  const decimals = result[1]!.split(".")[1]?.length ?? 0;
  const scale = result[2] ? 0.01 : 1;
  const printed = Number(result[1]!.replace(/,/g, "")) * scale;
  const evaluated = new Parser(tokens, expression).parse();
  const tolerance = 0.5 * 10 ** -decimals * scale;
  const ok = Math.abs(evaluated - printed) <= tolerance * (1 + 1e-9) + 1e-9 * Math.abs(printed);
  return { expression: expression.trim(), printed, evaluated, tolerance, ok };
}

type Token = { kind: "num"; value: number } | { kind: "op"; op: string } | { kind: "paren"; p: "(" | ")" };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const prevIsValue = () => {
    const t = tokens.at(-1);
    return (
      !!t &&
      (t.kind === "num" ||
        (t.kind === "paren" && t.p === ")") ||
        (t.kind === "op" && ["%", "³"].includes(t.op)))
    );
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const negative = c === "-" && /\d/.test(text[i + 1] ?? "") && !prevIsValue();
    if (/\d/.test(c) || negative) {
      const m = /^-?\d[\d,]*(?:\.\d+)?/.exec(text.slice(i))!;
      if (/[A-Za-z]/.test(text[i - 1] ?? "")) {
        // part of a unit: m3, CO2
        i += m[0].length;
        continue;
      }
      tokens.push({ kind: "num", value: Number(m[0].replace(/,/g, "")) });
      i += m[0].length;
      continue;
    }
    if (c === "/") {
      const before = text.slice(0, i).trimEnd().at(-1) ?? "";
      const after = text.slice(i + 1).trimStart()[0] ?? "";
      if (/[\d)]/.test(before) && /[\d(]/.test(after)) tokens.push({ kind: "op", op: "/" });
    } else if (c === "×") tokens.push({ kind: "op", op: "*" });
    else if (c === "÷") tokens.push({ kind: "op", op: "/" });
    else if (c === "−" || c === "+") tokens.push({ kind: "op", op: c === "+" ? "+" : "-" });
    else if (c === "^") tokens.push({ kind: "op", op: "^" });
    else if (c === "%" || c === "³") tokens.push({ kind: "op", op: c });
    else if (c === "(" || c === ")") tokens.push({ kind: "paren", p: c });
    i += 1;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): number {
    const value = this.sum();
    if (this.at !== this.tokens.length) throw new Error(`cannot read the arithmetic in “${this.text}”`);
    return value;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.at];
    return t?.kind === "op" && ops.includes(t.op) ? t.op : undefined;
  }

  private sum(): number {
    let value = this.product();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.at += 1;
      const right = this.product();
      value = op === "+" ? value + right : value - right;
    }
    return value;
  }

  private product(): number {
    let value = this.power();
    for (let op = this.peekOp("*", "/"); op; op = this.peekOp("*", "/")) {
      this.at += 1;
      const right = this.power();
      value = op === "*" ? value * right : value / right;
    }
    return value;
  }

  private power(): number {
    const base = this.postfix();
    if (this.peekOp("^")) {
      this.at += 1;
      return base ** this.power();
    }
    return base;
  }

  private postfix(): number {
    let value = this.primary();
    for (let op = this.peekOp("%", "³"); op; op = this.peekOp("%", "³")) {
      this.at += 1;
      value = op === "%" ? value / 100 : value ** 3;
    }
    return value;
  }

  private primary(): number {
    const t = this.tokens[this.at];
    if (t?.kind === "num") {
      this.at += 1;
      return t.value;
    }
    if (t?.kind === "paren" && t.p === "(") {
      this.at += 1;
      const value = this.sum();
      const close = this.tokens[this.at];
      if (close?.kind !== "paren" || close.p !== ")") throw new Error(`unbalanced “${this.text}”`);
      this.at += 1;
      return value;
    }
    throw new Error(`cannot read the arithmetic in “${this.text}”`);
  }
}
