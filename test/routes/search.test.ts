import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { errorHandler, notFoundHandler } from "../../server/http/errors.js";
import { requestId } from "../../server/http/requestId.js";
import { messages } from "../../server/messages.js";
import { createServices } from "../../server/services.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const CHINESE = /[\u4e00-\u9fff]/;
let dataDir: string;
let app: express.Express;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "routes-search-test-"));
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir }, root);
  app = createApp(await createServices(config, pino({ level: "silent" })));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Array<{ field: string; message: string }>;
    requestId: string;
  };
}

describe("GET /api/search", () => {
  it("returns the passages that answer an everyday question", async () => {
    const res = await request(app).get("/api/search").query({ q: "空压机很老了要换吗", k: 3 });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body.results).toHaveLength(3);
    const [first] = res.body.results;
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(["id", "breadcrumb", "text", "score", "responsibleUnits"]),
    );
    expect(first.id).toMatch(/^hn2023:[\w.]+#\d+$/);
    expect(typeof first.score).toBe("number");
    expect(res.body.results.map((r: { id: string }) => r.id.split("#")[0])).toEqual(
      expect.arrayContaining(["hn2023:2.2.3"]),
    );
  });

  it("gives each result a readable breadcrumb and its responsible units", async () => {
    const res = await request(app).get("/api/search").query({ q: "哪个部门管工业固废", k: 3 });
    const clause = res.body.results.find((r: { id: string }) => r.id.startsWith("hn2023:2.4.3#"));
    expect(clause.breadcrumb).toBe("二、重点任务 › （四）资源循环利用减碳行动 › 3. 强化工业固废综合利用");
    expect(clause.responsibleUnits.lead.length).toBeGreaterThan(0);
    expect(clause.text).toContain("（责任单位：");
  });

  it("returns 5 results when k is not given, and at most k otherwise", async () => {
    expect((await request(app).get("/api/search").query({ q: "节能" })).body.results).toHaveLength(5);
    expect((await request(app).get("/api/search").query({ q: "节能", k: 1 })).body.results).toHaveLength(1);
    expect((await request(app).get("/api/search").query({ q: "节能", k: 20 })).body.results).toHaveLength(20);
  });

  describe("when the input is wrong", () => {
    it.each([
      ["q is missing", {}, "q"],
      ["q is empty", { q: "" }, "q"],
      ["q is only spaces", { q: "   " }, "q"],
      ["q is over 500 characters", { q: "节".repeat(501) }, "q"],
      ["k is 0", { q: "节能", k: "0" }, "k"],
      ["k is 21", { q: "节能", k: "21" }, "k"],
      ["k is not a number", { q: "节能", k: "abc" }, "k"],
      ["k is not whole", { q: "节能", k: "2.5" }, "k"],
    ])("answers 400 naming the field when %s", async (_case, query, field) => {
      const res = await request(app).get("/api/search").query(query);
      expect(res.status).toBe(400);
      const { error } = res.body as ErrorBody;
      expect(error.code).toBe("bad_request:search");
      expect(error.message).toMatch(CHINESE);
      expect(error.message).toContain(`“${field}”`);
      expect(error.fields?.map((f) => f.field)).toEqual([field]);
      expect(error.fields?.[0]?.message).toMatch(CHINESE);
    });

    it.each([
      [{}, "参数“q”不能为空。"],
      [{ q: "   " }, "参数“q”不能为空。"],
      [{ q: "节".repeat(501) }, "参数“q”不能超过 500 个字符。"],
      [{ q: "节能", k: "2.5" }, "参数“k”应为整数。"],
      [{ q: "节能", k: "abc" }, "参数“k”应为数字。"],
      [{ q: "节能", k: "0" }, "参数“k”不能小于 1。"],
      [{ q: "节能", k: "21" }, "参数“k”不能大于 20。"],
    ])("says exactly what is wrong: %j → %s", async (query, message) => {
      const res = await request(app).get("/api/search").query(query);
      expect((res.body as ErrorBody).error.message).toBe(message);
    });

    it("accepts exactly 500 characters", async () => {
      expect(
        (
          await request(app)
            .get("/api/search")
            .query({ q: "节".repeat(500), k: 1 })
        ).status,
      ).toBe(200);
    });

    it("names both fields when both are wrong", async () => {
      const res = await request(app).get("/api/search").query({ k: "99" });
      expect((res.body as ErrorBody).error.fields?.map((f) => f.field).sort()).toEqual(["k", "q"]);
    });
  });
});

describe("GET /api/documents", () => {
  it("lists the plan with its metadata", async () => {
    const res = await request(app).get("/api/documents");
    expect(res.status).toBe(200);
    expect(res.body.documents).toHaveLength(1);
    expect(res.body.documents[0]).toMatchObject({
      id: "hn2023",
      title: "淮南市工业领域碳达峰实施方案",
      number: "淮经信节能〔2023〕19号",
      issuers: ["淮南市经济和信息化局", "淮南市发展和改革委员会", "淮南市生态环境局"],
      date: "2023-05-31",
    });
    expect(res.body.documents[0].units).toBeGreaterThan(90);
    expect(res.body.documents[0].passages).toBeGreaterThan(100);
  });
});

describe("GET /api/units/:id", () => {
  it("returns a unit with its passages", async () => {
    const res = await request(app).get("/api/units/hn2023:2.2.3");
    expect(res.status).toBe(200);
    expect(res.body.unit).toMatchObject({
      id: "hn2023:2.2.3",
      title: "开展节能降碳升级改造",
      parentId: "hn2023:2.2",
    });
    expect(res.body.unit.responsibility[0].units.lead).toEqual(["市经济和信息化局"]);
    expect(res.body.passages.map((p: { id: string }) => p.id)).toEqual(["hn2023:2.2.3#1", "hn2023:2.2.3#2"]);
  });

  describe("when the unit does not exist", () => {
    it("answers a JSON 404 that names the id", async () => {
      const res = await request(app).get("/api/units/hn2023:9.9.9");
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect((res.body as ErrorBody).error).toMatchObject({
        code: "not_found:units",
        message: messages.knowledge.unitNotFound("hn2023:9.9.9"),
      });
    });
  });
});

describe("GET /healthz and /readyz", () => {
  it("says the process is up", async () => {
    const res = await request(app).get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("says it is ready, with what it has loaded", async () => {
    const res = await request(app).get("/readyz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ready",
      documents: 1,
      checks: { index: true, database: true, llm: "offline" },
    });
    expect(res.body.passages).toBeGreaterThan(100);
  });
});

describe("when the route does not exist", () => {
  it("answers a JSON 404 in Chinese with the request id", async () => {
    const res = await request(app).get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const { error } = res.body as ErrorBody;
    expect(error).toMatchObject({ code: "not_found:route", message: messages.http.notFound });
    expect(error.requestId).toBe(res.headers["x-request-id"]);
  });
});

describe("when a POST body is not JSON", () => {
  it("answers 400 in Chinese", async () => {
    const res = await request(app)
      .post("/api/search")
      .set("Content-Type", "application/json")
      .send('{"q": "空压机",');
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toMatchObject({
      code: "bad_request:body",
      message: messages.http.invalidJson,
    });
  });
});

describe("when a route fails inside", () => {
  // An app built like createApp's, with routes that fail the ways real handlers can.
  const logged: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  const router = Router();
  router.get("/sync", () => {
    throw new Error("数据库连接失败 at /srv/secret/db.sqlite");
  });
  router.get("/async", async () => {
    await Promise.resolve();
    throw new TypeError("Cannot read properties of undefined (reading 'secretToken')");
  });
  router.post("/echo", (req, res) => {
    res.json({ received: req.body });
  });
  const failing = express();
  failing.use(requestId());
  failing.use(express.json({ limit: "64kb" }));
  failing.use("/api", router);
  failing.use(notFoundHandler);
  failing.use(errorHandler(logger));

  it.each(["/api/sync", "/api/async"])(
    "answers %s with a 500 in Chinese that hides the internals",
    async (url) => {
      const res = await request(failing).get(url);
      expect(res.status).toBe(500);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const { error } = res.body as ErrorBody;
      expect(error).toEqual({
        code: "internal:server",
        message: messages.http.internal,
        requestId: res.headers["x-request-id"],
      });
      expect(res.text).not.toMatch(/secret|stack|Error|at \//);
    },
  );

  it("logs the internal error with the request id", async () => {
    const res = await request(failing).get("/api/sync");
    const entry = logged.find((line) => line.requestId === res.headers["x-request-id"]);
    expect(entry).toMatchObject({ level: 50, code: "internal:server" });
    expect(JSON.stringify(entry)).toContain("数据库连接失败");
  });

  it("parses a JSON body on a POST route, and answers 400 in Chinese when it is not JSON", async () => {
    const ok = await request(failing).post("/api/echo").send({ message: "空压机要换吗" });
    expect(ok.body).toEqual({ received: { message: "空压机要换吗" } });
    const bad = await request(failing)
      .post("/api/echo")
      .set("Content-Type", "application/json")
      .send("不是JSON");
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).error.message).toBe(messages.http.invalidJson);
  });

  it("answers 413 in Chinese when the body is too large", async () => {
    const res = await request(failing)
      .post("/api/echo")
      .send({ message: "节".repeat(30_000) });
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).error.message).toBe(messages.http.payloadTooLarge);
  });
});
