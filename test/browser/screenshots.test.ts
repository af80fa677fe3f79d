import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useWidgetFixture } from "./support/fixture.js";
import { root } from "./support/servers.js";
import { WidgetPage } from "./widgetPage.js";

/** Screenshots of the demo page for people to look at; test/artifacts/ is not committed. */
const ARTIFACTS = path.join(root, "test", "artifacts");

const fx = useWidgetFixture();

beforeAll(() => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

async function shoot(
  name: string,
  viewport: { width: number; height: number },
  mobile: boolean,
  steps: (widget: WidgetPage) => Promise<void>,
): Promise<string> {
  const page = await (await fx.context({ viewport, mobile })).newPage();
  await page.goto(`${fx.app.url}/demo`);
  const widget = await new WidgetPage(page).ready();
  await steps(widget);
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}

describe("screenshots of the demo page", () => {
  it("desktop 1280×800: an answer with a citation opened", async () => {
    const file = await shoot("widget-desktop.png", { width: 1280, height: 800 }, false, async (widget) => {
      await widget.open();
      const answer = await widget.ask("节能降碳改造由哪个部门牵头？");
      await widget.expandCitation(answer, 1);
      await answer.getByTestId("copy").scrollIntoViewIfNeeded();
    });
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it("desktop 1280×800: the calculator's result with its chart", async () => {
    const file = await shoot("widget-calculator.png", { width: 1280, height: 800 }, false, async (widget) => {
      await widget.openCalculator();
      const result = await widget.calculate({
        product: "cement-clinker",
        unitConsumption: 110,
        output: [120, "万吨"],
      });
      await result.getByTestId("calc-chart").scrollIntoViewIfNeeded();
    });
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it("desktop 1280×800: the launcher on the closed page", async () => {
    const file = await shoot("widget-closed.png", { width: 1280, height: 800 }, false, async () => {});
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it("mobile 390×844: full screen, the first screen and an answer", async () => {
    const welcome = await shoot(
      "widget-mobile-welcome.png",
      { width: 390, height: 844 },
      true,
      async (widget) => {
        await widget.open();
        const box = await widget.panel.boundingBox();
        expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
      },
    );
    const answered = await shoot("widget-mobile.png", { width: 390, height: 844 }, true, async (widget) => {
      await widget.open();
      await widget.by("large-text").click();
      await widget.ask("我们吨熟料综合能耗110千克标准煤，年产120万吨，达标了吗？");
    });
    expect(fs.statSync(welcome).size).toBeGreaterThan(20_000);
    expect(fs.statSync(answered).size).toBeGreaterThan(20_000);
  });

  it("mobile 390×844: the page scrolled to its footer, the launcher clear of it", async () => {
    const file = await shoot(
      "widget-mobile-footer.png",
      { width: 390, height: 844 },
      true,
      async (widget) => {
        await widget.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const foot = (await widget.page.locator("footer").boundingBox())!;
        const launcher = (await widget.launcher.boundingBox())!;
        expect(foot.y + foot.height).toBeLessThanOrEqual(launcher.y);
      },
    );
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });
});
