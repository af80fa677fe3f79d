import request from "supertest";
import { describe, expect, it } from "vitest";
import { calculatorRoutesApp } from "../support/calculatorRoutes.js";

describe("GET /api/benchmarks", () => {
  const app = calculatorRoutesApp();

  it("lists the catalogue with every figure's source and verification level", async () => {
    const res = await request(app).get("/api/benchmarks");
    expect(res.status).toBe(200);
    const ids = res.body.products.map((p: { id: string }) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "eaf-steelmaking-ge50t",
        "cement-clinker",
        "coal-to-olefins",
        "ammonia-anthracite-lump",
        "soda-ash-dual-light",
        "soda-ash-dual-dense",
      ]),
    );
    const clinker = res.body.products.find((p: { id: string }) => p.id === "cement-clinker");
    expect(clinker.benchmark).toMatchObject({
      value: 100,
      verification: "plan",
      source: expect.arrayContaining(["hn2023"]),
    });
    expect(clinker.baseline).toMatchObject({ value: 117, verification: "two_sources" });
    expect(clinker.cityTargets[0]).toMatchObject({ value: 102, year: 2025 });
    expect(clinker.planUnits[0]).toEqual({
      id: "hn2023:3.2",
      breadcrumb: "三、重点行业实施路径 › （二）建材行业",
    });
    const ammonia = res.body.products.find((p: { id: string }) => p.id === "ammonia-anthracite-lump");
    expect(ammonia.baselineKnownAs).toContain("GB 21344-2023");
    expect(res.body.sources.map((s: { id: string }) => s.id)).toContain("hn2023");
    expect(res.body.verificationLevels.standard_limit_grade).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.defaultGridFactorId).toBe("grid-national-2023");
  });

  it("lists the products of the national table it leaves out, with the notice and no levels or trail", async () => {
    const res = await request(app).get("/api/benchmarks");
    const carbide = res.body.uncatalogued.find((u: { id: string }) => u.id === "calcium-carbide");
    expect(carbide).toEqual({
      id: "calcium-carbide",
      name: "电石",
      area: "电石",
      aliases: expect.arrayContaining(["电石", "碳化钙"]),
      industry: "化工",
      listedIn: {
        source: ["ndrc-2023-benchmark-levels"],
        citation: "国家发展改革委等部门《工业重点领域能效标杆水平和基准水平（2023年版）》",
      },
      levels: null,
    });
    const ids = res.body.products.map((p: { id: string }) => p.id);
    for (const u of res.body.uncatalogued) expect(ids).not.toContain(u.id);
  });
});
