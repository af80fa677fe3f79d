import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useWidgetFixture } from "./support/fixture.js";
import { WidgetPage } from "./widgetPage.js";

// This page's widget has no contact details configured.
const fx = useWidgetFixture({ widget: {} });

async function widget(): Promise<WidgetPage> {
  return (await fx.open()).widget;
}

const bars = (result: import("playwright-core").Locator) =>
  result.getByTestId("calc-chart").evaluate((chart) =>
    [...chart.querySelectorAll("rect")].map((r) => ({
      cls: r.getAttribute("class"),
      width: Number(r.getAttribute("width")),
    })),
  );

describe("算一算我的能效差距", () => {
  it("from a unit consumption: a table, the formula and a chart against benchmark, baseline and city target", async () => {
    const w = await widget();
    await w.open();
    await w.by("open-calc").click();
    await w.by("calc-product").locator("option[value='cement-clinker']").waitFor({ state: "attached" });
    const result = await w.calculate({
      product: "cement-clinker",
      unitConsumption: 110,
      output: [120, "万吨"],
    });
    expect(await result.getAttribute("data-testid")).toBe("calc-result");
    const table = await result.getByTestId("calc-table").innerText();
    for (const figure of ["110", "100", "117", "102", "介于标杆水平与基准水平之间", "12,000 吨标准煤"])
      expect(table).toContain(figure);
    const drawn = await bars(result);
    expect(drawn.map((b) => b.cls)).toEqual(["b0", "b1", "b2", "b3"]);
    expect(drawn[0]!.width).toBeGreaterThan(drawn[1]!.width);
    expect(await result.getByTestId("calc-chart").getAttribute("role")).toBe("img");
    const formula = await result.getByTestId("calc-formula").innerText();
    expect(formula).toContain("与标杆水平的差距 = 110 − 100 = 10 kgce/t");
    expect(await w.by("view-chat").isVisible()).toBe(true);
    expect(await w.by("question").last().innerText()).toContain("算一算：水泥熟料");
  });

  it("from the output and the energy used", async () => {
    const w = await widget();
    await w.openCalculator();
    const result = await w.calculate({
      product: "cement-clinker",
      output: [100, "万吨"],
      energy: [
        ["原煤", 14, "万吨"],
        ["电力", 8000, "万千瓦时"],
      ],
    });
    expect(await result.getAttribute("data-testid")).toBe("calc-result");
    expect(await result.getByTestId("calc-formula").innerText()).toContain(
      "单位产品综合能耗 = 综合能耗 ÷ 产量",
    );
    expect(await bars(result)).toHaveLength(4);
  });

  it("says what is missing before sending, and shows the service's own refusal", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.by("calc-product").selectOption("cement-clinker");
    await w.by("calc-mode-energy").check();
    await w.by("calc-output").fill("100");
    await w.by("calc-submit").click();
    expect(await w.by("calc-error").innerText()).toBe("请至少填写一种能源的用量。");
    await w.by("calc-mode-uc").check();
    const refusal = await w.calculate({ product: "cement-clinker", unitConsumption: 5000 });
    expect(await refusal.getAttribute("data-testid")).toBe("calc-error");
    expect(await refusal.innerText()).toContain("相差20倍以上");
  });

  it("asks for the energy basis of a product that has two", async () => {
    const w = await widget();
    await w.openCalculator();
    const basis = w.by("calc-basis");
    expect(await basis.isVisible()).toBe(false);
    await w.by("calc-product").selectOption("coal-to-olefins");
    expect(await basis.isVisible()).toBe(true);
  });

  it("a chat answer with a calculation carries the same card, and it survives a reload", async () => {
    const w = await widget();
    await w.open();
    const answer = await w.askSuggestion(0);
    const card = answer.getByTestId("calc-result");
    expect(await card.getByTestId("calc-table").innerText()).toContain("110");
    expect(await bars(card)).toHaveLength(4);
    await w.page.reload();
    const again = await new WidgetPage(w.page).ready();
    expect(await bars(again.lastAnswer().getByTestId("calc-result"))).toHaveLength(4);
  });
});

/** The product list as shown: each <optgroup>'s label and its options' values. */
const productGroups = (w: WidgetPage) =>
  w
    .by("calc-product")
    .evaluate((select) =>
      [...select.querySelectorAll("optgroup")].map((group) => [
        group.label,
        [...group.querySelectorAll("option")].map((option) => option.value),
      ]),
    );

/** The calculator's error as a person meets it: its text when shown, and the control marked wrong. */
const errorState = (w: WidgetPage) =>
  w.host.evaluate((host) => {
    const root = host.shadowRoot!;
    const error = root.querySelector<HTMLElement>('[data-testid="calc-error"]')!;
    const invalid = root.querySelector<HTMLElement>('form.calc [aria-invalid="true"]');
    return {
      error: error.hidden ? null : error.textContent,
      invalid: invalid?.dataset.testid ?? null,
      describedBy: invalid?.getAttribute("aria-describedby") === error.id,
    };
  });

const NONE = { error: null, invalid: null, describedBy: false };

describe("the product list", () => {
  it("is the catalogue (GET /api/benchmarks), grouped by industry under its Chinese name", async () => {
    const { products } = (await (await fetch(`${fx.app.url}/api/benchmarks`)).json()) as {
      products: Array<{ id: string; industry: string }>;
    };
    const w = await widget();
    await w.openCalculator();
    const groups = await productGroups(w);
    expect(groups.map(([label]) => label)).toEqual([...new Set(products.map((p) => p.industry))]);
    expect(groups.map(([label]) => label)).toEqual(expect.arrayContaining(["钢铁", "建材", "化工"]));
    for (const [label, ids] of groups)
      expect(ids).toEqual(products.filter((p) => p.industry === label).map((p) => p.id));
  });

  it("shows a product new to the catalogue without a change to the widget, in its industry's group", async () => {
    const { page, widget: w } = await fx.open();
    await growCatalogue(page);
    await w.openCalculator();
    const groups = Object.fromEntries(await productGroups(w));
    expect(groups["建材"]).toEqual(["cement-clinker", "flat-glass"]);
    expect(groups["有色金属"]).toEqual(["electrolytic-aluminium"]);
  });
});

/** The catalogue as the service would give it with two more products, one of an industry it lacks. */
async function growCatalogue(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname === "/api/benchmarks",
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { products: object[] };
      body.products.push(
        { id: "flat-glass", name: "平板玻璃", industry: "建材", basis: null },
        { id: "electrolytic-aluminium", name: "电解铝", industry: "有色金属", basis: null },
      );
      await route.fulfill({ response, json: body });
    },
  );
}

describe("an error on the form", () => {
  it("goes as soon as the field it is about is put right: 请选择产品 once a product is chosen", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.by("calc-submit").click();
    expect(await errorState(w)).toEqual({
      error: "请选择产品（工序）。",
      invalid: "calc-product",
      describedBy: true,
    });
    expect(await w.focusedTestId()).toBe("calc-product");
    await w.by("calc-uc").fill("110");
    expect((await errorState(w)).error).toBe("请选择产品（工序）。");
    await w.by("calc-product").selectOption("cement-clinker");
    expect(await errorState(w)).toEqual(NONE);
  });

  it("goes for each missing figure once it is typed, or once the choice that needed it is changed", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.by("calc-product").selectOption("cement-clinker");
    await w.by("calc-submit").click();
    expect(await errorState(w)).toMatchObject({
      error: "请填写单位产品综合能耗（大于 0 的数字）。",
      invalid: "calc-uc",
    });
    await w.by("calc-uc").fill("0");
    expect((await errorState(w)).invalid).toBe("calc-uc");
    await w.by("calc-uc").fill("110");
    expect(await errorState(w)).toEqual(NONE);

    await w.by("calc-uc").fill("");
    await w.by("calc-submit").click();
    expect((await errorState(w)).invalid).toBe("calc-uc");
    await w.by("calc-mode-energy").check();
    expect(await errorState(w)).toEqual(NONE);

    await w.by("calc-submit").click();
    expect(await errorState(w)).toMatchObject({
      error: "请填写年产量（大于 0 的数字）。",
      invalid: "calc-output",
    });
    await w.by("calc-output").fill("100");
    expect(await errorState(w)).toEqual(NONE);
    await w.by("calc-submit").click();
    expect(await errorState(w)).toMatchObject({
      error: "请至少填写一种能源的用量。",
      invalid: "calc-carrier",
    });
    await w.by("calc-carrier").first().selectOption("原煤");
    expect((await errorState(w)).error).toBe("请至少填写一种能源的用量。");
    await w.by("calc-amount").first().fill("14");
    await w.by("calc-unit").first().selectOption("万吨");
    expect(await errorState(w)).toEqual(NONE);
  });

  it("from the service stays until the field it names is edited, and a calculation that succeeds leaves none", async () => {
    const w = await widget();
    await w.openCalculator();
    const refusal = await w.calculate({ product: "cement-clinker", unitConsumption: 5000 });
    expect(await refusal.innerText()).toContain("相差20倍以上");
    expect((await errorState(w)).invalid).toBe("calc-uc");
    await w.by("calc-output").fill("120");
    expect((await errorState(w)).error).toContain("相差20倍以上");
    await w.by("calc-uc").fill("110");
    expect(await errorState(w)).toEqual(NONE);

    await w.by("calc-uc").fill("5000");
    await w.by("calc-submit").click();
    await w.by("calc-error").filter({ hasText: "相差20倍以上" }).waitFor();
    const result = await w.calculate({ product: "cement-clinker", unitConsumption: 110 });
    expect(await result.getAttribute("data-testid")).toBe("calc-result");
    expect(await errorState(w)).toEqual(NONE);
  });
});

describe("a calculation made before any question", () => {
  it("is stored in a conversation of its own, which a later question goes on in", async () => {
    const w = await widget();
    await w.openCalculator();
    await w.calculate({ product: "cement-clinker", unitConsumption: 110, output: [120, "万吨"] });
    const conversationId = await conversationOf(w);
    expect(conversationId).toMatch(/^c_/);
    const runs = await fx.app.services.storage.formToolRuns(conversationId);
    expect(runs).toEqual([
      expect.objectContaining({
        name: "benchmark_gap",
        input: expect.objectContaining({ product: "cement-clinker" }),
      }),
    ]);
    await w.ask("水泥熟料的标杆值是多少？");
    expect(await conversationOf(w)).toBe(conversationId);
    expect(await fx.app.services.storage.conversation(conversationId)).toHaveLength(1);
  });

  it("has 复制 (the result with its arithmetic and sources) and 👍/👎 stored against the run, kept after a reload", async () => {
    const { context, page, widget: w } = await fx.open();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fx.site.url });
    await w.openCalculator();
    await w.calculate({ product: "cement-clinker", unitConsumption: 110, output: [120, "万吨"] });
    const card = w.by("calc-answer").last();
    expect(await card.getByTestId("copy").getAttribute("aria-label")).toBe(
      "复制计算结果（含计算过程和数据来源）",
    );
    await card.getByTestId("copy").click();
    await card.getByTestId("copy-status").filter({ hasText: "已复制" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const part of [
      "水泥熟料能效对标",
      "本企业：110",
      "计算公式：",
      "与标杆水平的差距 = 110 − 100 = 10 kgce/t",
      "数据来源：",
    ])
      expect(copied).toContain(part);

    expect(await w.rate(card, "down", "想看电力折算口径")).toBe("感谢您的反馈！");
    const [run] = await fx.app.services.storage.formToolRuns(await conversationOf(w));
    expect(run).toMatchObject({ rating: "down", feedbackComment: "想看电力折算口径" });

    await page.reload();
    const again = await new WidgetPage(page).ready();
    await again.panel.waitFor({ state: "visible" });
    const restored = again.by("calc-answer").last();
    expect(await restored.getByTestId("feedback-down").getAttribute("aria-pressed")).toBe("true");
    await again.rate(restored, "up");
    expect((await fx.app.services.storage.formToolRuns(await conversationOf(again)))[0]!.rating).toBe("up");
  });
});

/** The conversation the widget keeps in sessionStorage (its only key on the host page). */
const conversationOf = (w: WidgetPage) =>
  w.page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("tdf-widget:"))!;
    return (JSON.parse(sessionStorage.getItem(key)!) as { conversationId: string }).conversationId;
  });
