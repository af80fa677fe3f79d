import request from "supertest";
import { describe, expect, it } from "vitest";
import { realData, TEN_MOTORS } from "../calculators/fixtures.js";
import { calculatorRoutesApp } from "../support/calculatorRoutes.js";
import { outputProblems } from "../support/citable.js";

const post = (route: string, body: unknown, env?: Record<string, string>) =>
  request(calculatorRoutesApp(env))
    .post(`/api/tools/${route}`)
    .send(body as object);

describe("POST /api/tools/benchmark-lookup", () => {
  it("gives a product's benchmark, baseline and city target with their sources, deadlines judged against today", async () => {
    const res = await post("benchmark-lookup", { product: "熟料" });
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({
        product: expect.objectContaining({ id: "cement-clinker" }),
        benchmark: expect.objectContaining({ value: 100, verification: "plan" }),
        baseline: expect.objectContaining({ value: 117 }),
        belowBaseline: expect.objectContaining({ date: "2025-12-31", passed: expect.any(Boolean) }),
      }),
    ]);
    expect(res.body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.sources.length).toBeGreaterThan(0);
  });

  it("lists every product the plan names when no product is given", async () => {
    const res = await post("benchmark-lookup", {});
    expect(res.body.entries).toHaveLength(6);
  });

  it("answers an unknown product with a 400 listing the closest entries", async () => {
    const res = await post("benchmark-lookup", { product: "平板玻璃" });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: "product" })]);
    expect(res.body.error.closest.length).toBeGreaterThan(0);
  });
});

describe("POST /api/tools/benchmark-gap", () => {
  describe("with a unit consumption", () => {
    it("answers with the contract's fields", async () => {
      const res = await post("benchmark-gap", { product: "熟料", unitConsumption: 110 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        product: { id: "cement-clinker", name: "水泥熟料" },
        unit: "kgce/t",
        unitConsumption: 110,
        benchmark: 100,
        baseline: 117,
        status: "between_benchmark_and_baseline",
        gapToBenchmark: 10,
        gapToBenchmarkPercent: 10,
        annualSavingTce: null,
        co2SavingT: null,
      });
      expect(res.body.sources.length).toBeGreaterThan(0);
      expect(res.body.formula.length).toBeGreaterThan(0);
      expect(res.body.policy.asks[0].unitId).toBe("hn2023:zl3.3");
    });

    it("gives the yearly saving and its CO2 when the output is known: 120万吨 at 108 → 9,600 tce", async () => {
      const res = await post("benchmark-gap", {
        product: "水泥熟料",
        unitConsumption: 108,
        output: { value: 120, unit: "万吨" },
      });
      expect(res.body).toMatchObject({ annualSavingTce: 9600, co2SavingT: 25040.64 });
    });
  });

  describe("with output and energy by carrier", () => {
    it("computes the unit consumption", async () => {
      const res = await post("benchmark-gap", {
        product: "cement-clinker",
        output: { value: 120, unit: "万吨" },
        energy: [
          { carrier: "原煤", amount: 15, unit: "万吨" },
          { carrier: "电力", amount: 1.2, unit: "亿千瓦时" },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ unitConsumption: 101.58, annualSavingTce: 1893, baseline: 117 });
      expect(res.body.breakdown).toHaveLength(2);
    });
  });

  it("uses the configured default grid factor, and the one a request names", async () => {
    const byConfig = await post(
      "benchmark-gap",
      { product: "电弧炉", unitConsumption: 65, output: { value: 50, unit: "万吨" } },
      { GRID_EMISSION_FACTOR_ID: "grid-national-2022" },
    );
    expect(byConfig.body.gridFactor).toMatchObject({ id: "grid-national-2022", isDefault: true });
    const byRequest = await post("benchmark-gap", {
      product: "电弧炉",
      unitConsumption: 65,
      output: { value: 50, unit: "万吨" },
      gridFactorId: "grid-carbon-market-2022",
    });
    expect(byRequest.body.gridFactor).toMatchObject({ id: "grid-carbon-market-2022", isDefault: false });
  });

  describe("bad input gets a 400 in Chinese naming the field", () => {
    it.each([
      [{ product: "熟料", unitConsumption: -5 }, "unitConsumption"],
      [{ product: "熟料", unitConsumption: 0 }, "unitConsumption"],
      [{ product: "熟料", unitConsumption: "110" }, "unitConsumption"],
      [{ product: "熟料", unitConsumption: null }, "unitConsumption"],
      [{ product: "熟料" }, "unitConsumption"],
      [{ unitConsumption: 110 }, "product"],
      [{ product: "熟料", energy: [{ carrier: "电", amount: 1, unit: "度" }] }, "output"],
      [{ product: "熟料", unitConsumption: 2500 }, "unitConsumption"],
      [
        {
          product: "熟料",
          output: { value: 1, unit: "万吨" },
          energy: [{ carrier: "电", amount: 5, unit: "吨" }],
        },
        "energy.0.unit",
      ],
      [{ product: "熟料", unitConsumption: 110, gridFactorId: "grid-mars" }, "gridFactorId"],
      [{ product: "熟料", unitConsumption: 110, output: { value: 1e15, unit: "万吨" } }, "output"],
    ])("%j → %s", async (body, field) => {
      const res = await post("benchmark-gap", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/^bad_request:tools\.benchmark_gap$/);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it.each([
      ["benchmark-gap", { product: "熟料", unitConsumption: "110" }, "参数“unitConsumption”应为数字。"],
      ["benchmark-gap", { product: "熟料", unitConsumption: null }, "参数“unitConsumption”应为数字。"],
      ["benchmark-gap", { product: "熟料", unitConsumption: -5 }, "参数“unitConsumption”应大于 0。"],
      ["benchmark-gap", { unitConsumption: 110 }, "参数“product”不能为空。"],
      ["benchmark-gap", { product: " ", unitConsumption: 110 }, "参数“product”不能为空。"],
      ["benchmark-gap", { product: "熟料", output: 120, unitConsumption: 110 }, "参数“output”应为对象。"],
      [
        "benchmark-gap",
        { product: "熟料", unitConsumption: 110, basis: "含原料" },
        "参数“basis”应为以下之一：including_feedstock、excluding_feedstock。",
      ],
      ["energy-convert", { energy: "原煤15万吨" }, "参数“energy”应为列表。"],
      ["energy-convert", { energy: [] }, "参数“energy”至少需要 1 项。"],
      [
        "intensity-target",
        { base: { intensity: 0.8 }, current: { year: 2023, intensity: 80 } },
        "2023年单位增加值能耗 80 与2020年的 0.8 相差10倍以上，多半是两年的单位不一致（如千克与吨标准煤、元与万元），请检查。",
      ],
      ["energy-convert", { energy: [{ carrier: "原煤", unit: "吨" }] }, "参数“energy.0.amount”不能为空。"],
      [
        "motor-upgrade",
        {
          ratedPowerKw: 15,
          poles: 3,
          count: 2.5,
          hoursPerYear: 4000,
          loadFactorPercent: 75,
          presentGrade: 3,
          targetGrade: 1,
        },
        "参数“poles”应为以下之一：2、4、6、8。 参数“count”应为整数。",
      ],
    ])("%s %j → %s", async (route, body, message) => {
      const res = await post(route, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    });

    it("a mistyped GRID_EMISSION_FACTOR_ID is not blamed on the user's request: a 500 without a field", async () => {
      const res = await post(
        "benchmark-gap",
        { product: "熟料", unitConsumption: 110, output: { value: 120, unit: "万吨" } },
        { GRID_EMISSION_FACTOR_ID: "grid-nope" },
      );
      expect(res.status).toBe(500);
      expect(res.body.error.fields).toBeUndefined();
      expect(res.body.error.message).not.toContain("gridFactorId");
    });

    it("a unit consumption 20 times the benchmark names it and the benchmark", async () => {
      const res = await post("benchmark-gap", { product: "熟料", unitConsumption: 2500 });
      expect(res.body.error).toMatchObject({ problem: "implausible_value", benchmark: 100 });
      expect(res.body.error.message).toContain("20倍");
    });

    it("an unknown product lists the closest catalogue entries", async () => {
      const res = await post("benchmark-gap", { product: "水泥", unitConsumption: 90 });
      expect(res.status).toBe(400);
      expect(res.body.error.problem).toBe("unknown_product");
      expect(res.body.error.closest[0]).toEqual({ id: "cement-clinker", name: "水泥熟料" });
      expect(res.body.error.message).toContain("水泥熟料");
    });

    it("纯碱 without 轻质/重质 lists the variants", async () => {
      const res = await post("benchmark-gap", { product: "纯碱", unitConsumption: 170 });
      expect(res.status).toBe(400);
      expect(res.body.error.variants.map((v: { id: string }) => v.id)).toEqual([
        "soda-ash-dual-light",
        "soda-ash-dual-dense",
      ]);
      expect(res.body.error.message).toContain("轻质还是重质");
    });

    it("煤制烯烃 without a basis asks for it", async () => {
      const res = await post("benchmark-gap", { product: "煤制烯烃", unitConsumption: 2900 });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        problem: "basis_required",
        options: ["including_feedstock", "excluding_feedstock"],
      });
      expect(res.body.error.fields[0].field).toBe("basis");
      expect(res.body.error.message).toContain("含原料用能");
      const ok = await post("benchmark-gap", {
        product: "煤制烯烃",
        unitConsumption: 2900,
        basis: "including_feedstock",
      });
      expect(ok.body).toMatchObject({ status: "between_benchmark_and_baseline", gapToBenchmark: 100 });
    });

    it("malformed JSON is a 400 too", async () => {
      const res = await request(calculatorRoutesApp())
        .post("/api/tools/benchmark-gap")
        .set("content-type", "application/json")
        .send("{bad");
      expect(res.status).toBe(400);
    });
  });
});

describe("POST /api/tools/energy-convert", () => {
  it("converts to standard coal and estimates CO2 with the grid factor shown", async () => {
    const res = await post("energy-convert", {
      energy: [
        { carrier: "电", amount: 1.2, unit: "亿度" },
        { carrier: "原煤", amount: 15, unit: "万吨" },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.standardCoal.totalTce).toBe(121_893);
    expect(res.body.co2.gridFactor).toMatchObject({ id: "grid-national-2023", value: 0.5306 });
    expect(res.body.co2.totalCo2T).toBe(324_934.44);
  });

  it("asks for a heating value for coke-oven gas", async () => {
    const res = await post("energy-convert", { energy: [{ carrier: "焦炉煤气", amount: 1, unit: "万m3" }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe("energy.0.heatingValue");
  });
});

describe("POST /api/tools/motor-upgrade", () => {
  it("computes the saving", async () => {
    const res = await post("motor-upgrade", {
      ...TEN_MOTORS,
      electricityPrice: 0.65,
      upgradeCostWanYuan: 20,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      annualKwh: 51_512,
      annualTce: 6.33,
      annualCo2T: 27.33,
      paybackYears: 6,
    });
  });

  it("refuses 3 poles, naming the field", async () => {
    const res = await post("motor-upgrade", {
      ratedPowerKw: 55,
      poles: 3,
      hoursPerYear: 6000,
      loadFactorPercent: 75,
      presentGrade: 3,
      targetGrade: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("poles");
  });
});

describe("POST /api/tools/vsd-savings", () => {
  it("computes the saving over the flow profile", async () => {
    const res = await post("vsd-savings", {
      equipment: "fan",
      fullFlowInputKw: 90,
      profile: [
        { flowPercent: 80, hours: 3000 },
        { flowPercent: 60, hours: 2000 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.annualKwh).toBe(272_880);
  });
});

describe("POST /api/tools/intensity-target", () => {
  it("measures progress against the 15% reduction", async () => {
    const res = await post("intensity-target", {
      base: { intensity: 0.8 },
      current: { year: 2023, intensity: 0.7 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reductionPercent: 12.5, status: "on_track", targetIntensity: 0.68 });
  });

  it("computes the 2025 target from the 2020 figure alone", async () => {
    const res = await post("intensity-target", { base: { intensity: 0.95 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ targetIntensity: 0.8075, currentIntensity: null, status: null });
  });

  it("names a year outside 2021–2030", async () => {
    const res = await post("intensity-target", {
      base: { intensity: 0.8 },
      current: { year: 2035, intensity: 0.7 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe("current.year");
  });
});

describe("POST /api/tools/plan-arithmetic", () => {
  it("works out the plan's own figures: clinker's 2025 target is 2% above its benchmark", async () => {
    const res = await post("plan-arithmetic", {
      operation: "percent_difference",
      product: "熟料",
      figure: { level: "target" },
      reference: { level: "benchmark" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ operation: "percent_difference", percent: 2 });
  });

  it("names the field an operation lacks", async () => {
    const res = await post("plan-arithmetic", { operation: "total_at_level", product: "熟料" });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["output", "at"]);
  });

  it("says when the plan has no such figure, naming the operand", async () => {
    const res = await post("plan-arithmetic", {
      operation: "percent_fall",
      product: "电炉钢",
      from: { value: 70 },
      to: { level: "target" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ problem: "no_plan_figure", fields: [{ field: "to.level" }] });
  });
});

describe("the sources every route gives (issue 10: sources a bureau can cite)", () => {
  const routes: Array<[string, unknown]> = [
    ["benchmark-lookup", { product: "合成氨" }],
    ["benchmark-lookup", {}],
    ["benchmark-gap", { product: "熟料", unitConsumption: 108, output: { value: 120, unit: "万吨" } }],
    [
      "benchmark-gap",
      {
        product: "合成氨",
        output: { value: 20, unit: "万吨" },
        energy: [
          { carrier: "优质无烟块煤", amount: 25, unit: "万吨" },
          { carrier: "电力", amount: 1, unit: "亿kWh" },
          { carrier: "蒸汽", amount: 5000, unit: "吨" },
        ],
      },
    ],
    ["benchmark-gap", { product: "硅铁", unitConsumption: 1900 }],
    [
      "energy-convert",
      {
        energy: [
          { carrier: "原煤", amount: 2.4, unit: "万吨" },
          { carrier: "天然气", amount: 50, unit: "万立方米" },
          { carrier: "热力", amount: 1000, unit: "GJ" },
        ],
        gridFactorId: "grid-east-china-2023",
      },
    ],
    ["motor-upgrade", TEN_MOTORS],
    ["vsd-savings", { equipment: "fan", fullFlowInputKw: 90, profile: [{ flowPercent: 80, hours: 3000 }] }],
    ["intensity-target", { base: { intensity: 0.8 }, current: { year: 2023, intensity: 0.7 } }],
    [
      "plan-arithmetic",
      { operation: "percent_fall", product: "熟料", from: { level: "baseline" }, to: { level: "benchmark" } },
    ],
    ["plan-arithmetic", { operation: "remaining_fall", achievedPercent: 9, year: 2023 }],
  ];

  it.each(routes)("POST /api/tools/%s %j cites only the plan, standards and notices", async (route, body) => {
    const res = await post(route, body);
    expect(res.status).toBe(200);
    // the conversion gives the sources of its two parts, standard coal and CO2
    const sources: Array<{
      kind: string;
      title: string;
      citation: string;
      usedFor: string[];
      toCheck: string[];
    }> = res.body.sources ?? [...res.body.standardCoal.sources, ...res.body.co2.sources];
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect(["plan", "standard", "notice"]).toContain(s.kind);
      expect(s.title.startsWith(s.citation)).toBe(true);
      for (const use of s.toCheck) expect(s.usedFor).toContain(use);
    }
    // no trail, no trail source's id or title, nothing a bureau could not cite, anywhere in the body
    expect(outputProblems(res.body, realData())).toEqual([]);
  });

  it("names a standard by number, title and grade, and says which uses rest on transcriptions only", async () => {
    const res = await post("benchmark-lookup", { product: "合成氨" });
    expect(res.body.sources).toContainEqual({
      id: "gb-21344-2023",
      kind: "standard",
      title: "GB 21344-2023《合成氨单位产品能源消耗限额》3级",
      citation: "GB 21344-2023《合成氨单位产品能源消耗限额》",
      part: "3级",
      usedFor: ["合成氨（以优质无烟块煤为原料）基准水平"],
      toCheck: ["合成氨（以优质无烟块煤为原料）基准水平"],
    });
    expect(res.body.entries[0].baseline).toMatchObject({
      source: ["gb-21344-2023"],
      citation: "GB 21344-2023《合成氨单位产品能源消耗限额》3级",
    });
  });

  it("names the plan by its clause", async () => {
    const res = await post("benchmark-lookup", { product: "熟料" });
    expect(res.body.sources).toContainEqual(
      expect.objectContaining({
        id: "hn2023",
        kind: "plan",
        unitId: "hn2023:3.2.benchmark",
        title:
          "《淮南市工业领域碳达峰实施方案》（淮经信节能〔2023〕19号）三、重点行业实施路径 › （二）建材行业 › 重点产品（工序）能效标杆值",
        usedFor: ["水泥熟料标杆水平"],
        toCheck: [],
      }),
    );
  });

  it("GET /api/benchmarks: the catalogue cites authorities only, its figures without their trail", async () => {
    const res = await request(calculatorRoutesApp()).get("/api/benchmarks");
    expect(res.status).toBe(200);
    expect(res.body.sources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(["hn2023", "gb-21344-2023", "ndrc-2023-benchmark-levels"]),
    );
    expect(res.body.sources.map((s: { id: string }) => s.id)).not.toContain("ccement-shandong");
    expect(outputProblems(res.body, realData())).toEqual([]);
  });
});

describe("when the data directory is missing", () => {
  it("the app still starts, and a calculation is a 500 without internals", async () => {
    const res = await post(
      "benchmark-gap",
      { product: "熟料", unitConsumption: 110 },
      { KNOWLEDGE_DIR: "no-such-dir" },
    );
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain("no-such-dir");
  });
});
