import express from "express";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInLimiter } from "../../../server/admin/signInLimiter.js";
import { errorHandler } from "../../../server/http/errors.js";
import { limitsInPostgres, type LimitStores } from "../../../server/http/limitStore/index.js";
import { postgresStore } from "../../../server/http/limitStore/counters.js";
import { CounterStore } from "../../../server/http/limitStore/expressStore.js";
import { freePort } from "../../support/instances.js";
import { apiRateLimits, handoffLookupLimits } from "../../../server/http/rateLimits.js";
import pino from "pino";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";

/** Two instances: each with a pool of its own on the one database, as two processes would have. */
let server: TestPostgres;
let url: string;
const pools: pg.Pool[] = [];
let instances: LimitStores[];

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase("limits");
  instances = [];
  for (let i = 0; i < 2; i++) {
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    pools.push(pool);
    instances.push(await limitsInPostgres(pool));
  }
}, 60_000);

afterAll(async () => {
  for (const pool of pools) await pool.end();
  server?.stop();
});

/** The chat route's limits in front of a handler that answers 200, behind "trust proxy" so each test picks its address. */
function chatApp(stores: LimitStores, perIpPerMinute: number, perConversationPerMinute = 1000) {
  const app = express();
  app.set("trust proxy", true);
  app.use(express.json());
  const limits = apiRateLimits({ perIpPerMinute, perConversationPerMinute }, stores.expressStore!);
  app.post("/api/chat", limits.perIp, limits.perConversation, (_req, res) => res.json({ ok: true }));
  app.post("/api/handoff/lookup", ...handoffLookupLimits(3, stores.expressStore!), (req, res) =>
    res.status((req.body as { proof?: string }).proof === "right" ? 200 : 404).json({}),
  );
  app.use(errorHandler(pino({ level: "silent" })));
  return app;
}

describe("limits kept in PostgreSQL", () => {
  it("holds an address to the per-IP limit summed over two instances, not per instance", async () => {
    const apps = instances.map((stores) => chatApp(stores, 5));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await request(apps[i % 2]!)
        .post("/api/chat")
        .set("X-Forwarded-For", "203.0.113.7")
        .send({ message: "你好" });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // Another address has its own count.
    const other = await request(apps[1]!).post("/api/chat").set("X-Forwarded-For", "203.0.113.8").send({});
    expect(other.status).toBe(200);
  });

  it("counts a parallel burst on both instances exactly (one atomic upsert per request)", async () => {
    const apps = instances.map((stores) => chatApp(stores, 7));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(apps[i % 2]!)
          .post("/api/chat")
          .set("X-Forwarded-For", "203.0.113.20")
          .send({}),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe("rate_limited:ip");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("limits a conversation across instances, whatever the length of the id a client sends", async () => {
    const apps = instances.map((stores) => chatApp(stores, 1000, 2));
    const longId = "会".repeat(5000);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await request(apps[i % 2]!)
            .post("/api/chat")
            .set("X-Forwarded-For", `198.51.100.${i}`)
            .send({ conversationId: longId })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("gives back a look-up that succeeded on either instance; wrong proofs for a reference add up", async () => {
    const apps = instances.map((stores) => chatApp(stores, 1000));
    const lookup = (i: number, proof: string) =>
      request(apps[i % 2]!)
        .post("/api/handoff/lookup")
        .set("X-Forwarded-For", `192.0.2.${i}`)
        .send({ reference: "RG-SHARED-1", proof });
    // Per address: three a minute; these come from different addresses, so only the reference counts.
    expect((await lookup(0, "right")).status).toBe(200);
    expect((await lookup(1, "right")).status).toBe(200);
    const wrong = [];
    for (let i = 2; i < 14; i++) wrong.push((await lookup(i, "wrong")).status);
    expect(wrong.filter((s) => s === 404)).toHaveLength(10);
    expect(wrong.slice(10)).toEqual([429, 429]);
  });

  it("starts a new window when the stored one has expired", async () => {
    const counter = instances[0]!.counters({ keyPrefix: "expiry_check", points: 2, duration: 1 });
    const other = instances[1]!.counters({ keyPrefix: "expiry_check", points: 2, duration: 1 });
    expect((await counter.penalty("k", 1)).consumedPoints).toBe(1);
    expect((await other.penalty("k", 1)).consumedPoints).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await other.penalty("k", 1)).consumedPoints).toBe(1);
  });
});

describe("when the database cannot be reached", () => {
  it("still limits, counting in this process (the insurance limiter), instead of failing every request", async () => {
    const nowhere = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`,
      connectionTimeoutMillis: 500,
    });
    try {
      const app = chatApp(
        {
          counters: postgresStore(nowhere),
          exclusive: (work) => work(),
          expressStore: (prefix) => new CounterStore(prefix, postgresStore(nowhere)),
        },
        2,
      );
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await request(app).post("/api/chat").set("X-Forwarded-For", "203.0.113.99").send({})).status,
        );
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await nowhere.end();
    }
  });
});

describe("the staff sign-in limiter on two instances", () => {
  const SMALL = { perAddressAndUsername: 3, perAddress: 8, windowMs: 60_000, strangerFreeFailures: 2 };
  const limiters = () =>
    instances.map((stores) => new SignInLimiter(SMALL, stores.counters, stores.exclusive));

  it("lets through no more attempts from a parallel burst on both than the limit allows", async () => {
    const [a, b] = limiters();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a! : b!).attempt("10.9.0.1", "zhangsan")),
    );
    expect(results.filter((r) => r === null)).toHaveLength(3);
    expect(results.find((r) => r !== null)).toMatchObject({ scope: "address_username" });
  });

  it("remembers on one instance the usual address a sign-in on the other made familiar", async () => {
    const [a, b] = limiters();
    expect(await a!.attempt("10.9.0.2", "lisi")).toBeNull();
    await a!.succeed("10.9.0.2", "lisi");
    // Strangers elsewhere make lisi wait…
    for (let i = 0; i < 3; i++) await b!.attempt(`10.9.1.${i}`, "lisi");
    expect(await b!.attempt("10.9.1.9", "lisi")).toMatchObject({ scope: "username" });
    // …but not at the address a sign-in on the other instance made usual.
    expect(await b!.attempt("10.9.0.2", "lisi")).toBeNull();
  });
});
