/**
 * Personal data is redacted before any other stage sees the message, and so before anything is
 * stored or logged. Over-redacting a number is cheaper than keeping an ID card number.
 */
export interface Redaction {
  kind: string;
  replacement: string;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

/** Between two digits of a phone number: a space, a dot, or a dash of any width (with spaces around it). */
const SEP = String.raw`(?: ?[.\-\u2010-\u2015\u2212\u00b7\u30fb] ?| )`;
/** Between the groups of a card number: a space or a dash of any width. */
const GROUP = String.raw`[ \-\u2010-\u2015\u2212]`;
const DATE = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;

const REDACTIONS: Redaction[] = [
  {
    kind: "email",
    replacement: "[邮箱已隐去]",
    // Full-width ＠ is folded before matching; spaces around the @ are a common way to dodge filters.
    pattern: /[A-Za-z0-9._%+-]+ *@ *[A-Za-z0-9-]+(?: *\. *[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  },
  {
    kind: "id_card",
    replacement: "[身份证号已隐去]",
    pattern: new RegExp(
      String.raw`(?<![0-9A-Za-z])[1-9]\d{5} ?(?:18|19|20)\d{2}${DATE} ?\d{3}[\dXx](?![0-9A-Za-z])`,
      "g",
    ),
  },
  {
    // The first-generation card (until 2013 in use): 15 digits, a two-digit year, no check digit.
    kind: "id_card",
    replacement: "[身份证号已隐去]",
    pattern: new RegExp(String.raw`(?<![0-9A-Za-z])[1-9]\d{5}\d{2}${DATE}\d{3}(?![0-9A-Za-z])`, "g"),
  },
  {
    kind: "credit_code",
    replacement: "[统一社会信用代码已隐去]",
    pattern: /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/gi,
    // Plain 18-digit numbers are caught as ID cards or bank cards; a code has letters or a valid shape.
    accept: (match) => /[A-Za-z]/.test(match) || /^[1-9][1-5]\d{16}$/.test(match),
  },
  {
    kind: "bank_card",
    replacement: "[银行卡号已隐去]",
    pattern: new RegExp(String.raw`(?<!\d)\d(?:${GROUP}?\d){14,18}(?!\d)`, "g"),
    // Only a number that passes the card check digit: other long figures (investments, ids) stay.
    accept: (m) => luhn(m.replace(/\D/g, "")),
  },
  {
    kind: "mobile",
    replacement: "[手机号已隐去]",
    pattern: new RegExp(
      String.raw`(?<!\d)(?:(?:\(\+?86\)|(?:\+|00)?86)${SEP}?)?1${SEP}?[3-9](?:${SEP}?\d){9}(?!\d)`,
      "g",
    ),
  },
  {
    kind: "landline",
    replacement: "[电话号码已隐去]",
    pattern: new RegExp(
      String.raw`(?<!\d)(?:\(0\d{2,3}\)${SEP}?|0\d{2,3}${SEP}?)\d{3,4}${SEP}?\d{4}(?!\d)`,
      "g",
    ),
  },
];

/**
 * Full-width forms (１３８, ＠, －, the ideographic space) read as their ASCII twins for matching. One
 * UTF-16 unit each way, so a match's place in the folded text is its place in the original.
 */
function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

export function redactPersonalData(text: string): { text: string; kinds: string[] } {
  const folded = foldWidth(text);
  const kinds = new Set<string>();
  // Earlier rules win: a span one rule redacts is not looked at again by a later one.
  const spans: Array<{ start: number; end: number; replacement: string }> = [];
  const overlaps = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end);
  for (const { kind, replacement, pattern, accept } of REDACTIONS) {
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (overlaps(start, end) || (accept && !accept(match[0]))) continue;
      kinds.add(kind);
      spans.push({ start, end, replacement });
    }
  }
  if (!spans.length) return { text, kinds: [] };
  spans.sort((a, b) => a.start - b.start);
  let result = "";
  let at = 0;
  for (const span of spans) {
    result += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return { text: result + text.slice(at), kinds: [...kinds] };
}

/**
 * Every string inside a value (a calculator's input or output, an error, an audit entry's detail)
 * redacted like a question; numbers, booleans and the shape are kept.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactPersonalData(value).text as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  return value;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Zero-width, bidi and other control characters hide text from people but not from models. */
export function stripInvisible(text: string): string {
  return (
    text
      .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0E\uFF05]/g, (c) =>
        String.fromCharCode(c.charCodeAt(0) - 0xfee0),
      )
      .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD]/g, "")
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "")
      .replace(/\r\n?/g, "\n")
      .trim()
  );
}
