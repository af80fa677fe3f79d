import path from "node:path";
import express from "express";
import pino from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { errorHandler } from "../../server/http/errors.js";
import { benchmarksRouter } from "../../server/routes/benchmarks.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("GET /api/benchmarks", () => {
  const config = loadConfig({ NODE_ENV: "test" }, root);
  const app = express()
    .use("/api", benchmarksRouter({ config }))
    .use(errorHandler(pino({ level: "silent" })));

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
});
