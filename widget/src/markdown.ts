import { append, h, type Child } from "./dom.js";

/**
 * A small Markdown renderer for answers: paragraphs, **bold**, `code`, lists, quotes, fenced code,
 * section headings (a line that is only **bold**), http(s) links and [n] citation markers.
 * It builds nodes with text only. HTML in the source stays text; images and links to anything but
 * http(s) are shown as their inert source.
 */
export interface MarkdownOptions {
  /** Turns a [n] marker into a node (a citation chip); null keeps the marker as text. */
  citation?: (n: number) => Node | null;
}

const INLINE =
  /\*\*(.+?)\*\*|`([^`\n]+)`|(!\[[^\]\n]*\]\([^)\n]*\)?)|\[([^\]\n]+)\]\(([^)\s]*)\)|\[(\d{1,2})\]|(?<![="'(\w])(https?:\/\/[^\s<>"'，。；、）)\]]+)/g;
const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*(\d{1,3})[.、)]\s+/;
const HEADING = /^#{1,6}\s+(.+)$|^\*\*([^*]+?)\*\*\s*[:：]?\s*$/;
const CITE_LINE = /^\[\d{1,2}\]\s/;

export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function renderInline(source: string, options: MarkdownOptions = {}, depth = 0): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(source.slice(last, at));
    last = at + m[0].length;
    if (m[1] !== undefined) {
      out.push(depth < 3 ? h("strong", {}, ...renderInline(m[1], options, depth + 1)) : m[1]);
    } else if (m[2] !== undefined) {
      out.push(h("code", {}, m[2]));
    } else if (m[3] !== undefined) {
      out.push(h("span", { class: "md-inert" }, m[3]));
    } else if (m[4] !== undefined) {
      const href = safeHref(m[5] ?? "");
      out.push(href ? link(href, m[4]) : h("span", { class: "md-inert" }, m[0]));
    } else if (m[6] !== undefined) {
      out.push(options.citation?.(Number(m[6])) ?? m[0]);
    } else if (m[7] !== undefined) {
      const href = safeHref(m[7]);
      out.push(href ? link(href, m[7]) : m[7]);
    }
  }
  if (last < source.length) out.push(source.slice(last));
  return out;
}

function link(href: string, label: string): HTMLAnchorElement {
  return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, label);
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let container: Node = fragment;
  let i = 0;
  const inline = (line: string) => renderInline(line, options);
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
      append(container, h("pre", {}, h("code", {}, code.join("\n"))));
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) {
      const title = (heading[1] ?? heading[2] ?? "").trim();
      const section = h(
        "div",
        { class: "md-sec", "data-section": title },
        h("p", { class: "md-h" }, h("strong", {}, ...renderInline(title, {}, 3))),
      );
      fragment.appendChild(section);
      container = section;
      i++;
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const numbered = !BULLET.test(line);
      const pattern = numbered ? NUMBERED : BULLET;
      const start = numbered ? Number(NUMBERED.exec(line)![1]) : 1;
      const listEl = numbered ? h("ol", start !== 1 ? { start } : {}) : h("ul");
      for (; i < lines.length && pattern.test(lines[i]!); i++)
        append(listEl, h("li", {}, ...inline(lines[i]!.replace(pattern, ""))));
      append(container, listEl);
      continue;
    }
    if (line.startsWith(">")) {
      const quote: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith(">"); i++) quote.push(lines[i]!.replace(/^>\s?/, ""));
      append(container, h("blockquote", {}, ...joinLines(quote, inline)));
      continue;
    }
    if (CITE_LINE.test(line)) {
      append(container, h("p", { class: "md-cite" }, ...inline(line)));
      i++;
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && isPlain(lines[i]!); i++) para.push(lines[i]!);
    if (!para.length) para.push(lines[i++]!);
    append(container, h("p", {}, ...joinLines(para, inline)));
  }
  return fragment;
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

function joinLines(lines: string[], inline: (line: string) => Child[]): Child[] {
  return lines.flatMap((line, index) => (index ? [h("br"), ...inline(line)] : inline(line)));
}

/** The answer as plain text, for the copy button and the live region. */
export const plainText = (markdown: string) =>
  markdown.replace(/\*\*(.+?)\*\*/g, "$1").replace(/`([^`]+)`/g, "$1");
