import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { answerSteps, FakeChatServer } from "./support/fakeChat.js";
import { useWidgetFixture } from "./support/fixture.js";
import { closedPort, pageWith } from "./support/servers.js";
import { WidgetPage } from "./widgetPage.js";

const fx = useWidgetFixture({ fake: true });

/** Opens `html` as a page of the host site, recording CSP violations and console errors. */
async function visit(html: string, csp?: string): Promise<{ page: Page; problems: string[] }> {
  return open(fx.page(html, csp));
}

async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await fx.context()).newPage();
  const problems: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) =>
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `CSP ${e.violatedDirective}: ${e.blockedURI}`,
        ),
      true,
    );
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, problems };
}

const fakeWidget = (extra: Record<string, string> = {}) =>
  pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.fake.url, ...extra }]);

describe("under a strict Content Security Policy", () => {
  it("the demo page (/) runs every feature with zero violations", async () => {
    const { page, problems } = await open(`${fx.app.url}/`);
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const answer = await widget.ask("节能降碳改造由哪个部门牵头？");
    await widget.expandCitation(answer, 1);
    await widget.rate(answer, "up", "好");
    await widget.by("large-text").click();
    await widget.openCalculator();
    await widget.calculate({ product: "cement-clinker", unitConsumption: 108, output: [120, "万吨"] });
    await widget.by("nav-contact").click();
    await widget.closeWithEscape();
    expect(problems).toEqual([]);
    const response = await page.request.get(`${fx.app.url}/`);
    expect(response.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers()["content-security-policy"]).not.toContain("unsafe-inline");
  });

  it("a host page that allows only script-src and connect-src for the service still gets the styled widget", async () => {
    const csp = `default-src 'none'; script-src ${fx.app.url}; connect-src ${fx.app.url}`;
    const { page, problems } = await visit(
      pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.app.url }]),
      csp,
    );
    const widget = await new WidgetPage(page).ready();
    expect(await widget.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(11, 83, 148)",
    );
    await widget.open();
    const answer = await widget.ask("节能降碳改造由哪个部门牵头？");
    expect(await answer.getByTestId("citations").isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe("on a hostile host page", () => {
  it("a stylesheet that restyles every element does not reach the widget", async () => {
    const hostile = `<style>
      body * { all: unset !important; display: none !important; color: red !important; font-size: 40px !important; }
      html body *, tdf-chat-widget { transform: scale(0.2) !important; filter: blur(4px) !important; opacity: 0 !important; visibility: hidden !important; }
      button, div, section, textarea { background: red !important; border: 9px solid lime !important; position: static !important; }
      :root { --p: red; font-size: 2px; }
    </style>`;
    const { page } = await visit(
      pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.app.url }], { head: hostile }),
    );
    const widget = await new WidgetPage(page).ready();
    const launcher = await widget.launcher.boundingBox();
    expect(launcher!.height).toBeGreaterThanOrEqual(48);
    expect(launcher!.x + launcher!.width).toBeGreaterThan(1200);
    await widget.open();
    const panel = await widget.panel.boundingBox();
    expect(panel!.width).toBeGreaterThan(380);
    const answer = await widget.ask("节能降碳改造由哪个部门牵头？");
    const style = await answer
      .getByTestId("answer-body")
      .evaluate((el) => ({ color: getComputedStyle(el).color, size: getComputedStyle(el).fontSize }));
    expect(style).toEqual({ color: "rgb(27, 31, 36)", size: "15px" });
    expect(await widget.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(11, 83, 148)",
    );
  });

  it("Markdown from the service is rendered inert: no script runs, no handler fires, no remote image loads", async () => {
    const answer = [
      "**依据**",
      "<script>window.__pwned = 'script'</script>",
      `<img src="${fx.site.url}/tracker-html.png" onerror="window.__pwned = 'onerror'">`,
      `![远程图片](${fx.site.url}/tracker-md.png)`,
      "[点我领取补贴](javascript:window.__pwned='link')",
      "[数据链接](data:text/html,<script>alert(1)</script>)",
      "- 安全链接：[方案原文](https://example.org/plan)",
      '- <iframe src="https://example.org"></iframe> 和 <a href="javascript:alert(1)">HTML 链接</a>',
      "引用的条款[1]。",
    ].join("\n");
    fx.fake.respondWith({
      steps: answerSteps(answer, {
        citations: [
          {
            id: "p1",
            unitId: "u1",
            breadcrumb: "一、总体要求 › <b>粗</b>",
            quote: "<img src=x onerror=alert(1)>原文",
          },
        ],
      }),
    });
    const { page, problems } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const reply = await widget.ask("你好");
    const body = reply.getByTestId("answer-body");
    const text = await body.innerText();
    expect(text).toContain("<script>window.__pwned = 'script'</script>");
    expect(text).toContain("onerror=");
    expect(text).toContain("javascript:window.__pwned='link'");
    expect(text).toContain(`![远程图片](${fx.site.url}/tracker-md.png)`);
    const counts = await widget.host.evaluate((host) => {
      const root = host.shadowRoot!;
      return {
        scripts: root.querySelectorAll("script").length,
        images: root.querySelectorAll("img").length,
        iframes: root.querySelectorAll("iframe").length,
        handlers: [...root.querySelectorAll("*")].filter((el) =>
          [...el.attributes].some((a) => a.name.startsWith("on")),
        ).length,
        links: [...root.querySelectorAll("a")].map((a) => ({
          href: a.getAttribute("href"),
          rel: a.getAttribute("rel"),
        })),
      };
    });
    expect(counts).toMatchObject({ scripts: 0, images: 0, iframes: 0, handlers: 0 });
    expect(counts.links.filter((l) => l.href?.startsWith("http"))).toEqual([
      { href: "https://example.org/plan", rel: "noopener noreferrer nofollow" },
    ]);
    expect(counts.links.every((l) => /^(https?:|tel:|mailto:)/.test(l.href ?? ""))).toBe(true);
    await body.getByText("[点我领取补贴]", { exact: false }).click();
    const clause = await widget.expandCitation(reply, 1);
    expect(clause.breadcrumb).toContain("<b>粗</b>");
    expect(clause.quote).toContain("<img src=x onerror=alert(1)>");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(fx.site.requests.filter((r) => r.includes("tracker"))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe("the Markdown of an answer", () => {
  it("becomes sections, lists, quotes, code, bold, links and citation chips — elements from a fixed list", async () => {
    const answer = [
      "根据方案原文：到2025年下降**15%**[1]，详见[原文](https://example.org/plan)。",
      "第二行，代码 `<b>x</b>`，未知引用[9]。",
      "**依据**",
      "[1] 一、总体要求 › （三）主要目标：“……”",
      "**要点**",
      "- 甲 **加粗 `代码`**",
      "- 乙",
      "3. 丙",
      "4. 丁",
      "> 引文",
      "```",
      "<script>window.__pwned = 1</script>",
      "```",
    ].join("\n");
    fx.fake.respondWith({
      steps: answerSteps(answer, {
        citations: [{ id: "p1", unitId: "u1", breadcrumb: "一、总体要求 › （三）主要目标", quote: "原文" }],
      }),
    });
    const { page, problems } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const reply = await widget.ask("目标是什么？");
    /** The body as a tree of tag names (attributes that matter in brackets) and text. */
    const outline = await reply.getByTestId("answer-body").evaluate((body) => {
      const walk = (node: Node): unknown => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent;
        const el = node as Element;
        const attrs = [...el.attributes]
          .filter((a) => ["href", "start", "data-section", "class"].includes(a.name))
          .map((a) => `${a.name}=${a.value}`);
        const name = el.tagName.toLowerCase() + (attrs.length ? `[${attrs.join(" ")}]` : "");
        return el.childNodes.length ? { [name]: [...el.childNodes].map(walk) } : name;
      };
      return [...body.childNodes].map(walk);
    });
    expect(outline).toEqual([
      {
        p: [
          "根据方案原文：到2025年下降",
          { strong: ["15%"] },
          { "button[class=chip]": ["1"] },
          "，详见",
          { "a[href=https://example.org/plan]": ["原文"] },
          "。",
          "br",
          "第二行，代码 ",
          { code: ["<b>x</b>"] },
          "，未知引用",
          "[9]",
          "。",
        ],
      },
      {
        "div[class=md-sec data-section=要点]": [
          { "p[class=md-h]": [{ strong: ["要点"] }] },
          { ul: [{ li: ["甲 ", { strong: ["加粗 ", { code: ["代码"] }] }] }, { li: ["乙"] }] },
          { "ol[start=3]": [{ li: ["丙"] }, { li: ["丁"] }] },
          { blockquote: ["引文"] },
          { pre: [{ code: ["<script>window.__pwned = 1</script>"] }] },
        ],
      },
    ]);
    // The clauses it quotes under **依据** fold away under the citation row, chips and all.
    const basis = reply.getByTestId("basis");
    expect(await basis.locator("summary").innerText()).toBe("依据原文（1 条）");
    expect(
      await basis.locator("p.md-cite").evaluate((p) => [...p.childNodes].map((n) => n.textContent)),
    ).toEqual(["1", " 一、总体要求 › （三）主要目标：“……”"]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});

describe("on a phone", () => {
  const phone = { viewport: { width: 390, height: 844 }, mobile: true };
  const footer = `<footer style="background:#2b2f36;color:#fff;padding:18px 12px"><p>主办：淮南市经济和信息化局</p><p data-testid="footer-last">皖ICP备00000000号 · 联系我们</p></footer>`;
  const tall = `<p style="height:1500px">正文</p>`;

  it("a launcher whose tag ends the page covers none of the footer once the page is scrolled to its end", async () => {
    const html = pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.app.url }], { body: tall })
      // The footer after <main>, the tag after the footer: as on the demo page.
      .replace("</main>", `</main>${footer}`);
    const page = await (await fx.context(phone)).newPage();
    await page.goto(fx.page(html));
    const widget = await new WidgetPage(page).ready();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const launcher = (await widget.launcher.boundingBox())!;
    const foot = (await page.getByTestId("footer-last").boundingBox())!;
    expect(launcher.y + launcher.height).toBeLessThanOrEqual(844);
    expect(foot.y + foot.height).toBeLessThanOrEqual(launcher.y);
    // Opened, the panel fills the screen; closed again, the launcher is where it was.
    await widget.open();
    expect(await widget.panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  });

  it("a tag in the middle of the page takes no room there, and on a desktop none anywhere", async () => {
    const html = pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.app.url }], { body: tall }).replace(
      "</main>",
      `</main>${footer}`,
    );
    const middle = html
      .replace(/(<script src=[^>]+><\/script>)/, "")
      .replace("<main>", `<main>${html.match(/<script src=[^>]+><\/script>/)![0]}`);
    for (const [url, options] of [
      [fx.page(middle), phone],
      [fx.page(html), { viewport: { width: 1280, height: 800 } }],
    ] as const) {
      const page = await (await fx.context(options)).newPage();
      await page.goto(url);
      const widget = await new WidgetPage(page).ready();
      expect((await widget.host.boundingBox())?.height ?? 0).toBe(0);
    }
  });
});

describe("a citation's 责任单位", () => {
  it("comes from the citation's responsibleUnits, not from words in the quoted text", async () => {
    fx.fake.respondWith({
      steps: answerSteps("第一条[1]，第二条[2]。", {
        citations: [
          {
            id: "p1",
            unitId: "u1",
            breadcrumb: "二、重点任务 › 1.",
            quote: "全面排查“两高”项目。",
            responsibleUnits: {
              lead: ["市发展改革委"],
              support: ["市生态环境局"],
              raw: "市发展改革委牵头，市生态环境局配合",
            },
          },
          {
            id: "p2",
            unitId: "u2",
            breadcrumb: "五、组织实施 › （一）",
            quote: "各部门要明确责任单位：按分工落实。",
            responsibleUnits: null,
          },
        ],
      }),
    });
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const reply = await widget.ask("谁负责？");
    await widget.expandCitation(reply, 1);
    expect(await reply.getByTestId("citation-responsible").innerText()).toBe(
      "责任单位：市发展改革委牵头，市生态环境局配合",
    );
    await widget.expandCitation(reply, 2);
    expect(await reply.getByTestId("citation-quote").innerText()).toContain("责任单位：按分工落实");
    expect(await reply.getByTestId("citation-responsible").count()).toBe(0);
  });
});

describe("while the answer streams", () => {
  it("shows the text as it arrives, then the finished answer", async () => {
    fx.fake.respondWith({
      steps: answerSteps("第一句话已经到了。".repeat(30) + "\n\n**依据**\n[1] 条款：“原文”", {
        chunkMs: 300,
        citations: [{ id: "p1", unitId: "u1", breadcrumb: "一 › 1.", quote: "原文" }],
      }),
    });
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    await widget.input.fill("你好");
    await widget.by("send").click();
    await widget.by("answer-stream").filter({ hasText: "第一句话" }).waitFor();
    expect(await widget.answers.count()).toBe(0);
    const answer = await widget.waitForReply(0);
    expect(await answer.getByTestId("citation-chip").count()).toBe(2);
    expect(await widget.by("pending").count()).toBe(0);
  });

  it("a reset from the server clears what was streamed before the final text", async () => {
    const steps = answerSteps("这是通过检查的回答。");
    steps.splice(
      1,
      0,
      { event: "delta", data: { text: "这段文字将被服务端撤回" }, delayMs: 100 },
      { event: "reset", data: { reason: "unsupported_claim" }, delayMs: 300 },
    );
    fx.fake.respondWith({ steps });
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    await widget.input.fill("你好");
    await widget.by("send").click();
    await widget.by("answer-stream").filter({ hasText: "撤回" }).waitFor();
    const answer = await widget.waitForReply(0);
    expect(await answer.getByTestId("answer-body").innerText()).toBe("这是通过检查的回答。");
  });

  it("a slow network shows progress, with the seconds waited", async () => {
    fx.fake.respondWith({ headersAfterMs: 4500, steps: answerSteps("慢慢到达的回答。") });
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    await widget.input.fill("你好");
    await widget.by("send").click();
    await widget.by("progress").waitFor({ state: "visible" });
    expect(await widget.by("progress-text").innerText()).toBe("正在连接服务…");
    await widget.by("progress-text").filter({ hasText: "网络较慢" }).waitFor({ timeout: 6000 });
    expect(await widget.by("progress-text").innerText()).toMatch(/已等待 \d+ 秒/);
    const answer = await widget.waitForReply(0);
    expect(await answer.innerText()).toContain("慢慢到达的回答");
  });

  it("an error event from the server is shown with a retry that works", async () => {
    fx.fake.respondWith(
      {
        steps: [
          { event: "meta", data: { conversationId: "c_fakefakefakefakefakefa", messageId: "m1" } },
          { event: "error", data: { code: "internal:chat", message: "服务暂时出现问题，请稍后再试。" } },
        ],
      },
      { steps: answerSteps("重试后的回答。", { messageId: "m2" }) },
    );
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const error = await widget.ask("你好");
    expect(await error.innerText()).toContain("服务暂时出现问题");
    await error.getByTestId("retry").click();
    const answer = await widget.waitForReply(0, 1);
    expect(await answer.getByTestId("answer-body").innerText()).toBe("重试后的回答。");
    expect(await widget.errors.count()).toBe(0);
    expect(await widget.by("question").count()).toBe(1);
  });
});

describe("when the service is down", () => {
  it("says so clearly, offers a retry, and the retry works once the service is back", async () => {
    const port = await closedPort();
    const { page } = await visit(
      pageWith(`${fx.app.url}/widget.js`, [{ endpoint: `http://127.0.0.1:${port}` }]),
    );
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const error = await widget.ask("节能降碳改造由哪个部门牵头？");
    expect(await error.innerText()).toContain("暂时无法连接到政策助手服务");
    expect(await widget.by("live").innerText()).toContain("暂时无法连接");
    const revived = new FakeChatServer();
    revived.respondWith({ steps: answerSteps("服务恢复后的回答。") });
    await revived.start(port);
    try {
      await error.getByTestId("retry").click();
      const answer = await widget.waitForReply(0, 1);
      expect(await answer.getByTestId("answer-body").innerText()).toBe("服务恢复后的回答。");
    } finally {
      await revived.close();
    }
  });
});

describe("after a reload in the middle of an answer", () => {
  it("re-shows the question with a retry, and the retry answers it in the same conversation", async () => {
    fx.fake.respondWith(
      {
        steps: [
          { event: "meta", data: { conversationId: "c_midmidmidmidmidmidmidm", messageId: "m1" } },
          { event: "delta", data: { text: "回答到一半" } },
          { hang: true },
        ],
      },
      { steps: answerSteps("完整的回答。", { conversationId: "c_midmidmidmidmidmidmidm" }) },
    );
    const { page } = await visit(fakeWidget());
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    await widget.input.fill("刷新前的问题");
    await widget.by("send").click();
    await widget.by("answer-stream").filter({ hasText: "回答到一半" }).waitFor();
    await page.reload();
    const again = await new WidgetPage(page).ready();
    await again.panel.waitFor({ state: "visible" });
    expect(await again.by("question").innerText()).toContain("刷新前的问题");
    const error = again.errors.first();
    expect(await error.innerText()).toContain("回答没有完成");
    const before = fx.fake.requests.length;
    await error.getByTestId("retry").click();
    const answer = await again.waitForReply(0, 1);
    expect(await answer.getByTestId("answer-body").innerText()).toBe("完整的回答。");
    expect(fx.fake.requests.slice(before).find((r) => r.path === "/api/chat")?.body).toEqual({
      message: "刷新前的问题",
      conversationId: "c_midmidmidmidmidmidmidm",
    });
  });
});

describe("two widgets on one page", () => {
  it("each has its own launcher, panel and conversation", async () => {
    fx.fake.respondWith({ steps: answerSteps("第二个助手的回答。") });
    const html = pageWith(`${fx.app.url}/widget.js`, [
      { endpoint: fx.app.url, title: "碳达峰政策助手" },
      { endpoint: fx.fake.url, title: "第二个助手", position: "bottom-left", "primary-color": "#1e7b34" },
    ]);
    const { page, problems } = await visit(html);
    const first = await new WidgetPage(page, 0).ready();
    const second = await new WidgetPage(page, 1).ready();
    const [a, b] = [await first.launcher.boundingBox(), await second.launcher.boundingBox()];
    expect(a!.x).toBeGreaterThan(b!.x + b!.width);
    await first.open();
    await second.open();
    expect(await second.by("panel").getByRole("heading", { level: 2 }).innerText()).toBe("第二个助手");
    const answer = await second.ask("你好");
    expect(await answer.getByTestId("answer-body").innerText()).toBe("第二个助手的回答。");
    const firstAnswer = await first.ask("节能降碳改造由哪个部门牵头？");
    expect(await firstAnswer.getByTestId("answer-body").innerText()).toContain("市经济和信息化局");
    expect(await first.answers.count()).toBe(1);
    expect(await second.answers.count()).toBe(1);
    await page.reload();
    const [x, y] = [await new WidgetPage(page, 0).ready(), await new WidgetPage(page, 1).ready()];
    expect(await x.lastAnswer().getByTestId("answer-body").innerText()).toContain("市经济和信息化局");
    expect(await y.lastAnswer().getByTestId("answer-body").innerText()).toBe("第二个助手的回答。");
    expect(problems).toEqual([]);
  });
});
