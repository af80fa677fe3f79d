/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK and shows
 * mojibake), CRLF line ends and RFC 4180 quoting. A cell that a spreadsheet would read as a formula
 * (starting with = + - @, or a tab or carriage return) is prefixed with an apostrophe, so a question
 * such as “=HYPERLINK(…)” is shown as text and never run (OWASP “CSV injection”).
 */
export const BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (typeof value === "number") return String(value);
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
