import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/chromium.js";
import { HostSite, pageWith, startApp, type RunningApp } from "./support/servers.js";
import { WidgetPage } from "./widgetPage.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let app: RunningApp;
let site: HostSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  site = new HostSite();
  await site.start();
  app = await startApp([site.url]);
  browser = await launchChromium();
  // A test page without CSP, so axe can be injected; the widget is the same script as anywhere.
  site.pages.set("/", {
    html: pageWith(`${app.url}/widget.js`, [
      { endpoint: app.url, "contact-phone": "0554-1234567", "contact-name": "淮南市经济和信息化局" },
    ]),
  });
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await site?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every axe-core rule (WCAG 2.x A/AA and best practices), on the whole page, widget included. */
async function audit(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
}

async function widget(
  viewport = { width: 1280, height: 800 },
  url = `${site.url}/`,
  bypassCSP = false,
): Promise<WidgetPage> {
  context = await browser.newContext({ viewport, bypassCSP });
  const page = await context.newPage();
  await page.goto(url);
  return new WidgetPage(page).ready();
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

  it("on the calculator form, its result with the chart, and the contact panel", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.by("calc-mode-energy").check();
    expect(await audit(w.page)).toEqual([]);
    await w.by("calc-mode-uc").check();
    await w.calculate({ product: "cement-clinker", unitConsumption: 110, output: [120, "万吨"] });
    expect(await audit(w.page)).toEqual([]);
    await w.by("nav-contact").click();
    expect(await audit(w.page)).toEqual([]);
  });

  it("with the service down (the error and its retry)", async () => {
    site.pages.set("/down", { html: pageWith(`${app.url}/widget.js`, [{ endpoint: "http://127.0.0.1:9" }]) });
    const w = await widget(undefined, `${site.url}/down`);
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
    const w = await widget(undefined, `${app.url}/demo`, true);
    expect(await audit(w.page)).toEqual([]);
    await w.open();
    await w.ask("节能降碳改造由哪个部门牵头？");
    expect(await audit(w.page)).toEqual([]);
  });
});
