import { describe, expect, it } from "vitest";
import { contrast } from "../../widget/src/color.js";
import { audit } from "./support/axe.js";
import { answerSteps, FakeChatServer } from "./support/fakeChat.js";
import { useWidgetFixture } from "./support/fixture.js";
import { pageWith } from "./support/servers.js";
import type { WidgetPage } from "./widgetPage.js";

const fx = useWidgetFixture();

async function widget(
  viewport = { width: 1280, height: 800 },
  url = `${fx.site.url}/`,
  bypassCSP = false,
): Promise<WidgetPage> {
  return (await fx.open({ viewport, url, bypassCSP })).widget;
}

describe("accessibility audit (axe-core) finds no violations", () => {
  it("closed, open on the first screen, and in large-text mode", async () => {
    const w = await widget();
    expect(await audit(w.page)).toEqual([]);
    await w.open();
    expect(await audit(w.page)).toEqual([]);
    await w.by("large-text").click();
    expect(await audit(w.page)).toEqual([]);
  });

  it("with an answer, its citation opened and the feedback form showing", async () => {
    const w = await widget();
    await w.open();
    const answer = await w.ask("节能降碳改造由哪个部门牵头？");
    await w.expandCitation(answer, 1);
    await answer.getByTestId("feedback-down").click();
    await answer.getByTestId("feedback-form").waitFor({ state: "visible" });
    expect(await audit(w.page)).toEqual([]);
  });

  it("with 猜你想问 under the answer and its quoted clauses unfolded, also in large text and after one was asked", async () => {
    const w = await widget();
    await w.open();
    const answer = await w.ask("开展节能降碳升级改造有哪些要求？");
    await answer.getByTestId("follow-ups").waitFor();
    await answer.getByTestId("basis").locator("summary").click();
    expect(await audit(w.page)).toEqual([]);
    await w.by("large-text").click();
    expect(await audit(w.page)).toEqual([]);
    await w.askFollowUp(0);
    expect(await audit(w.page)).toEqual([]);
  });

  it("on the calculator form, a field marked wrong, its result with the chart, and the contact panel", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.by("calc-submit").click();
    await w.host.locator('[data-testid="calc-product"][aria-invalid="true"]').waitFor();
    expect(await audit(w.page)).toEqual([]);
    await w.by("calc-mode-energy").check();
    expect(await audit(w.page)).toEqual([]);
    await w.by("calc-mode-uc").check();
    await w.calculate({ product: "cement-clinker", unitConsumption: 110, output: [120, "万吨"] });
    expect(await audit(w.page)).toEqual([]);
    await w.by("nav-contact").click();
    expect(await audit(w.page)).toEqual([]);
  });

  it("with the service down (the error and its retry)", async () => {
    fx.site.pages.set("/down", {
      html: pageWith(`${fx.app.url}/widget.js`, [{ endpoint: "http://127.0.0.1:9" }]),
    });
    const w = await widget(undefined, `${fx.site.url}/down`);
    await w.open();
    await w.ask("你好");
    expect(await audit(w.page)).toEqual([]);
  });

  it("full screen on a phone", async () => {
    const w = await widget({ width: 390, height: 844 });
    await w.open();
    await w.ask("淮南市工业领域碳达峰的主要目标是什么？");
    expect(await audit(w.page)).toEqual([]);
  });

  it("the demo page itself, with the widget open", async () => {
    const w = await widget(undefined, `${fx.app.url}/demo`, true);
    expect(await audit(w.page)).toEqual([]);
    await w.open();
    await w.ask("节能降碳改造由哪个部门牵头？");
    expect(await audit(w.page)).toEqual([]);
  });
});

describe("with a brand colour that fails AA as configured (data-primary-color)", () => {
  // #777777 and #d9480f: neither white nor #111 reaches 4.5:1 on them; #ffdd00 is too light to be text or a line.
  for (const colour of ["#777777", "#d9480f", "#ffdd00"]) {
    it(`${colour}: closed, open, large text, an answer with its citation, the calculator's chart and the contact panel`, async () => {
      const w = await widget(undefined, colourPage(colour, fx.app.url));
      expect(await w.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(colour));
      expect(await audit(w.page)).toEqual([]);
      await w.open();
      await w.by("large-text").click();
      expect(await audit(w.page)).toEqual([]);
      await w.by("large-text").click();
      const answer = await w.ask("节能降碳改造由哪个部门牵头？");
      await w.expandCitation(answer, 1);
      expect(await audit(w.page)).toEqual([]);
      await w.openCalculator();
      const result = await w.calculate({
        product: "cement-clinker",
        unitConsumption: 110,
        output: [120, "万吨"],
      });
      expect(await audit(w.page)).toEqual([]);
      // axe does not check non-text contrast (WCAG 1.4.11): the enterprise's bar and a button's border, 3:1 on white.
      const bar = await result
        .getByTestId("chart-bar")
        .first()
        .evaluate((el) => getComputedStyle(el).fill);
      const border = await w.by("calc-submit").evaluate((el) => getComputedStyle(el).borderTopColor);
      expect(contrast(hex(bar), "#ffffff")).toBeGreaterThanOrEqual(3);
      expect(contrast(hex(border), "#ffffff")).toBeGreaterThanOrEqual(3);
      await w.by("nav-contact").click();
      expect(await audit(w.page)).toEqual([]);
    });
  }

  it("#ffdd00: links and section headings inside an answer's bubble (not white) reach 4.5:1 too", async () => {
    const fake = new FakeChatServer();
    await fake.start();
    try {
      fake.respondWith({
        steps: answerSteps(
          "**依据**\n详见[方案原文](https://example.org/plan)[1]，或访问 https://jxw.huainan.gov.cn/ 。",
          {
            citations: [
              { id: "p1", unitId: "u1", breadcrumb: "一、总体要求 › （三）主要目标", quote: "原文" },
            ],
          },
        ),
      });
      const w = await widget(undefined, colourPage("#ffdd00", fake.url));
      await w.open();
      const answer = await w.ask("有原文链接吗？");
      expect(await answer.getByTestId("answer-body").locator("a").count()).toBe(2);
      expect(await audit(w.page)).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

function colourPage(colour: string, endpoint: string): string {
  const path = `/colour-${colour.slice(1)}-${Math.random().toString(36).slice(2)}`;
  fx.site.pages.set(path, {
    html: pageWith(`${fx.app.url}/widget.js`, [
      {
        endpoint,
        "primary-color": colour,
        "contact-phone": "0554-1234567",
        "contact-url": "https://jxw.huainan.gov.cn/",
      },
    ]),
  });
  return `${fx.site.url}${path}`;
}

/** "#d9480f" as getComputedStyle writes it. */
function rgb(value: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** "rgb(217, 72, 15)" back to "#d9480f". */
function hex(value: string): string {
  const parts = value.match(/\d+/g)!.slice(0, 3).map(Number);
  return `#${parts.map((n) => n.toString(16).padStart(2, "0")).join("")}`;
}
