import { describe, expect, it } from "vitest";
import { lookupBenchmark } from "../../server/calculators/lookupBenchmark.js";
import { context, thrown } from "./fixtures.js";

const lookup = (product: string | undefined, asOf?: string) =>
  lookupBenchmark({ product }, { ...context(), ...(asOf ? { asOf } : {}) });

describe("lookupBenchmark", () => {
  describe("for a product the plan names", () => {
    it("gives the plan's benchmark, the baseline with how it is known, and the city's target", () => {
      const r = lookup("熟料");
      expect(r.entries).toHaveLength(1);
      const [clinker] = r.entries;
      expect(clinker!.product).toMatchObject({ id: "cement-clinker", name: "水泥熟料", inPlan: true });
      expect(clinker!.benchmark).toMatchObject({
        value: 100,
        unit: "kgce/t",
        verification: "plan",
        unitId: "hn2023:3.2.benchmark",
      });
      expect(clinker!.baseline).toMatchObject({ value: 117, verification: "two_sources" });
      expect(clinker!.cityTargets).toEqual([
        expect.objectContaining({ year: 2025, value: 102, unitId: "hn2023:3.2.target" }),
      ]);
    });

    it("resolves colloquial names and states the capacity band the benchmark is for", () => {
      const [eaf] = lookup("电炉钢").entries;
      expect(eaf!.product.id).toBe("eaf-steelmaking-ge50t");
      expect(eaf!.benchmark.value).toBe(61);
      expect(eaf!.baseline).toMatchObject({
        value: 72,
        verification: "standard_limit_grade",
        standard: "GB 21256-2025",
        grade: 3,
      });
      expect(eaf!.notes.join("")).toContain("公称容量≥50吨");
    });

    it("says that 煤制烯烃's figure counts feedstock energy", () => {
      const [olefins] = lookup("煤制烯烃").entries;
      expect(olefins!.benchmark.value).toBe(2800);
      expect(olefins!.notes.join("")).toContain("含原料用能");
    });

    it("says so when no baseline could be verified, instead of inventing one", () => {
      const [light] = lookup("轻质纯碱").entries;
      expect(light!.baseline).toBeNull();
      expect(light!.notes.join("")).toContain("基准水平未能核实");
    });
  });

  describe("for a group of variants", () => {
    it("lists every variant (纯碱: 轻质 and 重质) rather than asking which", () => {
      const r = lookup("纯碱");
      expect(r.entries.map((e) => [e.product.id, e.benchmark.value])).toEqual([
        ["soda-ash-dual-light", 160],
        ["soda-ash-dual-dense", 210],
      ]);
    });
  });

  describe("with no product", () => {
    it("lists every product the plan gives a benchmark for, and none it does not", () => {
      const r = lookup(undefined);
      expect(r.entries.map((e) => e.benchmark.value)).toEqual([61, 100, 2800, 1100, 160, 210]);
      expect(r.entries.every((e) => e.product.inPlan && e.benchmark.verification === "plan")).toBe(true);
    });
  });

  describe("the rule below the baseline", () => {
    it("is given with its date, and called passed once the day of the answer is after it", () => {
      expect(lookup("熟料", "2025-06-30").entries[0]!.belowBaseline).toMatchObject({
        date: "2025-12-31",
        passed: false,
      });
      expect(lookup("熟料", "2026-12-01").entries[0]!.belowBaseline).toMatchObject({
        date: "2025-12-31",
        passed: true,
      });
    });

    it("is not judged when the day is unknown", () => {
      expect(lookup("熟料").entries[0]!.belowBaseline!.passed).toBeNull();
    });
  });

  it("lists a source for every figure it gives", () => {
    const r = lookup("熟料");
    const uses = r.sources.flatMap((s) => s.usedFor);
    expect(uses).toEqual(expect.arrayContaining(["水泥熟料标杆水平", "水泥熟料基准水平", "全市2025年目标"]));
    for (const s of r.sources) expect(s.title).not.toBe(s.id);
  });

  it("names the plan's units for the product's sector", () => {
    expect(lookup("合成氨").planUnits.map((u) => u.id)).toContain("hn2023:3.3.benchmark");
  });

  describe("when the product cannot be looked up", () => {
    it("an unknown product is a fixable error listing the closest entries", () => {
      const e = thrown(() => lookup("光伏组件"));
      expect(e.problem).toBe("unknown_product");
      expect(e.field).toBe("product");
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it("a product of the national table the catalogue leaves out is named with the notice, and no figure", () => {
      const e = thrown(() => lookup("平板玻璃"));
      expect(e.problem).toBe("product_not_covered");
      expect(e.message).toContain("《工业重点领域能效标杆水平和基准水平（2023年版）》");
      expect(e.message).toContain("水泥熟料");
      expect(e.message).not.toMatch(/\d+\s*千克标准煤/);
      expect(e.details).toMatchObject({
        listedIn: expect.stringContaining("国家发展改革委等部门"),
        closest: [{ id: "cement-clinker", name: "水泥熟料" }],
      });
    });

    it("a route the plan's figure does not cover says so", () => {
      expect(thrown(() => lookup("天然气制合成氨")).problem).toBe("product_not_covered");
    });
  });
});
