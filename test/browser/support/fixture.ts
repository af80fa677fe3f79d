import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { WidgetPage } from "../widgetPage.js";
import { launchChromium } from "./chromium.js";
import { FakeChatServer } from "./fakeChat.js";
import { HostSite, pageWith, startApp, type RunningApp } from "./servers.js";

/** The bureau's contact details most tests embed with the widget. */
export const BUREAU_CONTACT = { "contact-phone": "0554-1234567", "contact-name": "淮南市经济和信息化局" };

export interface ContextOptions {
  viewport?: { width: number; height: number };
  bypassCSP?: boolean;
  /** A phone: touch, a mobile viewport meta honoured, at twice the pixels. */
  mobile?: boolean;
}

export interface WidgetFixture {
  readonly app: RunningApp;
  readonly site: HostSite;
  readonly browser: Browser;
  /** A scripted stand-in for the chat service (only with `useWidgetFixture({ fake: true })`). */
  readonly fake: FakeChatServer;
  /** A fresh browser context, closed after the test. */
  context(options?: ContextOptions): Promise<BrowserContext>;
  /** Serves `html` (under `csp`, when given) as a new page of the host site; returns its address. */
  page(html: string, csp?: string): string;
  /** A fresh context (closed after the test) on a host page, with its widget ready. */
  open(
    options?: ContextOptions & { url?: string },
  ): Promise<{ context: BrowserContext; page: Page; widget: WidgetPage }>;
}

/**
 * The setup every widget test file needs: the real service on a free port, a host site on another
 * origin (allowed by CORS) whose "/" embeds the widget, Chromium, and, when asked, a fake chat
 * service; all closed after the file. Contexts made by `context` and `open` are closed after each test.
 */
export function useWidgetFixture(
  options: { widget?: Record<string, string>; fake?: boolean } = {},
): WidgetFixture {
  let app: RunningApp | undefined;
  let site: HostSite | undefined;
  let browser: Browser | undefined;
  let fake: FakeChatServer | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    site = new HostSite();
    await site.start();
    app = await startApp([site.url]);
    if (options.fake) {
      fake = new FakeChatServer();
      await fake.start();
    }
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
    await fake?.close();
    await app?.close();
    await site?.close();
  });
  const built = <T>(value: T | undefined, what = "The widget fixture"): T => {
    if (!value) throw new Error(`${what} is built in beforeAll; use it inside a test or hook.`);
    return value;
  };
  const context = async ({
    viewport = { width: 1280, height: 800 },
    bypassCSP = false,
    mobile = false,
  }: ContextOptions = {}) => {
    const made = await built(browser).newContext({
      viewport,
      bypassCSP,
      locale: "zh-CN",
      ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    contexts.push(made);
    return made;
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
    get fake() {
      return built(fake, "The fake chat service (useWidgetFixture({ fake: true }))");
    },
    context,
    page(html, csp) {
      const path = `/page-${Math.random().toString(36).slice(2)}`;
      built(site).pages.set(path, { html, csp });
      return `${built(site).url}${path}`;
    },
    async open({ url, ...contextOptions } = {}) {
      const made = await context(contextOptions);
      const page = await made.newPage();
      await page.goto(url ?? `${built(site).url}/`);
      return { context: made, page, widget: await new WidgetPage(page).ready() };
    },
  };
}
