import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  co2PerTceOfCarrier,
  estimateCo2,
  estimateCo2Schema,
  resolveGridFactor,
} from "../../server/calculators/estimateCo2.js";
import { realData, thrown } from "./fixtures.js";

const co2 = (energy: unknown[], gridFactorId?: string) =>
  estimateCo2(
    estimateCo2Schema.parse({ energy, ...(gridFactorId ? { gridFactorId } : {}) }),
    realData(),
    "grid-national-2023",
  );

describe("estimateCo2", () => {
  describe("electricity", () => {
    it("a grid factor the person gives replaces the table's: 12,000,000 kWh × 0.5703 kgCO2/kWh = 6,843.6 t", () => {
      const r = estimateCo2(
        estimateCo2Schema.parse({
          energy: [{ carrier: "电", amount: 1200, unit: "万千瓦时" }],
          gridFactorValue: 0.5703,
        }),
        realData(),
        "grid-national-2023",
      );
      expect(r.totalCo2T).toBe(6843.6);
      expect(r.gridFactor).toMatchObject({
        id: "user",
        value: 0.5703,
        verification: "user",
        isDefault: false,
      });
    });

    it.each([
      [undefined, 530.6, "grid-national-2023"],
      ["grid-national-2022", 536.6, "grid-national-2022"],
      ["grid-carbon-market-2022", 570.3, "grid-carbon-market-2022"],
      ["grid-east-china-2023", 550, "grid-east-china-2023"],
    ])("1,000,000 kWh with grid factor %s → %s tCO2", (id, t, shown) => {
      const r = co2([{ carrier: "电", amount: 100, unit: "万千瓦时" }], id);
      expect(r.totalCo2T).toBe(t);
      expect(r.gridFactor.id).toBe(shown);
    });

    it("always shows the grid factor used and whether it is the default", () => {
      const r = co2([{ carrier: "原煤", amount: 1, unit: "吨" }]);
      expect(r.gridFactor).toMatchObject({
        id: "grid-national-2023",
        value: 0.5306,
        year: 2023,
        isDefault: true,
      });
      expect(r.notes.join("")).toContain("系统默认值");
    });

    it("refuses an unknown grid factor, listing the known ones", () => {
      const e = thrown(() => co2([{ carrier: "电", amount: 1, unit: "kWh" }], "grid-mars"));
      expect(e).toMatchObject({ problem: "unknown_factor", field: "gridFactorId" });
      expect(e.details!.accepted).toContain("grid-national-2022");
    });

    it("treats an unknown configured default as the operator's mistake, not a field of the request", () => {
      const e = thrown(() => resolveGridFactor(undefined, "grid-nope", realData()));
      expect(e).not.toHaveProperty("problem");
      expect(e.message).toContain('"grid-nope" is not a grid factor');
    });
  });

  describe("fuels, from the GB/T 32151.34 default parameters", () => {
    it("raw coal counts as bituminous: 1 t × 19.57 GJ/t × 0.0261 × 0.93 × 44/12 = 1.74 t", () => {
      const r = co2([{ carrier: "原煤", amount: 1000, unit: "吨" }]);
      expect(r.totalCo2T).toBe(1741.75);
      expect(r.lines[0]!.formula).toContain("按烟煤缺省参数");
      expect(r.notes.join("")).toContain("GB/T 32151.34");
    });

    it("natural gas: 1万 m³ × 389.31 GJ/10⁴m³ × 0.0153 × 0.99 × 44/12 = 21.62 t", () => {
      expect(co2([{ carrier: "天然气", amount: 1, unit: "万立方米" }]).totalCo2T).toBe(21.62);
    });

    it("a measured heating value replaces the default one", () => {
      // 10,000 m³ × 36 MJ/m³ = 360 GJ × 0.0153 × 0.99 × 44/12 = 19.99 t
      expect(
        co2([{ carrier: "天然气", amount: 10_000, unit: "m3", heatingValue: { value: 36, unit: "MJ/m3" } }])
          .totalCo2T,
      ).toBe(19.99);
    });

    it("heat and steam use the purchased-heat factor 0.11 tCO2/GJ", () => {
      expect(co2([{ carrier: "热力", amount: 1000, unit: "GJ" }]).totalCo2T).toBe(110);
      expect(co2([{ carrier: "蒸汽", amount: 100, unit: "吨" }]).totalCo2T).toBe(41.39);
    });

    it("standard coal of unknown mix is estimated as bituminous coal, and says so", () => {
      const r = co2([{ carrier: "标准煤", amount: 100, unit: "tce" }]);
      expect(r.totalCo2T).toBe(260.84);
      expect(r.notes.join("")).toContain("烟煤");
    });

    it("leaves out a carrier without a factor and marks the total incomplete", () => {
      const r = co2([
        { carrier: "发生炉煤气", amount: 1, unit: "万m3" },
        { carrier: "电", amount: 1000, unit: "kWh" },
      ]);
      expect(r.incomplete).toBe(true);
      expect(r.lines[0]!.co2T).toBeNull();
      expect(r.totalCo2T).toBe(0.53);
    });
  });

  describe("per tce saved, by carrier", () => {
    const grid = resolveGridFactor(undefined, "grid-national-2023", realData());
    it.each([
      ["raw-coal", 2.6084],
      ["anthracite", 2.7678],
      ["electricity", 4.3173],
      ["heat", 3.2239],
    ])("%s → %s tCO2/tce", (carrier, value) => {
      expect(co2PerTceOfCarrier(carrier, grid, realData()).value).toBe(value);
    });
  });

  describe("properties", () => {
    it("grows with the amount and adds up over lines", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }), (a, b) => {
          const ra = co2([{ carrier: "柴油", amount: a, unit: "kg" }]).totalCo2T;
          const rb = co2([{ carrier: "柴油", amount: b, unit: "kg" }]).totalCo2T;
          const both = co2([
            { carrier: "柴油", amount: a, unit: "kg" },
            { carrier: "柴油", amount: b, unit: "kg" },
          ]).totalCo2T;
          if (a <= b) expect(ra).toBeLessThanOrEqual(rb);
          expect(Math.abs(both - ra - rb)).toBeLessThanOrEqual(0.011);
        }),
      );
    });
  });
});
