import path from "node:path";
import { describe, expect, it } from "vitest";
import { calculatorDataFor } from "../../server/calculators/data.js";
import { catalogueEntry } from "../../server/routes/benchmarks.js";
import { byIndustry } from "../../widget/src/calcForm.js";
import { text } from "../../widget/src/text.js";
import type { Product } from "../../widget/src/types.js";
import { root } from "../support/services.js";

const product = (id: string, industry: string): Product => ({ id, name: id, industry, basis: null });

describe("byIndustry, the groups of the form's product list", () => {
  it("puts each product under its industry, industries and products in the catalogue's order", () => {
    const groups = byIndustry([
      product("电弧炉", "钢铁"),
      product("熟料", "建材"),
      product("烯烃", "化工"),
      product("合成氨", "化工"),
      product("平板玻璃", "建材"),
    ]);
    expect(groups.map(([industry, members]) => [industry, members.map((p) => p.id)])).toEqual([
      ["钢铁", ["电弧炉"]],
      ["建材", ["熟料", "平板玻璃"]],
      ["化工", ["烯烃", "合成氨"]],
    ]);
  });

  it("puts a product without an industry under 其他 rather than losing it", () => {
    expect(byIndustry([product("新产品", "")])).toEqual([[text.calc.otherIndustry, [product("新产品", "")]]]);
  });

  it("groups the real catalogue as GET /api/benchmarks gives it: every product once, one group per industry", () => {
    const data = calculatorDataFor(path.join(root, "knowledge", "data"));
    const products: Product[] = data.products.map((p) => catalogueEntry(p, data));
    const groups = byIndustry(products);
    expect(groups.map(([industry]) => industry)).toEqual([...new Set(products.map((p) => p.industry))]);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flatMap(([, members]) => members.map((p) => p.id)).sort()).toEqual(
      products.map((p) => p.id).sort(),
    );
    for (const [industry] of groups) expect(industry).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});
