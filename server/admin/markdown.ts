import { parseMarkdown, type Block, type Inline } from "../../widget/src/markdownBlocks.js";
import { messages } from "../messages.js";
import { html, type Html } from "./html.js";

/**
 * An answer as the widget shows it, for staff: the widget's own parser (so `**依据**` is a heading and
 * [n] a citation, never literal markup), rendered as escaped HTML. A [n] with a citation behind it links
 * to that citation on the page (`citationHref`); without one it stays text, as in the widget.
 */
export interface AnswerMarkdownOptions {
  citationHref?: (n: number) => string | null;
}

const t = messages.admin.conversation;

function inline(tokens: Inline[], options: AnswerMarkdownOptions): Html[] {
  return tokens.map((token) => {
    switch (token.kind) {
      case "strong":
        return html`<strong>${inline(token.children, options)}</strong>`;
      case "code":
        return html`<code>${token.text}</code>`;
      case "inert":
        return html`<span class="md-inert">${token.text}</span>`;
      case "link":
        return html`<a href="${token.href}" rel="noopener noreferrer nofollow" target="_blank">${token.text}</a>`;
      case "cite": {
        const href = options.citationHref?.(token.n);
        return href
          ? html`<a class="chip" href="${href}" aria-label="${t.citationChip(token.n)}">${token.n}</a>`
          : html`${token.text}`;
      }
      default:
        return html`${token.text}`;
    }
  });
}

const lines = (rows: Inline[][], options: AnswerMarkdownOptions) =>
  rows.map((row, i) => html`${i ? html`<br>` : null}${inline(row, options)}`);

function block(b: Block, options: AnswerMarkdownOptions): Html {
  switch (b.kind) {
    case "paragraph":
      return html`<p${b.cite ? html` class="md-cite"` : null}>${lines(b.lines, options)}</p>`;
    case "code":
      return html`<pre><code>${b.text}</code></pre>`;
    case "list": {
      const items = b.items.map((item) => html`<li>${inline(item, options)}</li>`);
      return b.ordered
        ? html`<ol${b.start !== 1 ? html` start="${b.start}"` : null}>${items}</ol>`
        : html`<ul>${items}</ul>`;
    }
    case "quote":
      return html`<blockquote>${lines(b.lines, options)}</blockquote>`;
    case "section":
      // As in the widget, a heading's [n] stays text: chips belong to the sentences that make the claim.
      return html`<div class="md-sec" data-section="${b.title}"><p class="md-h"><strong>${inline(b.heading, {})}</strong></p>${b.blocks.map((child) => block(child, options))}</div>`;
  }
}

export function renderAnswer(markdown: string, options: AnswerMarkdownOptions = {}): Html {
  return html`${parseMarkdown(markdown).map((b) => block(b, options))}`;
}
