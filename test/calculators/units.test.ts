import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conversionFactorUnit,
  heatingValueUnit,
  normalizeUnit,
  quantityOfUnit,
  unitFactor,
} from "../../server/calculators/units.js";

describe("units", () => {
  it("know Chinese magnitudes and spellings", () => {
    expect(unitFactor("mass", "万吨")).toBe(1e7);
    expect(unitFactor("electricity", "亿度")).toBe(1e8);
    expect(unitFactor("electricity", "万千瓦时")).toBe(1e4);
    expect(unitFactor("electricity", "kW·h")).toBe(1);
    expect(unitFactor("electricity", "MWh")).toBe(1e3);
    expect(unitFactor("volume", "万立方米")).toBe(1e4);
    expect(unitFactor("volume", "m³")).toBe(1);
    expect(unitFactor("heat", "GJ")).toBe(1e3);
    expect(unitFactor("standard_coal", "万吨标准煤")).toBe(1e7);
    expect(unitFactor("standard_coal", "公斤标煤")).toBe(1);
  });

  it("say which quantity a unit measures", () => {
    expect(quantityOfUnit("度")).toBe("electricity");
    expect(quantityOfUnit("吨")).toBe("mass");
    expect(quantityOfUnit("方")).toBe("volume");
    expect(quantityOfUnit("吨标煤")).toBe("standard_coal");
    expect(quantityOfUnit("桶")).toBeUndefined();
  });

  it("normalise case, spaces and full-width letters", () => {
    expect(normalizeUnit(" KWH ")).toBe("kwh");
    expect(normalizeUnit("ｋＷｈ")).toBe("kwh");
    expect(normalizeUnit("Nm³")).toBe("nm3");
  });

  it("read heating values per kg or per m3", () => {
    expect(heatingValueUnit("MJ/m3")).toEqual({ perQuantity: "volume", mjPerBase: 1 });
    expect(heatingValueUnit("kcal/kg")?.mjPerBase).toBeCloseTo(0.0041868, 10);
  });

  it("read conversion factors: standard coal per a unit of mass, volume, heat or electricity", () => {
    expect(conversionFactorUnit("kgce/m3")).toEqual({ perQuantity: "volume", kgcePerBase: 1 });
    expect(conversionFactorUnit("吨标准煤/吨")).toEqual({ perQuantity: "mass", kgcePerBase: 1 });
    expect(conversionFactorUnit("千克标煤每立方米")).toEqual({ perQuantity: "volume", kgcePerBase: 1 });
    expect(conversionFactorUnit("tce/万m3")).toEqual({ perQuantity: "volume", kgcePerBase: 0.1 });
    expect(conversionFactorUnit("克标准煤/千瓦时")).toEqual({
      perQuantity: "electricity",
      kgcePerBase: 0.001,
    });
    expect(conversionFactorUnit("kgce/GJ")).toEqual({ perQuantity: "heat", kgcePerBase: 0.001 });
    expect(conversionFactorUnit("kgce/t")?.perQuantity).toBe("mass");
    expect(conversionFactorUnit("kgce")).toBeUndefined();
    expect(conversionFactorUnit("元/kWh")).toBeUndefined();
  });

  it("convert there and back without loss (round trip)", () => {
    const pairs: Array<["mass" | "electricity" | "volume", string, string]> = [
      ["mass", "万吨", "kg"],
      ["electricity", "亿千瓦时", "万度"],
      ["volume", "万方", "m3"],
    ];
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.constantFrom(...pairs),
        (x, [q, a, b]) => {
          const there = (x * unitFactor(q, a)!) / unitFactor(q, b)!;
          const back = (there * unitFactor(q, b)!) / unitFactor(q, a)!;
          expect(back).toBeCloseTo(x, 9);
        },
      ),
    );
  });
});
