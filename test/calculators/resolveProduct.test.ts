import { describe, expect, it } from "vitest";
import { capacityInText, closestProducts, resolveProduct } from "../../server/calculators/resolveProduct.js";
import { realData } from "./fixtures.js";

const resolve = (text: string, capacity: number | null = null) => resolveProduct(text, realData(), capacity);
const idOf = (text: string, capacity: number | null = null) => {
  const r = resolve(text, capacity);
  return r.kind === "resolved" ? r.product.id : r.kind;
};

describe("resolveProduct", () => {
  describe("by id, name or alias", () => {
    it.each([
      ["cement-clinker", "cement-clinker"],
      ["水泥熟料", "cement-clinker"],
      ["熟料", "cement-clinker"],
      ["吨熟料", "cement-clinker"],
      ["电弧炉冶炼", "eaf-steelmaking-ge50t"],
      ["电炉钢", "eaf-steelmaking-ge50t"],
      ["电炉炼钢", "eaf-steelmaking-ge50t"],
      ["电弧炉冶炼（公称容量≥50吨）", "eaf-steelmaking-ge50t"],
      ["合成氨", "ammonia-anthracite-lump"],
      ["合成氨（优质无烟块煤）", "ammonia-anthracite-lump"],
      ["煤制烯烃", "coal-to-olefins"],
      ["纯碱 联碱法 轻质", "soda-ash-dual-light"],
      ["纯碱（联碱法，重质）", "soda-ash-dual-dense"],
      ["联碱法（轻质）纯碱", "soda-ash-dual-light"],
      ["重灰", "soda-ash-dual-dense"],
      ["硅锰合金", "silicomanganese"],
      ["我们的联碱法轻质纯碱", "soda-ash-dual-light"],
    ])("%s → %s", (text, id) => {
      expect(idOf(text)).toBe(id);
    });
  });

  describe("capacity bands", () => {
    it("reads the capacity from the text or the argument", () => {
      expect(capacityInText("60吨电弧炉")).toBe(60);
      expect(capacityInText("电弧炉（公称容量60t）")).toBe(60);
      expect(capacityInText("电弧炉冶炼（公称容量≥50吨）")).toBeNull();
      expect(idOf("60吨电弧炉")).toBe("eaf-steelmaking-ge50t");
      expect(idOf("电弧炉", 50)).toBe("eaf-steelmaking-ge50t");
      // The id's "ge50t" is the band, not a capacity the person gave.
      expect(resolve("eaf-steelmaking-ge50t")).toMatchObject({ kind: "resolved", capacityT: null });
    });

    it("puts a furnace below 50 t outside the band", () => {
      expect(resolve("40吨电弧炉")).toMatchObject({ kind: "out_of_band", capacityT: 40 });
      expect(resolve("电弧炉", 49.9)).toMatchObject({ kind: "out_of_band" });
    });
  });

  describe("ambiguity and cover", () => {
    it("纯碱 alone, or 联碱法, lists the two variants", () => {
      for (const text of ["纯碱", "联碱法纯碱", "碳酸钠"]) {
        const r = resolve(text);
        expect(r.kind).toBe("ambiguous");
        if (r.kind === "ambiguous")
          expect(r.variants.map((p) => p.id)).toEqual(["soda-ash-dual-light", "soda-ash-dual-dense"]);
      }
    });

    it("two variants named together (“轻质和重质”) are both meant, though one alias is longer", () => {
      const r = resolve("纯碱联碱法轻质和重质的标杆");
      expect(r.kind).toBe("ambiguous");
      if (r.kind === "ambiguous")
        expect(r.variants.map((p) => p.id)).toEqual(["soda-ash-dual-light", "soda-ash-dual-dense"]);
      expect(idOf("联碱法轻质纯碱")).toBe("soda-ash-dual-light");
    });

    it("a route the plan's figure does not cover is named", () => {
      expect(resolve("氨碱法纯碱")).toMatchObject({ kind: "not_covered", term: "氨碱法" });
      expect(resolve("天然气制合成氨")).toMatchObject({ kind: "not_covered", term: "天然气" });
      expect(resolve("以粉煤为原料的合成氨")).toMatchObject({ kind: "not_covered", term: "粉煤" });
    });
  });

  describe("products of the national table the catalogue leaves out", () => {
    it.each([
      ["电石", "calcium-carbide"],
      ["碳化钙", "calcium-carbide"],
      ["我们电石厂吨电石能耗", "calcium-carbide"],
      ["焦化", "coke"],
      ["炼焦", "coke"],
      ["捣固焦炉", "coke"],
      ["甲醇", "coal-to-methanol"],
      ["煤制乙二醇", "ethylene-glycol"],
      ["烧碱", "caustic-soda"],
      ["离子膜烧碱", "caustic-soda"],
      ["尿素", "urea"],
      ["平板玻璃", "flat-glass"],
      ["建筑陶瓷", "building-ceramics"],
      ["卫生陶瓷", "sanitary-ceramics"],
      ["高炉", "blast-furnace"],
      ["转炉炼钢", "bof-steelmaking"],
      ["工业硅", "industrial-silicon"],
      ["calcium-carbide", "calcium-carbide"],
    ])("%s is named as %s, with no figure", (text, id) => {
      const r = resolve(text);
      expect(r.kind).toBe("not_catalogued");
      if (r.kind === "not_catalogued") {
        expect(r.entry.id).toBe(id);
        expect(r.entry.levels).toBeNull();
        expect(r.candidates.every((p) => p.industry === r.entry.industry)).toBe(true);
      }
    });

    it("gives way to a product the catalogue has, named in the same text", () => {
      expect(idOf("电石渣替代石灰石生产水泥熟料")).toBe("cement-clinker");
      expect(idOf("电弧炉")).toBe("eaf-steelmaking-ge50t");
    });

    it("is not a word that names something else: 电石渣 is a raw material, 焦炭 a fuel", () => {
      expect(resolve("电石渣").kind).toBe("unknown");
      expect(resolve("焦炭").kind).toBe("unknown");
      expect(resolve("焦炉煤气").kind).toBe("unknown");
    });
  });

  describe("unknown products", () => {
    it("get the closest catalogue entries, best first", () => {
      const r = resolve("水泥");
      expect(r.kind).toBe("unknown");
      if (r.kind === "unknown") expect(r.closest[0]!.id).toBe("cement-clinker");
      const olefins = resolve("烯烃");
      if (olefins.kind === "unknown") expect(olefins.closest[0]!.id).toBe("coal-to-olefins");
    });

    it("fall back to the plan's products when nothing is alike", () => {
      const closest = closestProducts("zzz", realData().products);
      expect(closest).toHaveLength(3);
      expect(closest.every((p) => p.inPlan)).toBe(true);
    });
  });
});
