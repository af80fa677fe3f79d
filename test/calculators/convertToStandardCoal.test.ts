import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convertToStandardCoal,
  energyConvertSchema,
} from "../../server/calculators/convertToStandardCoal.js";
import { realData, thrown } from "./fixtures.js";

const convert = (input: unknown) => convertToStandardCoal(energyConvertSchema.parse(input), realData());
const one = (carrier: string, amount: number, unit: string, extra: Record<string, unknown> = {}) =>
  convert({ energy: [{ carrier, amount, unit, ...extra }] });

describe("convertToStandardCoal", () => {
  describe("with the GB/T 2589 reference coefficients", () => {
    it.each([
      ["电", 1.2, "亿度", 14_748],
      ["原煤", 15, "万吨", 107_145],
      ["柴油", 500, "吨", 728.55],
      ["焦炭", 1000, "t", 971.4],
      ["洗精煤", 2000, "吨", 1800],
      ["汽油", 10, "t", 14.71],
      ["蒸汽", 1, "万吨", 1286],
      ["热力", 1000, "GJ", 34.12],
      ["蒸汽", 1000, "GJ", 34.12],
      ["标准煤", 12, "万吨", 120_000],
      ["标煤", 500, "tce", 500],
    ])("%s %s %s → %s tce", (carrier, amount, unit, tce) => {
      expect(one(carrier, amount, unit).totalTce).toBe(tce);
    });

    it("shows the factor, its verification and source for each line", () => {
      const r = one("电力", 1, "万千瓦时");
      expect(r.lines[0]!.factor).toMatchObject({
        value: 0.1229,
        unit: "kgce/kWh",
        verification: "two_sources",
      });
      expect(r.lines[0]!.formula).toBe(
        "电力（当量值）：1 万千瓦时 = 10,000 kWh × 0.1229 kgce/kWh ÷ 1000 = 1.23 tce",
      );
      expect(r.sources.map((s) => s.id)).toContain("gbt-2589-2020");
      expect(r.sources[0]!.title).toBe("GB/T 2589-2020《综合能耗计算通则》");
    });

    it("adds the lines up", () => {
      const r = convert({
        energy: [
          { carrier: "原煤", amount: 15, unit: "万吨" },
          { carrier: "电力", amount: 1.2, unit: "亿千瓦时" },
        ],
      });
      expect(r.totalTce).toBe(121_893);
      expect(r.formula.at(-1)).toBe("合计：107,145 + 14,748 = 121,893 tce");
    });
  });

  describe("coals the reference table has no line for (无烟煤, 烟煤)", () => {
    it("converts anthracite at its default heating value: 26.7 GJ/t ÷ 29.3076 MJ/kgce = 0.911 kgce/kg, not raw coal's 0.7143", () => {
      const r = one("无烟煤", 25, "万吨");
      expect(r.totalTce).toBe(227_750);
      expect(r.lines[0]!.factor).toMatchObject({
        value: 0.911,
        unit: "kgce/kg",
        verification: "derived",
        label: "按 GB/T 32151.34—2024 附录C 无烟煤缺省低位发热量推算",
        source: ["gbt-32151-34-2024", "gbt-2589-2020"],
      });
      expect(r.sources.map((s) => s.id)).toEqual(["gbt-32151-34-2024", "gbt-2589-2020"]);
      // the heating value rests on one transcription of the standard: said as 待核对 beside its use
      expect(r.sources[0]!.toCheck).toEqual(["无烟煤折标准煤系数"]);
    });

    it("converts bituminous coal at 19.57 GJ/t ÷ 29.3076 MJ/kgce = 0.6677 kgce/kg", () => {
      expect(one("烟煤", 1000, "吨").totalTce).toBe(667.7);
      expect(one("烟煤", 1000, "吨").lines[0]!.factor.verification).toBe("derived");
    });

    it.each(["无烟煤", "无烟块煤", "优质无烟块煤"])(
      "tells the user how the factor for %s was obtained",
      (carrier) => {
        const r = one(carrier, 1000, "吨");
        expect(r.totalTce).toBe(911);
        expect(r.notes).toEqual([
          "无烟煤按 0.911 kgce/kg 折标准煤：GB/T 2589 参考系数表没有单列无烟煤，这是由 GB/T 32151.34—2024 附录C 的缺省低位发热量 26.7 GJ/t ÷ 29.3076 MJ/kgce 推算的值，不是公布的折标系数；煤质不同差别较大，如有实测低位发热量，请提供以便精确计算。",
        ]);
      },
    );

    it("prefers a measured heating value: 1000 t × 6000 kcal/kg (25.1208 MJ/kg) ÷ 29.3076 MJ/kgce = 857.14 tce, with no default note", () => {
      const r = one("优质无烟块煤", 1000, "吨", { heatingValue: { value: 6000, unit: "kcal/kg" } });
      expect(r.totalTce).toBe(857.14);
      expect(r.lines[0]!.factor.verification).toBe("user");
      expect(r.notes).toEqual([]);
    });

    it("keeps raw coal at the table's 0.7143 kgce/kg", () => {
      expect(one("原煤", 1000, "吨").lines[0]!.factor).toMatchObject({
        value: 0.7143,
        verification: "two_sources",
      });
      expect(one("原煤", 1000, "吨").notes).toEqual([]);
    });
  });

  describe("natural gas", () => {
    it("uses the labelled default 1.2143 kgce/m³ when no heating value is given, and says so", () => {
      const r = one("天然气", 100, "万立方米");
      expect(r.totalTce).toBe(1214.3);
      expect(r.notes.join("")).toContain("1.2143");
      expect(r.lines[0]!.factor.verification).toBe("one_source");
    });

    it("uses a measured heating value: 100万 m³ × 36 MJ/m³ ÷ 29.3076 MJ/kgce = 1,228.35 tce", () => {
      const r = one("天然气", 100, "万m3", { heatingValue: { value: 36, unit: "MJ/m3" } });
      expect(r.totalTce).toBe(1228.35);
      expect(r.lines[0]!.factor.verification).toBe("user");
      expect(r.notes).toEqual([]);
    });

    it("asks for a heating value for coke-oven gas, whose coefficient is only known as a range", () => {
      expect(thrown(() => one("焦炉煤气", 100, "万立方米"))).toMatchObject({
        problem: "heating_value_required",
        field: "energy.0.heatingValue",
      });
      expect(
        one("焦炉煤气", 100, "万立方米", { heatingValue: { value: 17.981, unit: "MJ/m3" } }).totalTce,
      ).toBe(613.53);
    });
  });

  describe("electricity", () => {
    it("converts at the 当量值 by default", () => {
      expect(one("电", 1_000_000, "kWh").lines[0]!.factor.label).toContain("当量值");
    });

    it("uses an 等价值 only when the user gives it, labelled as the user's", () => {
      const r = convert({
        energy: [{ carrier: "电", amount: 1_000_000, unit: "kWh" }],
        electricityBasis: "primary_energy",
        electricityPrimaryFactor: 0.3,
      });
      expect(r.totalTce).toBe(300);
      expect(r.lines[0]!.factor).toMatchObject({ verification: "user", value: 0.3 });
      expect(r.notes.join("")).toContain("等价值");
      expect(
        energyConvertSchema.safeParse({
          energy: [{ carrier: "电", amount: 1, unit: "kWh" }],
          electricityBasis: "primary_energy",
        }).success,
      ).toBe(false);
    });
  });

  describe("a conversion factor the user gives (折标系数)", () => {
    it("replaces the reference factor: 50万方 × 1.3 kgce/m3 = 650 tce, labelled as given", () => {
      const r = one("天然气", 50, "万方", { factor: { value: 1.3, unit: "kgce/m3" } });
      expect(r.totalTce).toBe(650);
      expect(r.lines[0]!.factor).toMatchObject({
        value: 1.3,
        unit: "kgce/m3",
        verification: "user",
        given: true,
      });
      expect(r.lines[0]!.formula).toBe("天然气：50 万方 = 500,000 m3 × 1.3 kgce/m3 ÷ 1000 = 650 tce");
      expect(r.notes.join("")).toContain("参考系数 1.2143");
    });

    it("reads the factor's unit: 0.6 t/t of coal is 0.6 kgce/kg, 1.2143 吨标煤/万方 is 0.00012143 kgce/m3", () => {
      expect(one("原煤", 1000, "吨", { factor: { value: 0.6, unit: "吨标准煤/吨" } }).totalTce).toBe(600);
      expect(one("天然气", 1, "万方", { factor: { value: 12.143, unit: "吨标煤/万方" } }).totalTce).toBe(
        12.14,
      );
      expect(one("电", 10_000, "kWh", { factor: { value: 300, unit: "克标准煤/千瓦时" } }).totalTce).toBe(3);
    });

    it("refuses a factor per a quantity the carrier is not measured in, naming the field", () => {
      expect(
        thrown(() => one("天然气", 1, "万方", { factor: { value: 1.2, unit: "kgce/kg" } })),
      ).toMatchObject({
        problem: "unknown_unit",
        field: "energy.0.factor.unit",
      });
    });
  });

  describe("back from standard coal to a carrier (into)", () => {
    it("1万吨标煤 at the 当量值: 10,000 tce × 1000 ÷ 0.1229 kgce/kWh = 81,366,965 kWh", () => {
      const r = convert({
        energy: [{ carrier: "标准煤", amount: 1, unit: "万吨标煤" }],
        into: { carrier: "电力" },
      });
      expect(r.into).toMatchObject({
        carrier: { id: "electricity", name: "电力" },
        amount: 81_366_965,
        unit: "kWh",
        factor: { value: 0.1229, unit: "kgce/kWh" },
      });
      expect(r.formula.at(-1)).toBe(
        "折合电力（当量值） = 10,000 tce × 1000 ÷ 0.1229 kgce/kWh = 81,366,965 kWh",
      );
    });

    it("through the total of several lines, to tonnes of coal: 1,214.3 tce ÷ 0.7143 = 1,699.99 t", () => {
      const r = convert({
        energy: [{ carrier: "天然气", amount: 100, unit: "万方" }],
        into: { carrier: "原煤" },
      });
      expect(r.into).toMatchObject({ amount: 1699.99, unit: "t" });
    });

    it("at the 等价值 the user gives, and at a factor given for the carrier", () => {
      const primary = convert({
        energy: [{ carrier: "标准煤", amount: 300, unit: "吨标准煤" }],
        electricityBasis: "primary_energy",
        electricityPrimaryFactor: 0.3,
        into: { carrier: "电" },
      });
      expect(primary.into).toMatchObject({ amount: 1_000_000, unit: "kWh" });
      const given = convert({
        energy: [{ carrier: "标准煤", amount: 650, unit: "吨标准煤" }],
        into: { carrier: "天然气", factor: { value: 1.3, unit: "kgce/m3" } },
      });
      expect(given.into).toMatchObject({ amount: 500_000, unit: "m3" });
    });

    it("asks for a heating value where the carrier has no factor", () => {
      expect(
        thrown(() =>
          convert({
            energy: [{ carrier: "标准煤", amount: 1, unit: "吨标准煤" }],
            into: { carrier: "焦炉煤气" },
          }),
        ),
      ).toMatchObject({ problem: "heating_value_required", field: "into.heatingValue" });
    });
  });

  describe("per tonne of the output the energy was used for (output)", () => {
    it("gives each carrier and the standard coal per tonne: 150万度 for 60万吨 is 2.5 kWh/t, 0.307 kgce/t", () => {
      const r = convert({
        energy: [{ carrier: "电力", amount: 150, unit: "万度", factor: { value: 0.1229, unit: "kgce/kWh" } }],
        output: { value: 60, unit: "万吨" },
      });
      expect(r.totalTce).toBe(184.35);
      expect(r.perTonne).toMatchObject({ outputT: 600_000, kgcePerT: 0.307 });
      expect(r.perTonne!.lines).toEqual([{ carrier: "电力", amount: 2.5, unit: "kWh/t" }]);
      expect(r.formula).toContain("每吨产品折标准煤 = 184.35 tce × 1000 ÷ 600,000 t = 0.307 kgce/t");
    });

    it("has no per-tonne figures without an output", () => {
      expect(one("电力", 1, "万千瓦时").perTonne).toBeNull();
    });
  });

  describe("in kilograms of standard coal", () => {
    it("keeps each line and the total in kgce as well, unrounded by the tonne: 12万千瓦时 → 14,748 kgce", () => {
      const r = one("电力", 12, "万千瓦时");
      expect(r.lines[0]!.kgce).toBe(14_748);
      expect(r.totalKgce).toBe(14_748);
    });
  });

  describe("bad input", () => {
    it("names the line of an unknown carrier or a unit that does not fit it", () => {
      expect(thrown(() => one("核能", 1, "吨"))).toMatchObject({
        problem: "unknown_carrier",
        field: "energy.0.carrier",
      });
      expect(thrown(() => one("电", 1, "吨"))).toMatchObject({
        problem: "unknown_unit",
        field: "energy.0.unit",
      });
      expect(thrown(() => one("原煤", 1, "桶"))).toMatchObject({
        problem: "unknown_unit",
        field: "energy.0.unit",
      });
      expect(
        thrown(() => one("天然气", 1, "m3", { heatingValue: { value: 36, unit: "MJ/kg" } })),
      ).toMatchObject({
        field: "energy.0.heatingValue.unit",
      });
    });

    it("refuses zero, negative and missing amounts in the schema", () => {
      expect(
        energyConvertSchema.safeParse({ energy: [{ carrier: "电", amount: 0, unit: "kWh" }] }).success,
      ).toBe(false);
      expect(
        energyConvertSchema.safeParse({ energy: [{ carrier: "电", amount: -1, unit: "kWh" }] }).success,
      ).toBe(false);
      expect(energyConvertSchema.safeParse({ energy: [] }).success).toBe(false);
    });
  });

  describe("properties", () => {
    it("is linear: converting two amounts together gives the sum of converting them apart", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 1, max: 1e6, noNaN: true }),
          fc.double({ min: 1, max: 1e6, noNaN: true }),
          (a, b) => {
            const together = convert({
              energy: [
                { carrier: "原煤", amount: a, unit: "吨" },
                { carrier: "原煤", amount: b, unit: "吨" },
              ],
            }).totalTce;
            const apart = one("原煤", a, "吨").totalTce + one("原煤", b, "吨").totalTce;
            expect(Math.abs(together - apart)).toBeLessThanOrEqual(0.011);
          },
        ),
      );
    });

    it("gives the same standard coal for the same energy in any unit (万度 vs kWh, 万吨 vs kg)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
          expect(one("电", n, "万度").totalTce).toBe(one("电", n * 1e4, "kWh").totalTce);
          expect(one("焦炭", n, "万吨").totalTce).toBe(one("焦炭", n * 1e7, "kg").totalTce);
        }),
      );
    });

    it("round-trips: kWh → tce → kWh at 0.1229 kgce/kWh", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1_000_000, max: 1e10 }), (kwh) => {
          const tce = one("电", kwh, "kWh").totalTce;
          expect(Math.abs((tce * 1000) / 0.1229 - kwh)).toBeLessThanOrEqual((0.005 * 1000) / 0.1229 + 1e-6);
        }),
      );
    });

    it("is monotonic in the amount", () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          (a, b) => {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            expect(one("天然气", lo, "m3").totalTce).toBeLessThanOrEqual(one("天然气", hi, "m3").totalTce);
          },
        ),
      );
    });
  });
});
