import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  openPostgresStorage,
  poolOf,
  type PostgresStorage,
} from "../../../server/storage/postgres/postgresStorage.js";
import pino from "pino";
import { StorageHealth } from "../../../server/storage/faults.js";
import { guardStorage } from "../../../server/storage/guardedStorage.js";
import { SqliteStorage } from "../../../server/storage/sqliteStorage.js";
import { usePostgresCluster } from "../../support/postgres.js";
import { CONV } from "../contract/fixtures.js";

const cluster = usePostgresCluster<PostgresStorage>();
const { opened } = cluster;

describe("the PostgreSQL storage's queries", () => {
  it("stores text with a NUL character (which PostgreSQL cannot hold) without it, rather than refusing it on every replay", async () => {
    const storage = await openPostgresStorage(await cluster.server().createDatabase("nul_characters"), {
      longestAnswerMs: 0,
    });
    opened.push(storage);
    const messageId = randomUUID();
    await storage.startEnquiry({
      messageId,
      conversationId: CONV,
      question: "钢铁\u0000行业",
      redactions: [],
      createdAt: new Date(),
    });
    expect(
      await storage.addFormToolRun({
        id: "run-nul",
        conversationId: CONV,
        createdAt: new Date(),
        name: "benchmark_gap",
        input: { product: "水泥\u0000熟料", note: "\\u0000 stays as typed" },
        output: null,
      }),
    ).toBe("stored");
    expect((await storage.conversation(CONV))[0]!.question).toBe("钢铁行业");
    expect((await storage.formToolRuns(CONV))[0]!.input).toEqual({
      product: "水泥熟料",
      note: "\\u0000 stays as typed",
    });
  });

  it("hands its pool, through the guard, to others that need the same database (poolOf); SQLite has none", async () => {
    const storage = await openPostgresStorage(await cluster.server().createDatabase("pool_of"), {
      longestAnswerMs: 0,
    });
    opened.push(storage);
    const guarded = guardStorage(storage, new StorageHealth(pino({ level: "silent" })));
    expect(poolOf(guarded)).toBe(storage.pool);
    const { rows } = await poolOf(guarded)!.query("SELECT current_database() AS db");
    expect(rows).toEqual([{ db: "pool_of" }]);
    const sqlite = SqliteStorage.open(":memory:");
    expect(poolOf(sqlite)).toBeNull();
    await sqlite.close();
  });
});
