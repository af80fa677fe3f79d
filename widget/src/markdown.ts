import { append, h, type Child } from "./dom.js";
import { HEADING, parseMarkdown, type Block, type Inline } from "./markdownBlocks.js";

export { parseInline, parseMarkdown, plainText, type Block, type Inline } from "./markdownBlocks.js";

/** The answers' Markdown (parsed by markdownBlocks.ts) as DOM nodes, text only. */
export interface MarkdownOptions {
  /** Turns a [n] marker into a node (a citation chip); null keeps the marker as text. */
  citation?: (n: number) => Node | null;
}

type CitationNode = MarkdownOptions["citation"];

function inlineNodes(tokens: Inline[], citation?: CitationNode): Child[] {
  return tokens.map((t) => {
    if (t.kind === "strong") return h("strong", {}, ...inlineNodes(t.children, citation));
    if (t.kind === "code") return h("code", {}, t.text);
    if (t.kind === "inert") return h("span", { class: "md-inert" }, t.text);
    if (t.kind === "link")
      return h("a", { href: t.href, target: "_blank", rel: "noopener noreferrer nofollow" }, t.text);
    if (t.kind === "cite") return citation?.(t.n) ?? t.text;
    return t.text;
  });
}

const lineNodes = (lines: Inline[][], citation?: CitationNode): Child[] =>
  lines.flatMap((line, index) =>
    index ? [h("br"), ...inlineNodes(line, citation)] : inlineNodes(line, citation),
  );

function blockNode(block: Block, citation?: CitationNode): Node {
  switch (block.kind) {
    case "paragraph":
      return h("p", block.cite ? { class: "md-cite" } : {}, ...lineNodes(block.lines, citation));
    case "code":
      return h("pre", {}, h("code", {}, block.text));
    case "list":
      return h(
        block.ordered ? "ol" : "ul",
        block.ordered && block.start !== 1 ? { start: block.start } : {},
        ...block.items.map((item) => h("li", {}, ...inlineNodes(item, citation))),
      );
    case "quote":
      return h("blockquote", {}, ...lineNodes(block.lines, citation));
    case "section":
      // A heading's [n] stays text: chips belong to the sentences that make the claim.
      return h(
        "div",
        { class: "md-sec", "data-section": block.title },
        h("p", { class: "md-h" }, h("strong", {}, ...inlineNodes(block.heading))),
        ...block.blocks.map((child) => blockNode(child, citation)),
      );
  }
}

/** The parsed blocks as nodes: elements from a fixed list, attributes from the parser, text as text. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): DocumentFragment {
  const fragment = document.createDocumentFragment();
  append(fragment, ...parseMarkdown(source).map((block) => blockNode(block, options.citation)));
  return fragment;
}

/**
 * Takes out the section under the heading line `**title**` (up to the next heading): its lines without
 * the heading, and the rest of the text around it. `section` is null when there is no such heading.
 */
export function splitSection(source: string, title: string): { rest: string; section: string | null } {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const isHeading = (line: string) => HEADING.test(line.trim());
  const named = (line: string) =>
    HEADING.exec(line.trim())?.[2]
      ?.replace(/[:：]$/, "")
      .trim() === title;
  const start = lines.findIndex(named);
  if (start < 0) return { rest: source, section: null };
  let end = start + 1;
  while (end < lines.length && !isHeading(lines[end]!)) end++;
  return {
    rest: [...lines.slice(0, start), ...lines.slice(end)].join("\n"),
    section: lines
      .slice(start + 1, end)
      .join("\n")
      .trim(),
  };
}
