import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../server/admin/markdown.js";

const render = (markdown: string, href?: (n: number) => string | null) =>
  renderAnswer(markdown, { citationHref: href }).value;

describe("renderAnswer (an answer as the widget shows it, for staff)", () => {
  it("makes a line of bold alone a heading over what follows, and lists lists", () => {
    const out = render("有。方案写明支持。\n\n**依据**\n- 第一项\n- 第二项\n\n1. 先申报\n2. 再验收");
    expect(out).toBe(
      '<p>有。方案写明支持。</p><div class="md-sec" data-section="依据"><p class="md-h"><strong>依据</strong></p><ul><li>第一项</li><li>第二项</li></ul><ol><li>先申报</li><li>再验收</li></ol></div>',
    );
    expect(out).not.toContain("**");
  });

  it("links a citation marker to its citation when there is one, and leaves it as text otherwise", () => {
    const href = (n: number) => (n === 1 ? "#m1-cite-1" : null);
    expect(render("见方案[1]，另见[2]。", href)).toBe(
      '<p>见方案<a class="chip" href="#m1-cite-1" aria-label="引用条款 1">1</a>，另见[2]。</p>',
    );
  });

  it("escapes markup from the text and only links http(s) addresses", () => {
    const out = render(
      '<img src=x onerror="alert(1)"> [点我](javascript:alert(1)) https://jxw.huainan.gov.cn/',
    );
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain('<span class="md-inert">[点我](javascript:alert(1)</span>');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain(
      '<a href="https://jxw.huainan.gov.cn/" rel="noopener noreferrer nofollow" target="_blank">',
    );
  });

  it("keeps line breaks inside a paragraph and a quote", () => {
    expect(render("第一行\n第二行\n\n> 引文\n> 第二句")).toBe(
      "<p>第一行<br>第二行</p><blockquote>引文<br>第二句</blockquote>",
    );
  });
});
