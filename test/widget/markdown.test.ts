import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseInline,
  parseMarkdown,
  plainText,
  splitSection,
  type Block,
  type Inline,
} from "../../widget/src/markdown.js";

const text = (value: string): Inline => ({ kind: "text", text: value });
const paragraph = (...lines: Inline[][]): Block => ({ kind: "paragraph", lines, cite: false });

/** Every inline token, however deep. */
function inlines(blocks: Block[]): Inline[] {
  const flat = (tokens: Inline[]): Inline[] =>
    tokens.flatMap((t) => (t.kind === "strong" ? [t, ...flat(t.children)] : [t]));
  return blocks.flatMap((b) => {
    if (b.kind === "paragraph" || b.kind === "quote") return b.lines.flatMap(flat);
    if (b.kind === "list") return b.items.flatMap(flat);
    if (b.kind === "section") return [...flat(b.heading), ...inlines(b.blocks)];
    return [];
  });
}

/** What a person sees: the text of every token, as the renderer writes it. */
function shown(blocks: Block[]): string {
  const of = (tokens: Inline[]): string =>
    tokens.map((t) => (t.kind === "strong" ? of(t.children) : t.text)).join("");
  return blocks
    .map((b) => {
      if (b.kind === "code") return b.text;
      if (b.kind === "paragraph" || b.kind === "quote") return b.lines.map(of).join("\n");
      if (b.kind === "list") return b.items.map(of).join("\n");
      return [of(b.heading), shown(b.blocks)].join("\n");
    })
    .join("\n");
}

const depth = (tokens: Inline[]): number =>
  Math.max(0, ...tokens.map((t) => (t.kind === "strong" ? 1 + depth(t.children) : 0)));

describe("hostile input is kept as text", () => {
  it("raw HTML — <script>, onerror=, <iframe>, <a href=javascript:> — is text, whole", () => {
    for (const html of [
      "<script>alert(1)</script>",
      '<img src="https://evil.example/x.png" onerror="alert(1)">',
      "<img src=x onerror=alert(1)>",
      '<iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)">点我</a>',
      "<svg/onload=alert(1)>",
      "&lt;script&gt;",
    ]) {
      const blocks = parseMarkdown(html);
      expect(
        inlines(blocks).filter((t) => t.kind === "link"),
        html,
      ).toEqual([]);
      expect(shown(blocks), html).toBe(html);
    }
  });

  it("a src or href inside HTML is not turned into a link", () => {
    expect(parseInline('<img src="https://evil.example/x.png">')).toEqual([
      text('<img src="https://evil.example/x.png">'),
    ]);
  });

  it("links to javascript:, data:, vbscript:, file: and protocol-relative addresses stay their source", () => {
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "//evil.example",
      "evil.example",
    ]) {
      const tokens = parseInline(`[领取补贴](${href})`);
      expect(
        tokens.some((t) => t.kind === "link"),
        href,
      ).toBe(false);
      expect(tokens.map((t) => (t.kind === "strong" ? "" : t.text)).join(""), href).toBe(
        `[领取补贴](${href})`,
      );
    }
    expect(parseInline("[领取补贴](javascript:alert(1))")[0]).toEqual({
      kind: "inert",
      text: "[领取补贴](javascript:alert(1)",
    });
  });

  it("images, remote or not, are shown as their source and never loaded", () => {
    expect(parseInline("看图：![远程图片](https://evil.example/t.png)。")).toEqual([
      text("看图："),
      { kind: "inert", text: "![远程图片](https://evil.example/t.png)" },
      text("。"),
    ]);
    expect(parseInline("![x](javascript:alert(1))")[0]).toMatchObject({ kind: "inert" });
  });

  it("nested and unbalanced emphasis stays bounded (three levels) and loses no text", () => {
    const deep = "**一**二**三**四**五**六**七**八**";
    expect(depth(parseInline(deep))).toBeLessThanOrEqual(3);
    expect(depth(parseInline("**a `**b**` c**"))).toBe(1);
    expect(parseInline("**未闭合的粗体")).toEqual([text("**未闭合的粗体")]);
    expect(parseInline("****")).toEqual([text("****")]);
  });

  it("for any input: links are http(s) only, bold at most three deep, and no '<' or '>' is lost", () => {
    const unit = fc.constantFrom(
      ..."*`[]()!<>:/ \n#->1234hpstajvri中文".split(""),
      "**",
      "https://",
      "javascript:",
      "```",
      "<script>",
      "onerror=",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (source) => {
        const blocks = parseMarkdown(source);
        for (const t of inlines(blocks)) if (t.kind === "link") expect(t.href).toMatch(/^https?:\/\//);
        for (const b of blocks) {
          if (b.kind === "paragraph") for (const line of b.lines) expect(depth(line)).toBeLessThanOrEqual(3);
        }
        // Every '<' of the source is shown as text, unless it went into a checked href (percent-encoded)
        // or a code fence's info string (dropped, as Markdown does).
        const hrefs = inlines(blocks).filter((t) => t.kind === "link").length;
        if (!hrefs && !source.includes("```")) {
          const count = (s: string, c: string) => s.split(c).length - 1;
          expect(count(shown(blocks), "<")).toBe(count(source, "<"));
          expect(count(shown(blocks), ">")).toBeLessThanOrEqual(count(source, ">"));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("what the answers use", () => {
  it("http(s) links: Markdown links and bare addresses, which stop at Chinese punctuation", () => {
    expect(parseInline("见[方案原文](https://example.org/plan)或 https://jxw.huainan.gov.cn/zcwj。")).toEqual(
      [
        text("见"),
        { kind: "link", href: "https://example.org/plan", text: "方案原文" },
        text("或 "),
        { kind: "link", href: "https://jxw.huainan.gov.cn/zcwj", text: "https://jxw.huainan.gov.cn/zcwj" },
        text("。"),
      ],
    );
    expect(parseInline("[旧站](http://example.org)")[0]).toMatchObject({
      kind: "link",
      href: "http://example.org/",
    });
  });

  it("bold, code and [n] citation markers", () => {
    expect(parseInline("**牵头：**市经济和信息化局[1]，见`hn2023:2.1`。")).toEqual([
      { kind: "strong", children: [text("牵头：")] },
      text("市经济和信息化局"),
      { kind: "cite", n: 1, text: "[1]" },
      text("，见"),
      { kind: "code", text: "hn2023:2.1" },
      text("。"),
    ]);
  });

  it("code keeps what looks like markup inside it as text", () => {
    expect(parseInline("`<b>**不加粗**</b>`")).toEqual([{ kind: "code", text: "<b>**不加粗**</b>" }]);
  });

  it("paragraphs (lines joined), bullet and numbered lists (with their start), quotes, fenced code", () => {
    const source = [
      "第一行",
      "第二行",
      "",
      "- 甲",
      "* 乙",
      "",
      "3. 丙",
      "4) 丁",
      "",
      "> 引文一",
      ">引文二",
      "```",
      "<script>alert(1)</script>",
      "**不是粗体**",
      "```",
    ].join("\r\n");
    expect(parseMarkdown(source)).toEqual([
      paragraph([text("第一行")], [text("第二行")]),
      { kind: "list", ordered: false, start: 1, items: [[text("甲")], [text("乙")]] },
      { kind: "list", ordered: true, start: 3, items: [[text("丙")], [text("丁")]] },
      { kind: "quote", lines: [[text("引文一")], [text("引文二")]] },
      { kind: "code", text: "<script>alert(1)</script>\n**不是粗体**" },
    ]);
  });

  it("a Chinese numbered line without a space (1、…) stays as written, in a paragraph", () => {
    expect(parseMarkdown("要点如下：\n1、第一条\n2、第二条")).toEqual([
      paragraph([text("要点如下：")], [text("1、第一条")], [text("2、第二条")]),
    ]);
  });

  it("a line that is only bold (or a # heading) opens a section holding what follows", () => {
    expect(
      parseMarkdown("**责任单位**\n- 牵头：市经济和信息化局\n## 依据\n[1] 一、总体要求：“原文”"),
    ).toEqual([
      {
        kind: "section",
        title: "责任单位",
        heading: [text("责任单位")],
        blocks: [{ kind: "list", ordered: false, start: 1, items: [[text("牵头：市经济和信息化局")]] }],
      },
      {
        kind: "section",
        title: "依据",
        heading: [text("依据")],
        blocks: [
          {
            kind: "paragraph",
            cite: true,
            lines: [[{ kind: "cite", n: 1, text: "[1]" }, text(" 一、总体要求：“原文”")]],
          },
        ],
      },
    ]);
  });

  it("an unclosed code fence runs to the end; nothing is lost", () => {
    expect(parseMarkdown("前\n```\n<b>x</b>")).toEqual([
      paragraph([text("前")]),
      { kind: "code", text: "<b>x</b>" },
    ]);
  });

  it("tables are not supported: their lines show as written", () => {
    const table = "| 产品 | 标杆 |\n| --- | --- |\n| 水泥熟料 | 100 |";
    expect(shown(parseMarkdown(table))).toBe(table);
  });
});

describe("plainText", () => {
  it("drops bold and code markers for the copy button", () => {
    expect(plainText("**依据**：`hn2023:2.1` 原文")).toBe("依据：hn2023:2.1 原文");
  });
});

describe("splitSection", () => {
  const answer = [
    "方案在“开展节能降碳升级改造”中提出：……[1]",
    "",
    "**依据**",
    "[1] 二、重点任务 › 3. 开展节能降碳升级改造：“……”",
    "[2] 四、保障措施 › （二）强化资金支持：“……”",
    "",
    "**下一步**",
    "可以继续问我……",
  ].join("\n");

  it("takes out the section under its heading, up to the next heading, and keeps the rest in order", () => {
    const { rest, section } = splitSection(answer, "依据");
    expect(section).toBe(
      "[1] 二、重点任务 › 3. 开展节能降碳升级改造：“……”\n[2] 四、保障措施 › （二）强化资金支持：“……”",
    );
    expect(rest).toBe("方案在“开展节能降碳升级改造”中提出：……[1]\n\n**下一步**\n可以继续问我……");
  });

  it("reads a heading with a colon, a CRLF text and a section that runs to the end", () => {
    expect(splitSection("正文\r\n**依据：**\r\n[1] 甲", "依据")).toEqual({ rest: "正文", section: "[1] 甲" });
  });

  it("leaves a text without that heading, or with the word only inside a line, as it is", () => {
    expect(splitSection("依据方案原文整理。\n**要点**\n- 甲", "依据")).toEqual({
      rest: "依据方案原文整理。\n**要点**\n- 甲",
      section: null,
    });
  });
});
