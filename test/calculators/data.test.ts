import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles, loadCalculatorData, verificationLevels } from "../../server/calculators/data.js";
import { dataDir, realData } from "./fixtures.js";

const files = Object.values(dataFiles).map((f) => ({
  file: f,
  json: JSON.parse(fs.readFileSync(path.join(dataDir, f), "utf8")) as unknown,
}));
const sourceIds = new Set(realData().sources.keys());

/** Every object that holds a number directly, with its path. */
function objectsWithNumbers(value: unknown, at = "$"): Array<{ at: string; obj: Record<string, unknown> }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsWithNumbers(v, `${at}[${i}]`));
  if (!value || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const own = Object.values(obj).some((v) => typeof v === "number") ? [{ at, obj }] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => objectsWithNumbers(v, `${at}.${k}`))];
}

describe("the reviewed data in knowledge/data", () => {
  it("loads and passes its own consistency checks", () => {
    expect(() => loadCalculatorData(dataDir)).not.toThrow();
  });

  describe.each(files)("$file", ({ json }) => {
    it("gives every number a source that exists and a verification level", () => {
      for (const { at, obj } of objectsWithNumbers(json)) {
        expect(Array.isArray(obj.source) && obj.source.length > 0, `${at} has no source`).toBe(true);
        for (const id of obj.source as string[])
          expect(sourceIds.has(id), `${at} cites unknown source ${id}`).toBe(true);
        expect(verificationLevels, `${at} has verification ${String(obj.verification)}`).toContain(
          obj.verification,
        );
      }
    });
  });

  it("holds every product the plan names, with the plan's benchmark", () => {
    const byId = new Map(realData().products.map((p) => [p.id, p]));
    const expected: Array<[string, number]> = [
      ["eaf-steelmaking-ge50t", 61],
      ["cement-clinker", 100],
      ["coal-to-olefins", 2800],
      ["ammonia-anthracite-lump", 1100],
      ["soda-ash-dual-light", 160],
      ["soda-ash-dual-dense", 210],
    ];
    for (const [id, value] of expected) {
      expect(byId.get(id)?.benchmark).toMatchObject({
        value,
        verification: "plan",
        source: expect.arrayContaining(["hn2023"]),
      });
      expect(byId.get(id)?.inPlan).toBe(true);
    }
  });

  it("invents no baseline for 纯碱, and labels every baseline taken from a standard's limit grade", () => {
    const products = realData().products;
    expect(products.filter((p) => p.group === "纯碱").map((p) => p.baseline)).toEqual([null, null]);
    for (const p of products.filter((x) => x.baseline?.verification === "standard_limit_grade")) {
      expect(p.baseline!.standard, p.id).toMatch(/^GB \d+-\d{4}$/);
      expect(p.baseline!.grade, p.id).toBe(3);
    }
    expect(products.find((p) => p.id === "cement-clinker")?.baseline).toMatchObject({
      value: 117,
      verification: "two_sources",
    });
    expect(products.find((p) => p.id === "cement-clinker")?.cityTargets[0]).toMatchObject({
      value: 102,
      year: 2025,
    });
  });

  it("keeps the configured default grid factors and the 当量值 for electricity", () => {
    const grid = new Map(realData().gridFactors.map((g) => [g.id, g.value]));
    expect(grid.get("grid-national-2023")).toBe(0.5306);
    expect(grid.get("grid-national-2022")).toBe(0.5366);
    expect(grid.get("grid-carbon-market-2022")).toBe(0.5703);
    expect(realData().carriers.find((c) => c.id === "electricity")?.factor).toMatchObject({
      value: 0.1229,
      basis: "当量值",
    });
  });

  describe("against the plan's text (knowledge/documents/hn2023.md)", () => {
    const planFile = path.resolve(dataDir, "../documents/hn2023.md");
    const plan = fs.existsSync(planFile) ? fs.readFileSync(planFile, "utf8").replace(/\s+/g, "") : null;

    it.skipIf(!plan)("every quote is the plan's own words", () => {
      const data = realData();
      const quotes = [
        ...Object.values(data.policy.guidance)
          .flat()
          .map((q) => q.quote),
        ...Object.values(data.policy.toolQuotes)
          .flat()
          .map((q) => q.quote),
        ...data.policy.targets.map((t) => t.quote),
        ...data.products.flatMap((p) => [
          ...p.cityTargets.map((t) => t.quote),
          ...p.planTargets.map((t) => t.text.replace(/。$/, "")),
        ]),
      ];
      for (const quote of quotes) expect(plan!.includes(quote.replace(/\s+/g, "")), quote).toBe(true);
    });

    it.skipIf(!plan)("every benchmark marked 'plan' is in the plan's sector tables", () => {
      for (const p of realData().products.filter((x) => x.benchmark.verification === "plan")) {
        expect(plan!.includes(`${p.benchmark.value}千克标准煤/吨`), p.name).toBe(true);
      }
    });
  });

  it("uses plan unit ids of the documented form, each with a breadcrumb", () => {
    for (const u of realData().planUnits.values()) {
      expect(u.id).toMatch(/^hn2023:(\d(\.\d+)*|zl\d(\.\d+)?|3\.\d\.(r\d|benchmark|target))$/);
      expect(u.breadcrumb.length).toBeGreaterThan(0);
    }
  });

  it("derives the factors of coals the GB/T 2589 table does not list from their default heating value, labelled so", () => {
    const data = realData();
    for (const [carrier, fuel] of [
      ["anthracite", "anthracite"],
      ["bituminous-coal", "bituminous"],
    ] as const) {
      const c = data.carriers.find((x) => x.id === carrier)!;
      const lhv = data.fuelFactors.find((f) => f.id === fuel)!.lhv;
      expect(c.factor, carrier).toMatchObject({ derivedFrom: { fuel }, verification: "derived" });
      expect(c.factor!.value, carrier).toBeCloseTo(lhv / data.standardCoalHeatValue.value, 4);
      expect(c.factor!.source, carrier).toEqual(["gbt-32151-34-2024", "gbt-2589-2020"]);
      expect(c.factor!.trail, carrier).toEqual(
        expect.arrayContaining(["ghgtool-gbt32151-34-test", "yearbook-2023-transcription"]),
      );
    }
  });

  it("refuses a derived factor that does not follow from its heating value", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "calc-data-"));
    for (const f of Object.values(dataFiles)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
    const conversion = JSON.parse(fs.readFileSync(path.join(dir, dataFiles.conversion), "utf8"));
    conversion.carriers.find((c: { id: string }) => c.id === "anthracite").factor.value = 0.7143;
    fs.writeFileSync(path.join(dir, dataFiles.conversion), JSON.stringify(conversion));
    expect(() => loadCalculatorData(dir)).toThrow(
      /anthracite: derived factor should be 0.911 kgce\/kg, not 0.7143/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  describe("sources a bureau can cite (issue 10)", () => {
    const data = realData();

    it("cites every figure from an authority (the plan, a standard, a notice), each with the text a person is shown", () => {
      const authorities = [...data.sources.values()].filter((s) => s.role === "authority");
      expect(authorities.map((a) => a.kind).sort()).toEqual(
        expect.arrayContaining(["notice", "plan", "standard"]),
      );
      for (const a of authorities) {
        expect(a.cite, a.id).toMatch(/《[^》]+》/);
        if (a.number) expect(a.cite, a.id).toContain(a.number);
      }
      for (const { file, json } of files)
        for (const { at, obj } of objectsWithNumbers(json))
          for (const id of obj.source as string[])
            expect(data.sources.get(id)?.role, `${file} ${at} cites ${id}`).toBe("authority");
    });

    it("keeps where a figure was checked in its trail, for every figure the plan does not state", () => {
      for (const { file, json } of files)
        for (const { at, obj } of objectsWithNumbers(json)) {
          const trail = (obj.trail as string[] | undefined) ?? [];
          if (obj.verification !== "plan")
            expect(trail.length, `${file} ${at} has no trail`).toBeGreaterThan(0);
          for (const id of trail)
            expect(data.sources.get(id)?.role, `${file} ${at} trail ${id}`).toBe("trail");
        }
    });

    it("cites a baseline taken from a standard's limit grade from that standard", () => {
      for (const p of data.products.filter((x) => x.baseline?.standard)) {
        const [id] = p.baseline!.source;
        const s = data.sources.get(id!);
        expect(s?.role === "authority" && s.number, p.id).toBe(p.baseline!.standard);
      }
    });

    it.each([
      [
        "a trail source cited",
        (p: { source: string[]; trail?: string[] }) => (p.source = ["ecquota-gb-batch2"]),
        /source ecquota-gb-batch2 is a trail source/,
      ],
      [
        "an authority in the trail",
        (p: { source: string[]; trail?: string[] }) => (p.trail = ["gb-21344-2023"]),
        /trail gb-21344-2023 is an authority/,
      ],
      ["no trail", (p: { source: string[]; trail?: string[] }) => delete p.trail, /needs its trail/],
    ])("refuses %s", (_what, edit, message) => {
      const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "calc-data-"));
      for (const f of Object.values(dataFiles)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
      const products = JSON.parse(fs.readFileSync(path.join(dir, dataFiles.products), "utf8"));
      edit(products.products.find((p: { id: string }) => p.id === "ammonia-anthracite-lump").baseline);
      fs.writeFileSync(path.join(dir, dataFiles.products), JSON.stringify(products));
      expect(() => loadCalculatorData(dir)).toThrow(message);
      fs.rmSync(dir, { recursive: true });
    });
  });

  describe("products of the national table left out of the catalogue (issue 10, item 5)", () => {
    const data = realData();

    it("carry no level, and are listed by the 2023 notice with where the listing was seen", () => {
      expect(data.uncatalogued.length).toBeGreaterThan(0);
      for (const u of data.uncatalogued) {
        expect(u.levels, u.id).toBeNull();
        expect(u.listedIn.source, u.id).toEqual(["ndrc-2023-benchmark-levels"]);
        expect(u.listedIn.trail?.length, u.id).toBeGreaterThanOrEqual(2);
        expect(u.listedIn.verification, u.id).toBe("two_sources");
        expect(u.note, u.id).toMatch(/left out/);
      }
    });

    it("are none of the catalogue's products, and of the industries the plan names or the industry map points to", () => {
      const ids = new Set(data.products.map((p) => p.id));
      const industries = new Set([
        ...data.industries.map((i) => i.name),
        ...data.products.map((p) => p.industry),
      ]);
      for (const u of data.uncatalogued) {
        expect(ids.has(u.id), u.id).toBe(false);
        expect(industries.has(u.industry), u.id).toBe(true);
      }
    });

    it("refuses a name that also names a catalogued product", () => {
      const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "calc-data-"));
      for (const f of Object.values(dataFiles)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
      const products = JSON.parse(fs.readFileSync(path.join(dir, dataFiles.products), "utf8"));
      products.uncatalogued[0].aliases.push("熟料");
      fs.writeFileSync(path.join(dir, dataFiles.products), JSON.stringify(products));
      expect(() => loadCalculatorData(dir)).toThrow(/"熟料" also names a catalogued product/);
      fs.rmSync(dir, { recursive: true });
    });
  });

  it("fails loudly on a broken reference", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "calc-data-"));
    for (const f of Object.values(dataFiles)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
    const products = JSON.parse(fs.readFileSync(path.join(dir, dataFiles.products), "utf8"));
    products.products[0].benchmark.source = ["no-such-source"];
    fs.writeFileSync(path.join(dir, dataFiles.products), JSON.stringify(products));
    expect(() => loadCalculatorData(dir)).toThrow(/unknown source no-such-source/);
    fs.rmSync(dir, { recursive: true });
  });
});
