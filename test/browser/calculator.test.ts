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
