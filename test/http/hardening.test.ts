import type express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../server/messages.js";
import { buildApp, listen, send, storageWith, type BuiltApp } from "../support/appWith.js";

const ALLOWED = "https://jxj.huainan.gov.cn";
const OTHER = "https://evil.example";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHINESE = /[\u4e00-\u9fff]/;

/** Builds one app per describe block (beforeAll) and closes it after. */
function useApp(options: Parameters<typeof buildApp>[0] = {}) {
  let built: BuiltApp | undefined;
  beforeAll(async () => {
    built = await buildApp(options);
  });
  afterAll(async () => {
    await built?.close();
  });
  return () => built!;
}

const chat = (app: express.Express, body: object = { message: "你好" }) =>
  request(app).post("/api/chat").send(body);

const expectRateLimited = (
  res: { status: number; headers: Record<string, unknown>; body: unknown },
  surface: "ip" | "conversation",
) => {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const error = (res.body as { error: { code: string; message: string; requestId: string } }).error;
  expect(error.code).toBe(`rate_limited:${surface}`);
  expect(error.message).toBe(messages.http.rateLimited);
  expect(error.message).toMatch(CHINESE);
  expect(error.requestId).toBe(res.headers["x-request-id"]);
};

describe("the JSON body limit", () => {
  const app = useApp();

  it("answers 413 in Chinese for a body over 64 KB", async () => {
    const res = await chat(app().app, { message: "节".repeat(30_000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: "payload_too_large:body",
      message: messages.http.payloadTooLarge,
      requestId: res.headers["x-request-id"],
    });
    expect(res.body.error.message).toMatch(CHINESE);
  });

  it("answers 413 on the other routes too, and for a stream request", async () => {
    const handoff = await request(app().app)
      .post("/api/handoff")
      .send({ question: "节".repeat(30_000) });
    expect(handoff.status).toBe(413);
    const streamed = await chat(app().app, { message: "节".repeat(30_000) }).set(
      "Accept",
      "text/event-stream",
    );
    expect(streamed.status).toBe(413);
    expect(streamed.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("reads a body just under the limit (and judges its content)", async () => {
    const body = { message: "a".repeat(65_000) };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(64 * 1024);
    const res = await chat(app().app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(["message"]);
  });

  it("stores nothing for a refused body", async () => {
    const before = await app().services.storage.countMessages();
    await chat(app().app, { message: "节".repeat(30_000) });
    expect(await app().services.storage.countMessages()).toBe(before);
  });
});

describe("the per-address limit, clients connecting directly (trust proxy off)", () => {
  const app = useApp({
    config: { rateLimits: { perIpPerMinute: 3, perConversationPerMinute: 100 }, trustProxy: false },
  });
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(app().app);
  });
  afterAll(async () => {
    await server.close();
  });
  // Each client is a loopback address of its own: 127.0.0.2 is not 127.0.0.1, with no header involved.
  const ask = (localAddress: string, headers: Record<string, string> = {}) =>
    send(server.port, { path: "/api/chat", body: { message: "你好" }, localAddress, headers });
  /** Spends what is left of the address's budget; returns the first refusal. */
  const exhaust = async (localAddress: string) => {
    for (let i = 0; i <= 3; i++) {
      const res = await ask(localAddress);
      if (res.status === 429) return res;
      expect(res.status).toBe(200);
    }
    throw new Error(`${localAddress} was never limited`);
  };

  it("answers 429 with Retry-After and a Chinese message past the limit", async () => {
    for (let i = 0; i < 3; i++) expect((await ask("127.0.0.11")).status).toBe(200);
    expectRateLimited(await ask("127.0.0.11"), "ip");
  });

  it("is not bypassed by a forged X-Forwarded-For (or Forwarded, X-Real-IP)", async () => {
    await exhaust("127.0.0.12");
    for (const forged of ["203.0.113.9", "127.0.0.13", "203.0.113.9, 198.51.100.1"]) {
      expectRateLimited(await ask("127.0.0.12", { "X-Forwarded-For": forged }), "ip");
    }
    expectRateLimited(
      await ask("127.0.0.12", { Forwarded: "for=203.0.113.9", "X-Real-IP": "203.0.113.9" }),
      "ip",
    );
  });

  it("leaves another client address unaffected", async () => {
    await exhaust("127.0.0.14");
    const res = await ask("127.0.0.15");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "answered_help" });
  });

  it("stores only the enquiries it answered", async () => {
    const before = await app().services.storage.countMessages();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask("127.0.0.16")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await app().services.storage.countMessages()).toBe(before + 3);
  });

  it("does not take the budget of handoffs or reading", async () => {
    await exhaust("127.0.0.17");
    const handoff = await send(server.port, {
      path: "/api/handoff",
      body: { question: "请回电", phone: "13912345678" },
      localAddress: "127.0.0.17",
    });
    expect(handoff.status).toBe(201);
    const search = await send(server.port, {
      path: `/api/search?q=${encodeURIComponent("钢铁")}`,
      localAddress: "127.0.0.17",
    });
    expect(search.status).toBe(200);
  });
});

describe("the per-address limit behind a trusted proxy (trust proxy “loopback”)", () => {
  const app = useApp({
    config: { rateLimits: { perIpPerMinute: 3, perConversationPerMinute: 100 }, trustProxy: "loopback" },
  });
  const from = (forwardedFor?: string) => {
    const req = chat(app().app);
    return forwardedFor ? req.set("X-Forwarded-For", forwardedFor) : req;
  };

  it("counts each client by the address the proxy forwards", async () => {
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.1")).status).toBe(200);
    expectRateLimited(await from("203.0.113.1"), "ip");
    expect((await from("203.0.113.2")).status).toBe(200);
    // The proxy's own requests (no header) are a client of their own.
    expect((await from()).status).toBe(200);
  });

  it("is not bypassed by an address the client put in front of the proxy's", async () => {
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.5")).status).toBe(200);
    // The proxy appends the real address; only the rightmost untrusted entry counts.
    expectRateLimited(await from("198.51.100.7, 203.0.113.5"), "ip");
    expect((await from("203.0.113.5, 203.0.113.6")).status).toBe(200);
  });
});

describe("the per-conversation limit", () => {
  const app = useApp({
    config: { rateLimits: { perIpPerMinute: 100, perConversationPerMinute: 2 }, trustProxy: "loopback" },
  });

  it("answers 429 for a conversation past its limit, while new and other conversations go on", async () => {
    const first = await chat(app().app);
    const conversationId = first.body.conversationId as string;
    // The first message had no id yet: it does not count for the conversation.
    for (let i = 0; i < 2; i++)
      expect((await chat(app().app, { message: "你好", conversationId })).status).toBe(200);
    expectRateLimited(await chat(app().app, { message: "你好", conversationId }), "conversation");

    const fresh = await chat(app().app);
    expect(fresh.status).toBe(200);
    expect(
      (await chat(app().app, { message: "你好", conversationId: fresh.body.conversationId as string }))
        .status,
    ).toBe(200);
  });

  it("follows the conversation, not the address", async () => {
    const first = await chat(app().app).set("X-Forwarded-For", "203.0.113.10");
    const conversationId = first.body.conversationId as string;
    expect(
      (await chat(app().app, { message: "你好", conversationId }).set("X-Forwarded-For", "203.0.113.10"))
        .status,
    ).toBe(200);
    expect(
      (await chat(app().app, { message: "你好", conversationId }).set("X-Forwarded-For", "203.0.113.11"))
        .status,
    ).toBe(200);
    expectRateLimited(
      await chat(app().app, { message: "你好", conversationId }).set("X-Forwarded-For", "203.0.113.12"),
      "conversation",
    );
  });

  it("is independent of the per-address limit, which applies whatever the conversation", async () => {
    const tight = await buildApp({
      config: { rateLimits: { perIpPerMinute: 2, perConversationPerMinute: 100 }, trustProxy: false },
    });
    try {
      const first = await chat(tight.app);
      expect(
        (await chat(tight.app, { message: "你好", conversationId: first.body.conversationId as string }))
          .status,
      ).toBe(200);
      expectRateLimited(
        await chat(tight.app, { message: "你好", conversationId: "c_AAAAAAAAAAAAAAAAAAAAAA" }),
        "ip",
      );
    } finally {
      await tight.close();
    }
  });
});

describe("CORS", () => {
  const app = useApp({ config: { corsOrigins: [ALLOWED, "https://www.huainan.gov.cn"] } });
  const preflight = (origin: string) =>
    request(app().app)
      .options("/api/chat")
      .set("Origin", origin)
      .set("Access-Control-Request-Method", "POST")
      .set("Access-Control-Request-Headers", "content-type");

  it("gives an allowed origin its headers, and exposes the request id and Retry-After", async () => {
    const res = await chat(app().app).set("Origin", ALLOWED);
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(res.headers["access-control-expose-headers"]).toMatch(/X-Request-Id/);
    expect(res.headers["access-control-expose-headers"]).toMatch(/Retry-After/);
    expect(res.headers.vary).toMatch(/Origin/);
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("answers an allowed origin's preflight 204 with the methods and headers", async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(res.headers["access-control-allow-methods"]).toMatch(/\bPOST\b/);
    expect(res.headers["access-control-allow-headers"]?.toLowerCase()).toContain("content-type");
    expect(Number(res.headers["access-control-max-age"])).toBeGreaterThan(0);
    expect(res.text).toBe("");
  });

  it("allows each origin of the list, and only exactly that origin", async () => {
    expect((await preflight("https://www.huainan.gov.cn")).status).toBe(204);
    for (const near of [
      "http://jxj.huainan.gov.cn",
      "https://jxj.huainan.gov.cn.evil.example",
      "https://evil-jxj.huainan.gov.cn",
      "null",
    ]) {
      expect((await preflight(near)).status).toBe(403);
    }
  });

  it("gives another origin no CORS headers, and its preflight 403 in Chinese", async () => {
    const res = await chat(app().app).set("Origin", OTHER);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers["access-control-expose-headers"]).toBeUndefined();
    const refused = await preflight(OTHER);
    expect(refused.status).toBe(403);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    expect(refused.headers["access-control-allow-methods"]).toBeUndefined();
    expect(refused.body.error).toMatchObject({
      code: "forbidden:cors",
      message: messages.http.originNotAllowed,
      requestId: refused.headers["x-request-id"],
    });
    const search = await request(app().app).get("/api/search?q=%E9%92%A2%E9%93%81").set("Origin", OTHER);
    expect(search.status).toBe(200);
    expect(search.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("leaves requests without an Origin, and same-origin ones, untouched", async () => {
    const none = await chat(app().app);
    expect(none.status).toBe(200);
    expect(none.headers["access-control-allow-origin"]).toBeUndefined();
    const same = await chat(app().app)
      .set("Host", "assistant.example")
      .set("Origin", "http://assistant.example");
    expect(same.status).toBe(200);
    expect(same.headers["access-control-allow-origin"]).toBeUndefined();
    const samePreflight = await request(app().app)
      .options("/api/chat")
      .set("Host", "assistant.example")
      .set("Origin", "http://assistant.example")
      .set("Access-Control-Request-Method", "POST");
    expect(samePreflight.status).not.toBe(403);
  });

  it("allows no origin at all when none is configured", async () => {
    const closed = await buildApp({ config: { corsOrigins: [] } });
    try {
      expect(
        (
          await request(closed.app)
            .options("/api/chat")
            .set("Origin", ALLOWED)
            .set("Access-Control-Request-Method", "POST")
        ).status,
      ).toBe(403);
      expect(
        (await chat(closed.app).set("Origin", ALLOWED)).headers["access-control-allow-origin"],
      ).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});

describe("security headers, request ids and request logs", () => {
  const app = useApp();

  it.each([
    ["GET /healthz", () => request(app().app).get("/healthz")],
    ["POST /api/chat", () => chat(app().app)],
    ["a 404", () => request(app().app).get("/api/nothing-here")],
    ["a 413", () => chat(app().app, { message: "节".repeat(30_000) })],
  ])("sets helmet's headers, cross-origin resources allowed, on %s", async (_case, call) => {
    const res = await call();
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("puts a fresh X-Request-Id on every response, and the same id in error bodies", async () => {
    const responses = await Promise.all([
      request(app().app).get("/healthz"),
      request(app().app).get("/readyz"),
      request(app().app).get("/metrics"),
      request(app().app).get("/api/search?q=%E9%92%A2%E9%93%81"),
      chat(app().app),
      request(app().app).get("/api/nothing-here"),
      chat(app().app, {}),
      request(app().app).post("/api/chat").set("Content-Type", "application/json").send("{oops"),
      chat(app().app, { message: "节".repeat(30_000) }),
    ]);
    const ids = responses.map((res) => res.headers["x-request-id"] as string);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const res of responses.filter((r) => r.status >= 400))
      expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
    expect(responses.filter((r) => r.status >= 400).map((r) => r.status)).toEqual([404, 400, 400, 413]);
  });

  it("logs method, route, status and time per request, never the query string, the question or credentials", async () => {
    const secretQuery = "我们厂的能耗台账怎么填";
    const question = "我们公司去年综合能耗两万吨标准煤，属于重点用能单位吗";
    const search = await request(app().app)
      .get(`/api/search?q=${encodeURIComponent(secretQuery)}&k=3`)
      .set("Authorization", "Bearer s3cret-bearer")
      .set("Cookie", "sid=s3cret-cookie");
    const asked = await chat(app().app, { message: question }).set("Authorization", "Bearer s3cret-bearer");
    const refused = await chat(app().app, { message: question, conversationId: "bad" });
    const lineOf = (res: { headers: Record<string, string> }) =>
      app().logs.find((l) => l.msg === "request" && l.requestId === res.headers["x-request-id"]);
    expect(lineOf(search)).toEqual(
      expect.objectContaining({
        method: "GET",
        route: "/api/search",
        path: "/api/search",
        status: 200,
        ms: expect.any(Number),
      }),
    );
    expect(lineOf(asked)).toEqual(
      expect.objectContaining({
        method: "POST",
        route: "/api/chat",
        path: "/api/chat",
        status: 200,
        ms: expect.any(Number),
      }),
    );
    expect(lineOf(refused)).toEqual(
      expect.objectContaining({ method: "POST", route: "/api/chat", path: "/api/chat", status: 400 }),
    );
    const missing = await request(app().app).get("/api/nothing-here?q=secret");
    expect(lineOf(missing)).toEqual(
      expect.objectContaining({ method: "GET", route: "unmatched", path: "/api/nothing-here", status: 404 }),
    );
    const all = app().rawLogs.join("\n");
    for (const secret of [
      secretQuery,
      encodeURIComponent(secretQuery),
      "k=3",
      question,
      "s3cret-bearer",
      "s3cret-cookie",
    ])
      expect(all).not.toContain(secret);
  });

  it("does not log probes of /healthz, /readyz and /metrics", async () => {
    const before = app().logs.length;
    await request(app().app).get("/healthz");
    await request(app().app).get("/readyz");
    await request(app().app).get("/metrics");
    expect(
      app()
        .logs.slice(before)
        .filter((l) => l.msg === "request"),
    ).toEqual([]);
  });
});

describe("/healthz and /readyz", () => {
  const app = useApp();
  const notWritable = useApp({ storage: (real) => storageWith(real, { checkWritable: async () => false }) });

  it("/healthz answers 200 while the process lives", async () => {
    expect((await request(app().app).get("/healthz")).body).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 with its checks when the index is loaded and the database takes writes", async () => {
    const res = await request(app().app).get("/readyz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "ready",
      checks: { index: true, database: true, llm: "offline" },
    });
    expect(res.body.documents).toBeGreaterThan(0);
    expect(res.body.passages).toBeGreaterThan(0);
  });

  it("/readyz answers 503 when the database is not writable, while /healthz stays 200", async () => {
    const res = await request(notWritable().app).get("/readyz");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "not_ready", checks: { index: true, database: false } });
    expect(res.headers["x-request-id"]).toMatch(UUID);
    expect((await request(notWritable().app).get("/healthz")).status).toBe(200);
  });

  it("/readyz answers 503 when the database has been closed", async () => {
    const closing = await buildApp();
    try {
      expect((await request(closing.app).get("/readyz")).status).toBe(200);
      await closing.realStorage.close();
      expect((await request(closing.app).get("/readyz")).status).toBe(503);
    } finally {
      await closing.close();
    }
  });
});

describe("/metrics", () => {
  const TOKEN = "m3trics-t0ken";
  const app = useApp({ config: { metricsToken: TOKEN } });
  const scrape = () => request(app().app).get("/metrics").set("Authorization", `Bearer ${TOKEN}`);
  const value = (text: string, series: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it.each([
    ["no Authorization header", undefined],
    ["a wrong token", "Bearer wrong"],
    ["the token without Bearer", TOKEN],
    ["the token as Basic credentials", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`],
    ["the token with one character more", `Bearer ${TOKEN}x`],
    ["the token less its last character", `Bearer ${TOKEN.slice(0, -1)}`],
    ["an empty Bearer", "Bearer "],
  ])("answers 401 in Chinese to %s", async (_case, authorization) => {
    const req = request(app().app).get("/metrics");
    const res = await (authorization ? req.set("Authorization", authorization) : req);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: "unauthorized:metrics",
      message: messages.http.metricsUnauthorized,
    });
    expect(res.text).not.toContain("tdf_");
  });

  it("exposes requests, latency histograms and answer statuses by mode, with bounded route labels", async () => {
    await chat(app().app, { message: "钢铁行业2025年的目标是什么" });
    await chat(app().app, { message: "钢铁行业2025年的目标是什么" }).set("Accept", "text/event-stream");
    await chat(app().app, { message: "给我讲个笑话吧" });
    await request(app().app).get("/no/such/page/钢铁");
    await chat(app().app, {});
    await request(app().app).get("/api/units/no-such-unit");
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const text = res.text;
    expect(value(text, 'tdf_http_requests_total{route="/api/chat",method="POST",status="200"}')).toBe(3);
    expect(value(text, 'tdf_http_requests_total{route="unmatched",method="GET",status="404"}')).toBe(1);
    // A route's own refusals are labelled with the route, like its answers.
    expect(value(text, 'tdf_http_requests_total{route="/api/chat",method="POST",status="400"}')).toBe(1);
    expect(value(text, 'tdf_http_requests_total{route="/api/units/:id",method="GET",status="404"}')).toBe(1);
    expect(value(text, 'tdf_http_request_duration_seconds_count{route="/api/chat"}')).toBe(4);
    expect(value(text, 'tdf_http_request_duration_seconds_bucket{le="+Inf",route="/api/chat"}')).toBe(4);
    expect(text).toMatch(
      /^tdf_http_request_duration_seconds_bucket\{le="0\.005",route="\/api\/chat"\} \d+$/m,
    );
    expect(value(text, 'tdf_answers_total{status="answered",mode="offline"}')).toBe(2);
    expect(value(text, 'tdf_answers_total{status="guardrails_off_topic",mode="offline"}')).toBe(1);
    expect(text).toContain("# TYPE tdf_llm_fallbacks_total counter");
    expect(text).toContain("# TYPE tdf_enquiries_not_stored_total counter");
    expect(text).toMatch(/^tdf_process_resident_memory_bytes \d+/m);
    expect(text).not.toContain("钢铁");
    expect(text).not.toContain("/no/such");
  });

  it("needs the token from this machine too, once it is set", async () => {
    expect((await request(app().app).get("/metrics")).status).toBe(401);
    expect((await scrape()).status).toBe(200);
  });

  describe("without a token", () => {
    const untokened = useApp({ config: { env: "production", metricsToken: null } });

    it("answers a client on this machine connecting directly (a Prometheus on the host), even in production", async () => {
      const res = await request(untokened().app).get("/metrics");
      expect(res.status).toBe(200);
      expect(res.text).toContain("tdf_http_requests_total");
    });

    it.each([
      ["through a reverse proxy (X-Forwarded-For)", { "X-Forwarded-For": "203.0.113.9" }],
      ["through a reverse proxy (Forwarded)", { Forwarded: "for=203.0.113.9;proto=https" }],
      ["by the service's public name", { Host: "jxj.huainan.gov.cn" }],
    ])("refuses a request %s with 403 in Chinese, saying to set METRICS_TOKEN", async (_case, headers) => {
      const res = await request(untokened().app).get("/metrics").set(headers);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: "forbidden:metrics",
        message: messages.http.metricsLocalOnly,
      });
      expect(res.body.error.message).toContain("METRICS_TOKEN");
      expect(res.text).not.toContain("tdf_");
    });
  });
});
