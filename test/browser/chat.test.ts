import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useWidgetFixture } from "./support/fixture.js";
import { createCurated, publishCurated } from "../../server/admin/curatedAnswers.js";
import { LLM_ANSWER_DEFAULTS } from "../../server/config.js";
import { messages } from "../../server/messages.js";
import { ScriptedOpenAiServer } from "../support/scriptedOpenAi.js";
import { pageWith, startApp, type RunningApp } from "./support/servers.js";
import { WidgetPage } from "./widgetPage.js";

const QUESTION = "节能降碳改造由哪个部门牵头？";
/** Offline, its first citation is the start of 2.1.2, whose （责任单位：…） closes a later passage. */
const TWO_HIGH = "遏制“两高”项目盲目发展由哪个部门牵头？";

const fx = useWidgetFixture();

const fresh = () => fx.open();

describe("a visitor asks a question on a page of another site", () => {
  it("opens from the labelled launcher, streams the answer, and a citation chip opens the clause", async () => {
    const { context, widget } = await fresh();
    expect(await widget.launcher.getAttribute("aria-label")).toContain("碳达峰政策助手");
    expect(await widget.launcher.getAttribute("aria-expanded")).toBe("false");
    await widget.open();
    expect(await widget.launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await widget.by("suggestion").count()).toBe(9);

    const answer = await widget.ask(QUESTION);
    expect(await answer.getAttribute("data-testid")).toBe("answer");
    expect(await answer.getByTestId("ai-label").innerText()).toBe("AI 生成");
    expect(await answer.getByTestId("answer-body").innerText()).toContain("市经济和信息化局");
    expect(await answer.getByTestId("responsible").innerText()).toContain("牵头");
    expect(await answer.getByTestId("citations").getByTestId("citation-chip").count()).toBeGreaterThan(0);

    const clause = await widget.expandCitation(answer, 1);
    expect(clause.breadcrumb).toMatch(/^\[1\] .+ › .+/);
    expect(clause.quote.length).toBeGreaterThan(10);
    expect(
      await answer
        .getByTestId("citations")
        .getByTestId("citation-chip")
        .first()
        .getAttribute("aria-expanded"),
    ).toBe("true");
    expect(await widget.by("live").innerText()).toContain("已收到回答");
    await context.close();
  });

  it("a citation shows its 责任单位 from the reply, also for a passage that does not quote （责任单位：…）", async () => {
    const { context, widget } = await fresh();
    await widget.open();
    const answer = await widget.ask(TWO_HIGH);
    const chips = await answer.getByTestId("citations").getByTestId("citation-chip").count();
    const shown: Array<{ quote: string; units: string | null }> = [];
    for (let n = 1; n <= chips; n++) {
      const clause = await widget.expandCitation(answer, n);
      const units = answer.getByTestId("citation-responsible");
      shown.push({ quote: clause.quote, units: (await units.count()) ? await units.innerText() : null });
      await answer
        .getByTestId("citations")
        .getByTestId("citation-chip")
        .nth(n - 1)
        .click(); // closes it again
    }
    const lead = shown.find((c) => c.quote.includes("全面排查在建、拟建、存量“两高”项目"));
    expect(lead?.quote).not.toContain("责任单位");
    expect(lead?.units).toMatch(/^责任单位：市发展改革委牵头，市经济和信息化局、/);
    await context.close();
  });

  it("an answer bureau staff reviewed is labelled 人工审核, not AI 生成, also after a reload", async () => {
    const question = "企业申请节能诊断服务需要交费吗？";
    const reviewed = "节能诊断服务由市经济和信息化局组织，企业无需交费，具体以当年通知为准。";
    const id = await createCurated(
      fx.app.services,
      { question, answer: reviewed, unitIds: ["hn2023:2.2.4"] },
      "zhangsan",
    );
    await publishCurated(fx.app.services, id, "wangke");
    const { context, page, widget } = await fresh();
    await widget.open();
    const answer = await widget.ask(question);
    expect(await answer.getAttribute("data-status")).toBe("answered_reviewed");
    expect(await answer.getByTestId("reviewed-label").innerText()).toBe("人工审核");
    expect(await answer.getByTestId("ai-label").count()).toBe(0);
    const body = await answer.getByTestId("answer-body").innerText();
    expect(body).toContain(reviewed);
    expect(body).toContain(messages.answer.reviewedLabel);
    expect((await widget.expandCitation(answer, 1)).breadcrumb).toContain("4. 强化用能监督管理");

    await page.reload();
    const again = await new WidgetPage(page).ready();
    await again.panel.waitFor({ state: "visible" });
    expect(await again.lastAnswer().getByTestId("reviewed-label").innerText()).toBe("人工审核");
    expect(await again.lastAnswer().getByTestId("ai-label").count()).toBe(0);
    await context.close();
  });

  it("sends 👍 with a comment to POST /api/feedback, where it is stored beside the answer", async () => {
    const { context, widget } = await fresh();
    await widget.open();
    const answer = await widget.ask(QUESTION);
    const messageId = await answer.getAttribute("data-message-id");
    expect(await widget.rate(answer, "up", "很清楚，谢谢")).toBe("感谢您的反馈！");
    expect(await answer.getByTestId("feedback-up").getAttribute("aria-pressed")).toBe("true");
    const stored = await fx.app.services.storage.listFeedback(20);
    expect(stored.find((row) => row.messageId === messageId)).toMatchObject({
      rating: "up",
      feedbackComment: "很清楚，谢谢",
    });

    await widget.rate(answer, "down");
    expect(await answer.getByTestId("feedback-down").getAttribute("aria-pressed")).toBe("true");
    expect(
      (await fx.app.services.storage.listFeedback(20)).find((row) => row.messageId === messageId)?.rating,
    ).toBe("down");
    await context.close();
  });

  it("copies the answer as plain text", async () => {
    const { context, page, widget } = await fresh();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fx.site.url });
    await widget.open();
    const answer = await widget.ask(QUESTION);
    await answer.getByTestId("copy").click();
    await answer.getByTestId("copy-status").filter({ hasText: "已复制" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("市经济和信息化局");
    expect(copied).not.toContain("**");
    await context.close();
  });

  it("restores the conversation after a reload and continues it with the same conversation id", async () => {
    const { context, page, widget } = await fresh();
    await widget.open();
    const answer = await widget.ask(QUESTION);
    const text = await answer.getByTestId("answer-body").innerText();
    await page.reload();
    const again = await new WidgetPage(page).ready();
    await again.panel.waitFor({ state: "visible" });
    expect(await again.by("question").first().innerText()).toContain(QUESTION);
    expect(await again.lastAnswer().getByTestId("answer-body").innerText()).toBe(text);
    await again.expandCitation(again.lastAnswer(), 1);

    const sent = page.waitForRequest((req) => req.url().endsWith("/api/chat"));
    await again.ask("它的具体内容是什么？");
    const body = JSON.parse((await sent).postData() ?? "{}") as { conversationId?: string };
    expect(body.conversationId).toMatch(/^c_/);
    expect(await again.answers.count()).toBe(2);
    await context.close();
  });

  it("keeps the large-text mode (适老化) across a reload", async () => {
    const { context, page, widget } = await fresh();
    await widget.open();
    const fontSize = () => widget.by("widget").evaluate((el) => getComputedStyle(el).fontSize);
    expect(await fontSize()).toBe("15px");
    await widget.by("large-text").click();
    expect(await widget.by("large-text").getAttribute("aria-pressed")).toBe("true");
    expect(await fontSize()).toBe("19px");
    await page.reload();
    const again = await new WidgetPage(page).ready();
    expect(await again.by("widget").evaluate((el) => getComputedStyle(el).fontSize)).toBe("19px");
    await context.close();
  });

  it("shows the contact panel from the configuration", async () => {
    const { context, widget } = await fresh();
    await widget.open();
    await widget.by("open-contact").click();
    const contact = widget.by("contact");
    await contact.waitFor({ state: "visible" });
    expect(await contact.innerText()).toContain("0554-1234567");
    expect(await contact.locator("a[href='tel:0554-1234567']").count()).toBe(1);
    await widget.by("contact-back").click();
    await widget.by("view-chat").waitFor({ state: "visible" });
    await context.close();
  });

  describe("when a reply offers 人工服务 (handoff)", () => {
    /** Sends a message whose reply switches to the 人工服务 view; resolves with that reply. */
    async function askForAPerson(widget: WidgetPage, message: string) {
      const before = await widget.answers.count();
      await widget.input.fill(message);
      await widget.by("send").click();
      await widget.by("contact").waitFor({ state: "visible", timeout: 15_000 });
      return widget.answers.nth(before);
    }

    it("opens the form with the question asked before “转人工” filled in, ready for a contact", async () => {
      const { context, widget } = await fresh();
      await widget.open();
      await widget.ask(QUESTION);
      const reply = await askForAPerson(widget, "转人工");
      expect(await reply.getAttribute("data-status")).toBe("answered_handoff");
      expect(await widget.by("handoff-question").inputValue()).toBe(QUESTION);
      const focused = (el: Element) => el === (el.getRootNode() as ShadowRoot).activeElement;
      expect(await widget.by("handoff-contact").evaluate(focused)).toBe(true);
      expect(await widget.by("live").innerText()).toContain("人工服务");
      await widget.by("contact-back").click();
      expect(await reply.getByTestId("answer-body").innerText()).toContain(messages.answer.scope.handoff.zh);
      await context.close();
    });

    it("fills in the request itself when it carries the question", async () => {
      const { context, widget } = await fresh();
      await widget.open();
      const request = "想找你们局里的人当面咨询一下申报节能诊断的事";
      await askForAPerson(widget, request);
      expect(await widget.by("handoff-question").inputValue()).toBe(request);
      await context.close();
    });
  });

  it("leaves a question for bureau staff with a phone number and shows the reference number, which the bureau has on record", async () => {
    const { context, widget } = await fresh();
    await widget.open();
    await widget.by("open-contact").click();
    await widget.by("handoff-submit").click();
    await expect.poll(() => widget.by("handoff-question-error").innerText()).toContain("请先填写问题");
    await widget.by("handoff-question").fill("我们想申请节能诊断服务，怎么办理？");
    await widget.by("handoff-submit").click();
    await expect.poll(() => widget.by("handoff-contact-error").innerText()).toContain("请填写联系电话");
    await widget.by("handoff-contact").fill("0554-7654321");
    await widget.by("handoff-submit").click();
    const shown = widget.by("handoff-reference");
    await shown.waitFor({ timeout: 10_000 });
    const reference = await shown.innerText();
    expect(reference).toMatch(/^RG-\d{8}-[A-Z0-9]{6}$/);
    expect(await widget.by("handoff-receipt").innerText()).toContain("后四位");
    const stored = await fx.app.services.storage.findHandoff(reference);
    expect(stored).toMatchObject({
      question: "我们想申请节能诊断服务，怎么办理？",
      contact: "05547654321",
      contactKind: "phone",
    });
    await context.close();
  });
});

describe("configured by the tag's data-* attributes", () => {
  /** Opens a host page whose widget tag has these attributes (besides the endpoint). */
  async function configured(
    attrs: Record<string, string>,
  ): Promise<{ context: BrowserContext; page: Page; widget: WidgetPage }> {
    const path = `/configured-${Math.random().toString(36).slice(2)}`;
    fx.site.pages.set(path, {
      html: pageWith(`${fx.app.url}/widget.js`, [{ endpoint: fx.app.url, ...attrs }]),
    });
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${fx.site.url}${path}`);
    return { context, page, widget: await new WidgetPage(page).ready() };
  }

  it('data-open opens the panel on load, without taking the focus from the page; data-open="false" does not', async () => {
    const opened = await configured({ open: "" });
    await opened.widget.panel.waitFor({ state: "visible" });
    expect(await opened.widget.launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await opened.page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    await opened.context.close();

    const closed = await configured({ open: "false" });
    await closed.page.waitForTimeout(500); // the panel is built when the browser is idle
    expect(await closed.widget.panel.isVisible()).toBe(false);
    expect(await closed.widget.launcher.getAttribute("aria-expanded")).toBe("false");
    await closed.context.close();
  });

  it("data-questions replaces the suggestions, and a suggestion asks its question", async () => {
    const { context, widget } = await configured({
      questions: "节能降碳改造由哪个部门牵头？ | 绿色工厂怎么申报？",
    });
    await widget.open();
    expect(await widget.by("suggestion").allInnerTexts()).toEqual([
      "节能降碳改造由哪个部门牵头？",
      "绿色工厂怎么申报？",
    ]);
    expect(await widget.by("welcome").locator("h3").allInnerTexts()).toEqual(["常见问题"]);
    const answer = await widget.askSuggestion(0);
    expect(await widget.by("question").last().innerText()).toContain("节能降碳改造由哪个部门牵头？");
    expect(await answer.getByTestId("answer-body").innerText()).toContain("市经济和信息化局");
    await context.close();
  });

  it("data-questions-provider replaces only the service providers' group", async () => {
    const { context, widget } = await configured({ "questions-provider": "合同能源管理有什么支持？" });
    await widget.open();
    const groups = widget.by("welcome").getByRole("group");
    expect(await groups.count()).toBe(3);
    expect(await groups.nth(1).getByTestId("suggestion").allInnerTexts()).toEqual([
      "合同能源管理有什么支持？",
    ]);
    expect(await groups.nth(0).getByTestId("suggestion").count()).toBe(3);
    await context.close();
  });

  it("data-large-text starts in large-text mode, with the 大字 button pressed", async () => {
    const { context, widget } = await configured({ "large-text": "true" });
    expect(await widget.by("widget").evaluate((el) => getComputedStyle(el).fontSize)).toBe("19px");
    await widget.open();
    expect(await widget.by("large-text").getAttribute("aria-pressed")).toBe("true");
    await widget.by("large-text").click();
    expect(await widget.by("widget").evaluate((el) => getComputedStyle(el).fontSize)).toBe("15px");
    await context.close();
  });

  it("data-title, data-greeting and data-position=bottom-left", async () => {
    const { context, widget } = await configured({
      title: "淮南经信助手",
      greeting: "欢迎咨询工业节能政策。",
      position: "bottom-left",
    });
    expect(await widget.launcher.getAttribute("aria-label")).toContain("淮南经信助手");
    const box = (await widget.launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    await widget.open();
    expect(await widget.panel.locator("h2").innerText()).toBe("淮南经信助手");
    expect(await widget.by("welcome").locator("p").first().innerText()).toBe("欢迎咨询工业节能政策。");
    expect((await widget.panel.boundingBox())!.x).toBeLessThan(100);
    await context.close();
  });

  it("the contact e-mail and website become mailto: and https: links", async () => {
    const { context, widget } = await configured({
      "contact-phone": "0554-666 1234",
      "contact-email": "jxw@huainan.gov.cn",
      "contact-url": "https://jxw.huainan.gov.cn/",
    });
    await widget.open();
    await widget.by("open-contact").click();
    const links = await widget
      .by("contact")
      .locator("a")
      .evaluateAll((els) =>
        els.map((a) => ({
          href: a.getAttribute("href"),
          text: a.textContent,
          target: a.getAttribute("target"),
          rel: a.getAttribute("rel"),
        })),
      );
    expect(links).toEqual([
      { href: "tel:0554-6661234", text: "0554-666 1234", target: null, rel: null },
      { href: "mailto:jxw@huainan.gov.cn", text: "jxw@huainan.gov.cn", target: null, rel: null },
      {
        href: "https://jxw.huainan.gov.cn/",
        text: "https://jxw.huainan.gov.cn/",
        target: "_blank",
        rel: "noopener noreferrer",
      },
    ]);
    await context.close();
  });

  it("a hostile or mistyped contact e-mail or website makes no link (only mailto:, tel: and https: ever do)", async () => {
    const { context, page, widget } = await configured({
      "contact-name": "淮南市经济和信息化局",
      "contact-email": "jxw@huainan.gov.cn?body=<script>alert(1)</script>",
      "contact-url": "javascript:window.__pwned=1",
    });
    await widget.open();
    await widget.by("open-contact").click();
    const contact = widget.by("contact");
    expect(await contact.innerText()).toContain("淮南市经济和信息化局");
    expect(await contact.locator("a").count()).toBe(0);
    expect(await contact.innerText()).not.toContain("javascript:");

    const http = await configured({
      "contact-url": "http://jxw.huainan.gov.cn/",
      "contact-email": "jxw@huainan.gov.cn",
    });
    await http.widget.open();
    await http.widget.by("open-contact").click();
    const hrefs = await http.widget
      .by("contact")
      .locator("a")
      .evaluateAll((els) => els.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["mailto:jxw@huainan.gov.cn"]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await http.context.close();
    await context.close();
  });
});

describe("猜你想问 and the quoted clauses", () => {
  it("offers questions under the latest answer only; one asks its question, answered from the clause it names", async () => {
    const { context, page, widget } = await fresh();
    await widget.open();
    const first = await widget.ask("开展节能降碳升级改造有哪些要求？");
    const offered = await first.getByTestId("follow-up").allInnerTexts();
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(offered).toContain(messages.suggestions.clause("强化用能监督管理"));
    expect(await first.getByTestId("follow-ups").getAttribute("role")).toBe("group");

    const index = offered.indexOf(messages.suggestions.clause("强化用能监督管理"));
    const { question, answer } = await widget.askFollowUp(index);
    expect(await widget.by("question").last().innerText()).toContain(question);
    expect(await answer.getByTestId("answer-body").innerText()).toMatch(/^方案在“强化用能监督管理”中提出/);
    // The button that asked is gone with its group; the focus waits in the question box.
    expect(await first.getByTestId("follow-ups").count()).toBe(0);
    expect(await widget.focusedTestId()).toBe("input");
    expect(await answer.getByTestId("follow-up").count()).toBeGreaterThanOrEqual(2);
    expect(await widget.by("follow-ups").count()).toBe(1);

    // After a reload, the latest answer offers them again, and only it.
    await page.reload();
    const again = await new WidgetPage(page).ready();
    await again.open();
    expect(await again.by("follow-ups").count()).toBe(1);
    expect(await again.lastAnswer().getByTestId("follow-up").count()).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("folds the clauses the answer quotes (**依据**) under the citation row; opened, each has its chip", async () => {
    const { context, widget } = await fresh();
    await widget.open();
    const answer = await widget.ask(QUESTION);
    const body = answer.getByTestId("answer-body");
    expect(await body.locator('[data-section="依据"]').count()).toBe(0);
    const basis = answer.getByTestId("basis");
    expect(await basis.locator("summary").innerText()).toMatch(/^依据原文（\d 条）$/);
    // Under the chips, closed.
    const row = await answer.getByTestId("citations").elementHandle();
    expect(await basis.evaluate((el, chips) => Boolean(chips!.compareDocumentPosition(el) & 4), row)).toBe(
      true,
    );
    expect(await basis.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    const chips = await answer.getByTestId("citations").getByTestId("citation-chip").count();
    await basis.locator("summary").click();
    expect(await basis.locator("p.md-cite").count()).toBe(chips);
    expect(await basis.getByTestId("citation-chip").count()).toBe(chips);
    expect(await basis.innerText()).toContain(" › ");
    await context.close();
  });
});

describe("with the keyboard only", () => {
  it("Tab from 发送 comes round to the panel's header, not to the page; Shift+Tab from there leaves by the launcher", async () => {
    const { context, page, widget } = await fresh();
    await widget.open();
    await widget.input.fill("问题");
    await widget.by("send").focus();
    await page.keyboard.press("Tab");
    expect(await widget.focusedTestId()).toBe("large-text");
    await page.keyboard.press("Shift+Tab");
    expect(await widget.focusedTestId()).toBe("launcher");
    // On the 人工服务 view, its last control comes round the same way.
    await widget.by("nav-contact").click();
    const last = await widget.by("view-contact").evaluate((view) => {
      const stops = [
        ...view.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea"),
      ].filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
      stops.at(-1)!.focus();
      return stops.at(-1)!.dataset.testid;
    });
    expect(last).toBeTruthy();
    await page.keyboard.press("Tab");
    expect(await widget.focusedTestId()).toBe("large-text");
    await context.close();
  });

  it("opens, asks, opens a citation and closes with Esc, focus returning to the launcher", async () => {
    const { context, page, widget } = await fresh();
    for (let i = 0; i < 10 && (await widget.focusedTestId()) !== "launcher"; i++)
      await page.keyboard.press("Tab");
    expect(await widget.focusedTestId()).toBe("launcher");
    const ring = await widget.launcher.evaluate((el) => ({
      style: getComputedStyle(el).outlineStyle,
      width: getComputedStyle(el).outlineWidth,
    }));
    expect(ring).toEqual({ style: "solid", width: "3px" });

    await page.keyboard.press("Enter");
    await widget.panel.waitFor({ state: "visible" });
    expect(await widget.focusedTestId()).toBe("input");
    await page.keyboard.type(QUESTION);
    await page.keyboard.press("Enter");
    const answer = await widget.waitForReply(0);

    for (let i = 0; i < 40 && (await widget.focusedTestId()) !== "citation-chip"; i++)
      await page.keyboard.press("Shift+Tab");
    expect(await widget.focusedTestId()).toBe("citation-chip");
    await page.keyboard.press("Enter");
    await answer.getByTestId("citation-detail").waitFor({ state: "visible" });

    await widget.closeWithEscape();
    expect(await widget.focusedTestId()).toBe("launcher");
    expect(await widget.launcher.getAttribute("aria-expanded")).toBe("false");
    await context.close();
  });
});

describe("with an LLM writing the answers", () => {
  let llm: ScriptedOpenAiServer;
  let llmApp: RunningApp;

  beforeAll(async () => {
    llm = new ScriptedOpenAiServer();
    const baseURL = await llm.start();
    llmApp = await startApp([fx.site.url], {
      llm: {
        baseURL,
        apiKey: "test-key",
        model: "scripted-model",
        firstTokenTimeoutMs: 5000,
        totalTimeoutMs: 10_000,
        ...LLM_ANSWER_DEFAULTS,
      },
    });
    fx.site.pages.set("/llm", { html: pageWith(`${llmApp.url}/widget.js`, [{ endpoint: llmApp.url }]) });
  });

  afterAll(async () => {
    await llmApp?.close();
    await llm?.stop();
  });

  it("the model's [n] becomes a chip whose clause shows the passage's 责任单位", async () => {
    llm.respondWith({ kind: "text", chunks: ["遏制“两高”项目盲目发展", "由市发展改革委牵头[1]。"] });
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${fx.site.url}/llm`);
    const widget = await new WidgetPage(page).ready();
    await widget.open();
    const answer = await widget.ask(TWO_HIGH);
    expect(await answer.getAttribute("data-status")).toBe("answered");
    expect(await answer.getByTestId("ai-label").count()).toBe(1);
    const sent = String(llm.requests[0]!.body.messages![1]!.content);
    const passage = llmApp.services.knowledge.passages.find((p) =>
      sent.includes(`[1] ${p.breadcrumb.join(" › ")}：${p.text}`),
    )!;
    expect(passage.responsibleUnits).not.toBeNull();
    const clause = await widget.expandCitation(answer, 1);
    expect(clause.quote).toBe(`“${passage.text}”`);
    // [1] is the start of 2.1.2: its text does not name the units, its responsibleUnits do.
    expect(passage.id).toBe("hn2023:2.1.2#1");
    expect(clause.quote).not.toContain("责任单位");
    expect(await answer.getByTestId("citation-responsible").innerText()).toBe(
      `责任单位：${passage.responsibleUnits!.raw}`,
    );
    await context.close();
  });
});
