import { append, h, type Child } from "./dom.js";
import { parseMarkdown, type Block, type Inline } from "./markdownBlocks.js";

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
