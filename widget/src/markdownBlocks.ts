/**
 * A small Markdown dialect for answers: paragraphs, **bold**, `code`, lists, quotes, fenced code,
 * section headings (a line that is only **bold**), http(s) links and [n] citation markers.
 * parseMarkdown turns the text into blocks without touching the DOM; a renderer builds them with text
 * only: the widget as nodes (markdown.ts), the staff console as escaped HTML (server/admin/markdown.ts),
 * so staff read an answer as the person was shown it. HTML in the source stays text; images and links
 * to anything but http(s) are shown as their inert source. Tables are not supported: their lines show
 * as written.
 */
const INLINE =
  /\*\*(.+?)\*\*|`([^`\n]+)`|(!\[[^\]\n]*\]\([^)\n]*\)?)|\[([^\]\n]+)\]\(([^)\s]*)\)|\[(\d{1,2})\]|(?<![="'(\w])(https?:\/\/[^\s<>"'，。；、）)\]]+)/g;
const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*(\d{1,3})[.、)]\s+/;
export const HEADING = /^#{1,6}\s+(.+)$|^\*\*([^*]+?)\*\*\s*[:：]?\s*$/;
const CITE_LINE = /^\[\d{1,2}\]\s/;

function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** What the parser makes of a line; only text, and hrefs already checked to be http(s). */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "code"; text: string }
  /** an image, or a link to anything but http(s): shown as its Markdown source */
  | { kind: "inert"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "cite"; n: number; text: string };

export type Block =
  | { kind: "paragraph"; lines: Inline[][]; cite: boolean }
  | { kind: "code"; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: Inline[][] }
  | { kind: "quote"; lines: Inline[][] }
  /** a heading line and the blocks after it, up to the next heading */
  | { kind: "section"; title: string; heading: Inline[]; blocks: Block[] };

/** Bold nests at most three deep; deeper markers stay text. */
export function parseInline(source: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const text = (value: string) => out.push({ kind: "text", text: value });
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) text(source.slice(last, at));
    last = at + m[0].length;
    if (m[1] !== undefined) {
      if (depth < 3) out.push({ kind: "strong", children: parseInline(m[1], depth + 1) });
      else text(m[1]);
    } else if (m[2] !== undefined) {
      out.push({ kind: "code", text: m[2] });
    } else if (m[3] !== undefined) {
      out.push({ kind: "inert", text: m[3] });
    } else if (m[4] !== undefined) {
      const href = safeHref(m[5] ?? "");
      out.push(href ? { kind: "link", href, text: m[4] } : { kind: "inert", text: m[0] });
    } else if (m[6] !== undefined) {
      out.push({ kind: "cite", n: Number(m[6]), text: m[0] });
    } else if (m[7] !== undefined) {
      const href = safeHref(m[7]);
      out.push(href ? { kind: "link", href, text: m[7] } : { kind: "text", text: m[7] });
    }
  }
  if (last < source.length) text(source.slice(last));
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let into = blocks;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (line.trimStart().startsWith("```")) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith("```"); i++) code.push(lines[i]!);
      i++;
      into.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) {
      const title = (heading[1] ?? heading[2] ?? "").trim();
      const section: Block = { kind: "section", title, heading: parseInline(title, 3), blocks: [] };
      blocks.push(section);
      into = section.blocks;
      i++;
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: Inline[][] = [];
      const start = ordered ? Number(NUMBERED.exec(line)![1]) : 1;
      for (; i < lines.length && pattern.test(lines[i]!); i++)
        items.push(parseInline(lines[i]!.replace(pattern, "")));
      into.push({ kind: "list", ordered, start, items });
      continue;
    }
    if (line.startsWith(">")) {
      const quote: Inline[][] = [];
      for (; i < lines.length && lines[i]!.startsWith(">"); i++)
        quote.push(parseInline(lines[i]!.replace(/^>\s?/, "")));
      into.push({ kind: "quote", lines: quote });
      continue;
    }
    if (CITE_LINE.test(line)) {
      into.push({ kind: "paragraph", lines: [parseInline(line)], cite: true });
      i++;
      continue;
    }
    const para: Inline[][] = [];
    for (; i < lines.length && isPlain(lines[i]!); i++) para.push(parseInline(lines[i]!));
    if (!para.length) para.push(parseInline(lines[i++]!));
    into.push({ kind: "paragraph", lines: para, cite: false });
  }
  return blocks;
}

function isPlain(line: string): boolean {
  return (
    line.trim() !== "" &&
    !BULLET.test(line) &&
    !NUMBERED.test(line) &&
    !HEADING.test(line.trim()) &&
    !CITE_LINE.test(line) &&
    !line.startsWith(">") &&
    !line.trimStart().startsWith("```")
  );
}

/** The answer as plain text, for the copy button and the live region. */
export const plainText = (markdown: string) =>
  markdown.replace(/\*\*(.+?)\*\*/g, "$1").replace(/`([^`]+)`/g, "$1");
