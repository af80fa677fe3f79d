import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { WidgetPage } from "../widgetPage.js";
import { launchChromium } from "./chromium.js";
import { HostSite, pageWith, startApp, type RunningApp } from "./servers.js";

/** The bureau's contact details most tests embed with the widget. */
export const BUREAU_CONTACT = { "contact-phone": "0554-1234567", "contact-name": "淮南市经济和信息化局" };

export interface WidgetFixture {
  readonly app: RunningApp;
  readonly site: HostSite;
  readonly browser: Browser;
  /** A fresh browser context (closed after the test) on a host page, with its widget ready. */
  open(options?: {
    viewport?: { width: number; height: number };
    url?: string;
    bypassCSP?: boolean;
  }): Promise<{ context: BrowserContext; page: Page; widget: WidgetPage }>;
}

/**
 * The setup every widget test file needs: the real service on a free port, a host site on another
 * origin (allowed by CORS) whose "/" embeds the widget, and Chromium; all closed after the file.
 * Contexts made by `open` are closed after each test.
 */
export function useWidgetFixture(options: { widget?: Record<string, string> } = {}): WidgetFixture {
  let app: RunningApp | undefined;
  let site: HostSite | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    site = new HostSite();
    await site.start();
    app = await startApp([site.url]);
    browser = await launchChromium();
    site.pages.set("/", {
      html: pageWith(`${app.url}/widget.js`, [{ endpoint: app.url, ...(options.widget ?? BUREAU_CONTACT) }]),
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await site?.close();
  });
  const built = <T>(value: T | undefined): T => {
    if (!value) throw new Error("The widget fixture is built in beforeAll; use it inside a test or hook.");
    return value;
  };
  return {
    get app() {
      return built(app);
    },
    get site() {
      return built(site);
    },
    get browser() {
      return built(browser);
    },
    async open({ viewport = { width: 1280, height: 800 }, url, bypassCSP = false } = {}) {
      const context = await built(browser).newContext({ viewport, bypassCSP, locale: "zh-CN" });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url ?? `${built(site).url}/`);
      return { context, page, widget: await new WidgetPage(page).ready() };
    },
  };
}
