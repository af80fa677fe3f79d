/**
 * The LLM's text reduced to plain text and the Markdown subset the widget renders
 * (widget/src/markdown.ts: paragraphs, **bold**, `code`, lists, quotes, fenced code, headings, links
 * and [n]) before it leaves the server, as JSON or as SSE. Raw HTML never passes: entities are decoded
 * once, elements that carry code or hidden content (script, style, iframe, svg …) go with their
 * content, every other tag goes, and a "<" left over is made full-width, so no client that renders
 * HTML meets a tag. An image becomes its alt text (a client could load it); invisible and control
 * characters go. Links stay for the link check to judge. Run on each released piece: nothing here
 * reaches across pieces, and the composer never cuts inside an open tag (compose/sentenceBuffer.ts).
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };
const HIDDEN_ELEMENT =
  /<(script|style|iframe|object|embed|svg|math|template|noscript|textarea|title|head|select)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g;
const BREAK = /<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6])\s*>/gi;
const TAG = /<\/?[a-z][^<>]*>|<[!?][^<>]*>/gi;
const IMAGE = /!\[([^\]\n]*)\]\([^)\n]*\)?/g;

export function toPlainMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(ENTITY, (_m, dec?: string, hex?: string, name?: string) => {
      if (name) return NAMED[name.toLowerCase()]!;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    })
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(COMMENT, "")
    .replace(HIDDEN_ELEMENT, "")
    .replace(BREAK, "\n")
    .replace(TAG, "")
    .replace(/</g, "＜")
    .replace(IMAGE, "$1");
}

/** Every string inside a value (a tool call's arguments) reduced the same way. */
export function plainValue(value: unknown): unknown {
  if (typeof value === "string") return toPlainMarkdown(value);
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [toPlainMarkdown(key), plainValue(item)]),
    );
  return value;
}
