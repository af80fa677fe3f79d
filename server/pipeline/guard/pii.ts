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

const REDACTIONS: Redaction[] = [
  { kind: "email", replacement: "[邮箱已隐去]", pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  {
    kind: "id_card",
    replacement: "[身份证号已隐去]",
    pattern:
      /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  },
  {
    kind: "credit_code",
    replacement: "[统一社会信用代码已隐去]",
    pattern: /(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g,
    // Plain 18-digit numbers are caught as ID cards or bank cards; a code has letters or a valid shape.
    accept: (match) => /[A-Z]/.test(match) || /^[1-9][1-5]\d{16}$/.test(match),
  },
  {
    kind: "bank_card",
    replacement: "[银行卡号已隐去]",
    pattern: /(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)/g,
    accept: (m) => luhn(m.replace(/\D/g, "")),
  },
  {
    kind: "mobile",
    replacement: "[手机号已隐去]",
    pattern: /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g,
  },
  { kind: "landline", replacement: "[电话号码已隐去]", pattern: /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g },
];

export function redactPersonalData(text: string): { text: string; kinds: string[] } {
  const kinds = new Set<string>();
  let result = text;
  for (const { kind, replacement, pattern, accept } of REDACTIONS) {
    result = result.replace(pattern, (match) => {
      if (accept && !accept(match)) return match;
      kinds.add(kind);
      return replacement;
    });
  }
  return { text: result, kinds: [...kinds] };
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
