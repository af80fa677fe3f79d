import pg from "pg";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PostgresChanges } from "../../server/shared/changeFeed.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";

let server: TestPostgres;
let url: string;
let pool: pg.Pool;
const feeds: PostgresChanges[] = [];

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase("changes");
  pool = new pg.Pool({ connectionString: url });
}, 60_000);

afterEach(async () => {
  for (const feed of feeds.splice(0)) await feed.close();
});

afterAll(async () => {
  await pool?.end();
  server?.stop();
});

/** An instance's feed, following "curated" with a re-read that counts its calls. */
async function instance(rereadMs = 3_600_000) {
  const feed = new PostgresChanges({ databaseUrl: url, pool, rereadMs, logger: pino({ level: "silent" }) });
  feeds.push(feed);
  const rereads: number[] = [];
  const waiting: Array<() => void> = [];
  // As services.ts does: connected, then listening to the topic before anything is read.
  await feed.listening;
  await feed.follow("curated", async () => {
    rereads.push(Date.now());
    waiting.splice(0).forEach((resolve) => resolve());
  });
  return {
    feed,
    rereads,
    /** Resolves at the next re-read. */
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}

/** Ends every listener's connection from the server side, as a restart or a network cut would. */
async function terminateListeners(): Promise<number> {
  const { rows } = await pool.query<{ ended: boolean }>(
    "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = 'tandafeng-change-listener'",
  );
  return rows.length;
}

describe("PostgresChanges (LISTEN/NOTIFY between instances)", () => {
  it("makes every other instance re-read a topic one announces, and not the one that announced", async () => {
    const a = await instance();
    const b = await instance();
    const c = await instance();
    const heard = Promise.all([b.next(), c.next()]);
    await a.feed.announce("curated");
    await heard;
    expect(b.rereads).toHaveLength(1);
    expect(c.rereads).toHaveLength(1);
    // A's own notification came back to it too; B's announcement, after it on the same channel, shows
    // by its arrival that A's had been delivered and passed over.
    const second = Promise.all([a.next(), c.next()]);
    await b.feed.announce("curated");
    await second;
    expect(a.rereads).toHaveLength(1);
    expect(b.rereads).toHaveLength(1);
    expect(c.rereads).toHaveLength(2);
  });

  it("reconnects when its connection is cut, re-reads what it may have missed, and hears announcements again", async () => {
    const a = await instance();
    const b = await instance();
    const caughtUp = b.next();
    expect(await terminateListeners()).toBe(2);
    await caughtUp;
    expect(b.rereads).toHaveLength(1);
    // Listening again: a later announcement is heard.
    await until(async () => (await terminateListeners.count()) === 2);
    const heard = b.next();
    await a.feed.announce("curated");
    await heard;
    expect(b.rereads.length).toBeGreaterThanOrEqual(2);
  });

  it("re-reads every period without any announcement (the safety net)", async () => {
    const a = await instance(100);
    await a.next();
    await a.next();
    expect(a.rereads.length).toBeGreaterThanOrEqual(2);
  });

  it("does not throw when the database refuses the announcement: the change is already committed", async () => {
    const closed = new pg.Pool({ connectionString: url });
    await closed.end();
    const feed = new PostgresChanges({
      databaseUrl: url,
      pool: closed,
      rereadMs: 3_600_000,
      logger: pino({ level: "silent" }),
    });
    feeds.push(feed);
    await expect(feed.announce("curated")).resolves.toBeUndefined();
  });
});

terminateListeners.count = async () =>
  Number(
    (
      await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'tandafeng-change-listener' AND query LIKE 'LISTEN%'",
      )
    ).rows[0]!.n,
  );

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not met within 5 s");
}
