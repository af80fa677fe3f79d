import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Authority, TrailSource, Verification } from "../../server/calculators/data.js";
import { roundHalfAwayFromZero } from "../../server/calculators/rounding.js";
import { dataDir, realData } from "./fixtures.js";

/**
 * knowledge/data against the public-source facts it was reviewed from
 * (knowledge/sources/reference/public-sources.json, a copy of the shared reference file): every figure
 * equals the reference's, keeps in its trail only sources the reference names for it, is cited from an
 * authority (standard, notice) the reference names for it, and claims no better verification than the
 * reference states.
 */
const referenceFile = path.resolve(dataDir, "../sources/reference/public-sources.json");
const sharedFile = "/work/shared/reference/public-sources.json";

interface RefEntry {
  source: string[];
  note?: string;
  corroboration?: string;
  document?: string;
  verification?: string;
  [key: string]: unknown;
}
type Ref = Record<
  | "benchmarks"
  | "gb_energy_limit_grades"
  | "conversion_factors"
  | "emission_factors"
  | "motor_efficiency"
  | "deadlines",
  RefEntry[]
>;

const ref = JSON.parse(fs.readFileSync(referenceFile, "utf8")) as Ref;
const data = realData();

/** What a reference entry says about where it was seen and what it is. */
const entryText = (e: RefEntry) =>
  [
    ...e.source,
    e.note ?? "",
    e.corroboration ?? "",
    e.document ?? "",
    String(e.standard ?? ""),
    String(e.item ?? ""),
    String(e.edition_context ?? ""),
  ].join(" ");

/**
 * The reference's own nickname for a file it also cites by id: its raw-coal entry cites file 59171074356
 * ('coalCoefFactors', labelled GB/T 2589-2020) and notes "The DEMO_TBEA file gives 20.908 MJ/kg", which
 * is that file's 原煤 line; its natural-gas note credits the same file's 1.2143 to DEMO_TBEA.
 */
const aliases: Record<string, string[]> = { "59171074356": ["DEMO_TBEA"] };

/** The marks by which a reference entry names one of our trail sources: file ids, URLs, commits, its title. */
function marks(s: TrailSource): string[] {
  const text = `${s.title} ${s.citation}`;
  const fileIds = text.match(/\b\d{11}\b/g) ?? [];
  const urls = (text.match(/(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/[^\s;,，)）]*/gi) ?? []).map((u) =>
    u.replace(/^https?:\/\//, ""),
  );
  const domains = text.match(/\b[a-z0-9-]+\.(?:com|cn|net|org|ai)\b/gi) ?? [];
  const commits = text.match(/\b[0-9a-f]{40}\b/g) ?? [];
  const specific = [...fileIds, ...fileIds.flatMap((id) => aliases[id] ?? []), ...urls];
  return specific.length ? specific : [...commits, ...domains, s.title];
}

/** The trail sources of a figure that the reference entries do not name for it. */
function unnamed(trailIds: string[] | undefined, entries: RefEntry[]): string[] {
  const text = entries.map(entryText).join(" ");
  return (trailIds ?? []).filter((id) => {
    const s = data.sources.get(id);
    return s?.role !== "trail" || !marks(s).some((mark) => text.includes(mark));
  });
}

/**
 * The marks by which a reference entry names an authority: its number ("GB 16780-2021", "公告2025年第47号"),
 * the standard's number without its year ("the GB/T 2589 appendix"), its title, the edition of a notice.
 */
function authorityMarks(a: Authority): string[] {
  const title = /《([^》]+)》/.exec(a.cite)?.[1];
  const edition = title ? /\d{4}年版/.exec(title)?.[0] : undefined;
  const base = a.number?.replace(/[-—]\d{4}$/, "");
  return [a.number, base, title, edition].filter((m): m is string => !!m);
}

/** The authorities a figure is cited from that the reference entries do not name for it (the plan aside). */
function unnamedAuthorities(sourceIds: string[], entries: RefEntry[]): string[] {
  const text = entries.map(entryText).join(" ");
  return sourceIds.filter((id) => {
    const s = data.sources.get(id);
    if (s?.role !== "authority") return true;
    return s.kind !== "plan" && !authorityMarks(s).some((mark) => text.includes(mark));
  });
}

/** The best level the reference's own words allow ("one source" is not two_sources). */
function allows(refVerification: string | undefined, sourceCount: number, ours: Verification): boolean {
  if (ours !== "two_sources") return true;
  const v = refVerification ?? "";
  if (/^WEAK|UNVERIFIED/.test(v)) return false;
  // ../shared/reference/README.md counts "one source for the policy value, plus agreement with the GB
  // grade values" (水泥熟料 117) as seen in two independent sources.
  if (/two|plus agreement/.test(v)) return true;
  if (/one/.test(v)) return false;
  return sourceCount >= 2;
}

describe("the reviewed data agrees with the public-source reference", () => {
  it.skipIf(!fs.existsSync(sharedFile))("uses an unchanged copy of the shared reference file", () => {
    expect(fs.readFileSync(referenceFile, "utf8")).toBe(fs.readFileSync(sharedFile, "utf8"));
  });

  describe("products (products.json)", () => {
    const gbOfStandard = (standard: string) =>
      ref.gb_energy_limit_grades.filter((g) => g.standard === standard);
    const sameGrades = (g: RefEntry, r: { grade1: number; grade2: number | null; grade3: number }) =>
      g.grade_1 === r.grade1 && g.grade_2 === r.grade2 && g.grade_3 === r.grade3;

    it.each(data.products.map((p) => [p.id, p] as const))(
      "%s: its standard's grades are the reference's",
      (_id, p) => {
        for (const grades of p.referenceGrades) {
          const match = gbOfStandard(grades.standard).filter((g) => sameGrades(g, grades));
          expect(match.length, `${p.id} ${grades.variant}`).toBeGreaterThan(0);
          expect(unnamed(grades.trail, match), `${p.id} ${grades.variant}`).toEqual([]);
          expect(unnamedAuthorities(grades.source, match), `${p.id} ${grades.variant}`).toEqual([]);
          expect(grades.verification).toBe("standard_limit_grade");
        }
      },
    );

    it.each(data.products.map((p) => [p.id, p] as const))(
      "%s: benchmark and baseline are the reference's",
      (_id, p) => {
        const policy = ref.benchmarks.filter((b) => b.product === p.name);
        for (const [which, figure] of [
          ["benchmark", p.benchmark],
          ["baseline", p.baseline],
        ] as const) {
          if (!figure) continue;
          const policyMatch = policy.filter((b) => b[which] === figure.value);
          const gradeMatch = gbOfStandard(p.referenceStandard).filter((g) =>
            [g.grade_1, g.grade_2, g.grade_3].includes(figure.value),
          );
          if (figure.verification === "standard_limit_grade") {
            // the limit grade (grade 3) of one of the product's own reference rows
            expect(p.baseline?.grade, p.id).toBe(3);
            expect(
              p.referenceGrades.some((g) => g.grade3 === figure.value),
              p.id,
            ).toBe(true);
            expect(
              gradeMatch.some((g) => g.grade_3 === figure.value),
              p.id,
            ).toBe(true);
          } else if (figure.verification !== "plan") {
            expect(policyMatch.length, `${p.id} ${which}`).toBeGreaterThan(0);
            for (const b of policyMatch) {
              expect(allows(b.verification, b.source.length, figure.verification), `${p.id} ${which}`).toBe(
                true,
              );
            }
          }
          expect(unnamed(figure.trail, [...policyMatch, ...gradeMatch]), `${p.id} ${which}`).toEqual([]);
          expect(
            unnamedAuthorities(figure.source, [...policyMatch, ...gradeMatch]),
            `${p.id} ${which}`,
          ).toEqual([]);
        }
      },
    );

    it("leaves out the figures the reference calls weak", () => {
      const weak = ref.benchmarks.filter((b) => /^WEAK/.test(b.verification ?? ""));
      expect(weak.length).toBeGreaterThan(0);
      for (const b of weak)
        expect(
          data.products.some((p) => p.name === b.product),
          String(b.product),
        ).toBe(false);
    });
  });

  describe("standard-coal coefficients (energy-conversion.json)", () => {
    /** Each carrier's line in the reference table, or the fuel whose heating value it is derived from. */
    const lineOf: Record<string, { energy: string; basis?: string } | "derived"> = {
      "raw-coal": { energy: "原煤" },
      anthracite: "derived",
      "bituminous-coal": "derived",
      "cleaned-coal": { energy: "洗精煤" },
      "other-washed-coal": { energy: "其他洗煤（洗中煤）" },
      coke: { energy: "焦炭" },
      "crude-oil": { energy: "原油" },
      "fuel-oil": { energy: "燃料油" },
      gasoline: { energy: "汽油" },
      kerosene: { energy: "煤油" },
      diesel: { energy: "柴油" },
      lpg: { energy: "液化石油气" },
      lng: "derived",
      "refinery-gas": { energy: "炼厂干气" },
      "natural-gas": { energy: "天然气" },
      "coke-oven-gas": { energy: "焦炉煤气" },
      "producer-gas": { energy: "其他煤气（发生炉煤气）" },
      heat: { energy: "热力", basis: "当量值" },
      steam: { energy: "蒸汽（低压）" },
      electricity: { energy: "电力", basis: "当量值" },
    };

    it("knows the reference line of every carrier", () => {
      expect(Object.keys(lineOf).sort()).toEqual(data.carriers.map((c) => c.id).sort());
    });

    it.each(data.carriers.map((c) => [c.id, c] as const))("%s", (id, c) => {
      const line = lineOf[id]!;
      if (line === "derived") {
        const fuel = data.fuelFactors.find((f) => f.id === c.factor!.derivedFrom!.fuel)!;
        const refFuel = ref.emission_factors.find((e) => String(e.item).startsWith(`${fuel.name} 缺省参数`))!;
        expect(refFuel.lhv).toBe(fuel.lhv);
        expect(c.factor).toMatchObject({
          value: roundHalfAwayFromZero(fuel.lhv / Number(refStandardCoal().value), 4),
          verification: "derived",
        });
        // no line for it in the reference table: raw coal's coefficient must not stand in for it
        expect(ref.conversion_factors.some((e) => e.energy === c.name)).toBe(false);
        return;
      }
      const entry = ref.conversion_factors.find(
        (e) => e.energy === line.energy && (!line.basis || e.basis === line.basis),
      )!;
      expect(entry, id).toBeDefined();
      expect(String(entry.unit).replace("m3", "m³")).toContain(
        c.factor?.unit.replace("m3", "m³") ?? String(entry.unit).replace("m3", "m³"),
      );
      if (entry.value === null) {
        // a range: only its lower bound was recorded, and a default must be one the reference mentions
        expect(c.rangeLower?.value).toBe(entry.value_range_lower);
        expect(unnamed(c.rangeLower!.trail, [entry])).toEqual([]);
        expect(unnamedAuthorities(c.rangeLower!.source, [entry])).toEqual([]);
        if (c.factor) {
          expect(c.factor.isDefaultOfRange).toBe(true);
          expect(entry.note).toContain(String(c.factor.value));
          expect(unnamed(c.factor.trail, [entry])).toEqual([]);
          expect(unnamedAuthorities(c.factor.source, [entry])).toEqual([]);
        }
        return;
      }
      expect(c.factor!.value).toBe(entry.value);
      expect(unnamed(c.factor!.trail, [entry])).toEqual([]);
      expect(unnamedAuthorities(c.factor!.source, [entry])).toEqual([]);
      expect(allows(entry.verification, entry.source.length, c.factor!.verification)).toBe(true);
    });

    const refStandardCoal = () => ref.conversion_factors.find((e) => e.energy === "标准煤热值")!;

    it("takes 29.3076 MJ/kgce for standard coal", () => {
      expect(data.standardCoalHeatValue.value).toBe(refStandardCoal().value);
      expect(unnamed(data.standardCoalHeatValue.trail, [refStandardCoal()])).toEqual([]);
      expect(unnamedAuthorities(data.standardCoalHeatValue.source, [refStandardCoal()])).toEqual([]);
    });

    it("takes steam's heat content from the reference (3763 kJ/kg)", () => {
      const steam = data.carriers.find((c) => c.id === "steam")!;
      const entry = ref.conversion_factors.find((e) => e.energy === "蒸汽（低压）")!;
      expect(entry.note).toContain(String(steam.heatContent!.value * 1000));
      expect(unnamed(steam.heatContent!.trail, [entry])).toEqual([]);
      expect(unnamedAuthorities(steam.heatContent!.source, [entry])).toEqual([]);
    });
  });

  describe("CO2 factors (emission-factors.json)", () => {
    /** Our grid factors and the reference item each one is. */
    const itemOf: Record<string, string> = {
      "grid-national-2023": "2023年全国电力平均二氧化碳排放因子",
      "grid-national-2022": "2022年全国电力平均二氧化碳排放因子",
      "grid-national-2021": "2021年全国电力平均二氧化碳排放因子",
      "grid-carbon-market-2022": "全国电网平均排放因子 (2022年度, 碳市场报告口径)",
      "grid-east-china-2023": "2023年华东区域电力平均二氧化碳排放因子 (Anhui is in the East China grid)",
      "grid-national-2023-excl-market-nonfossil":
        "2023年全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）",
    };

    it("knows the reference item of every grid factor", () => {
      expect(Object.keys(itemOf).sort()).toEqual(data.gridFactors.map((g) => g.id).sort());
    });

    it.each(data.gridFactors.map((g) => [g.id, g] as const))("grid factor %s", (id, g) => {
      const entry = ref.emission_factors.find((e) => e.item === itemOf[id])!;
      expect(entry, id).toBeDefined();
      expect(g.value).toBe(entry.value);
      // tCO2/MWh and kgCO2/kWh are the same number
      expect(["kgCO2/kWh", "tCO2/MWh"]).toContain(entry.unit);
      expect(unnamed(g.trail, [entry])).toEqual([]);
      // A year's factors (national, regional, excluding traded non-fossil) are published together: an
      // entry that names no document is of the announcement its year's national average names.
      const national = ref.emission_factors.find((e) => e.item === `${g.year}年全国电力平均二氧化碳排放因子`);
      expect(unnamedAuthorities(g.source, entry.document || !national ? [entry] : [entry, national])).toEqual(
        [],
      );
      expect(allows(entry.verification, entry.source.length, g.verification)).toBe(true);
    });

    it.each(data.fuelFactors.map((f) => [f.id, f] as const))("fuel %s: GB/T 32151.34 defaults", (_id, f) => {
      const entry = ref.emission_factors.find((e) => String(e.item).startsWith(`${f.name} 缺省参数`))!;
      expect(entry, f.name).toBeDefined();
      expect([f.lhv, f.lhvUnit, f.carbonContent, f.oxidationRate]).toEqual([
        entry.lhv,
        String(entry.lhv_unit).replace(/\s+/g, ""),
        entry.carbon_content_tC_per_GJ,
        entry.oxidation_rate,
      ]);
      expect(unnamed(f.trail, [entry])).toEqual([]);
      expect(unnamedAuthorities(f.source, [entry])).toEqual([]);
      expect(allows(entry.verification, entry.source.length, f.verification)).toBe(true);
    });

    it.each(data.heatFactors.map((h) => [h.id, h] as const))("heat %s", (_id, h) => {
      const entry = ref.emission_factors.find((e) => e.item === h.name)!;
      expect([h.value, h.unit]).toEqual([entry.value, entry.unit]);
      expect(unnamed(h.trail, [entry])).toEqual([]);
      expect(unnamedAuthorities(h.source, [entry])).toEqual([]);
      expect(allows(entry.verification, entry.source.length, h.verification)).toBe(true);
    });
  });

  describe("motor efficiencies (motor-efficiency.json)", () => {
    it("has exactly the reference's rows of GB 18613-2020 表1, with its figures", () => {
      const key = (kw: number, poles: number) => `${kw} kW ${poles}极`;
      const refRows = new Map(
        ref.motor_efficiency.map((r) => [key(Number(r.rated_power_kW), Number(r.poles)), r]),
      );
      expect(data.motor.rows.map((r) => key(r.ratedPowerKw, r.poles)).sort()).toEqual(
        [...refRows.keys()].sort(),
      );
      for (const row of data.motor.rows) {
        const r = refRows.get(key(row.ratedPowerKw, row.poles))!;
        expect([row.grade1Pct, row.grade2Pct, row.grade3Pct], key(row.ratedPowerKw, row.poles)).toEqual([
          r.grade_1_pct,
          r.grade_2_pct,
          r.grade_3_pct,
        ]);
        expect(String(r.standard)).toContain(data.motor.standard);
        expect(unnamed(row.trail, [r])).toEqual([]);
        expect(unnamedAuthorities(row.source, [r])).toEqual([]);
        expect(row.verification).toBe("one_source");
      }
    });
  });

  describe("deadlines (policy.json)", () => {
    const entryOf = (id: string) =>
      id === "new-projects-at-benchmark"
        ? ref.deadlines.filter((d) =>
            /under-construction projects are to be built at the benchmark/.test(String(d.item)),
          )
        : ref.deadlines.filter((d) => d.deadline === data.policy.deadlines.find((x) => x.id === id)!.date);

    it.each(data.policy.deadlines.map((d) => [d.id, d] as const))("%s", (id, d) => {
      const entries = entryOf(id);
      expect(entries.length, id).toBe(1);
      expect(unnamed(d.trail, entries)).toEqual([]);
      expect(unnamedAuthorities(d.source, entries)).toEqual([]);
      expect(allows(entries[0]!.verification, entries[0]!.source.length, d.verification)).toBe(true);
    });

    it("uses no deadline the reference calls unverified", () => {
      const unverified = ref.deadlines
        .filter((d) => /^UNVERIFIED/.test(d.verification ?? ""))
        .map((d) => d.deadline);
      expect(unverified.length).toBeGreaterThan(0);
      for (const d of data.policy.deadlines) expect(unverified).not.toContain(d.date);
    });
  });

  it("names a source the reference does not give for a figure as unnamed (the check is not vacuous)", () => {
    const grid = ref.emission_factors.find((e) => e.item === "2021年全国电力平均二氧化碳排放因子")!;
    expect(unnamed(["tanpaifang-2023-0215", "zhangwenkingh-2025-0103"], [grid])).toEqual([
      "tanpaifang-2023-0215",
    ]);
    expect(allows("one source", 1, "two_sources")).toBe(false);
    expect(unnamedAuthorities(["gb-21344-2023", "hn2023"], [grid])).toEqual(["gb-21344-2023"]);
  });
});
