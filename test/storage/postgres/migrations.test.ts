import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgPool } from "../../../server/storage/postgres/pool.js";
import { migratePostgres, PG_MIGRATIONS } from "../../../server/storage/postgres/migrations.js";
import { SchemaTooNewError } from "../../../server/storage/schema.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = createPgPool(url);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe("PostgreSQL migrations", () => {
  it("run once when several instances start together: one migrates, the others find it done", async () => {
    const url = await server.createDatabase("migrate_together");
    const pools = Array.from({ length: 4 }, () => createPgPool(url));
    try {
      const reports = await Promise.all(pools.map((pool) => migratePostgres(pool)));
      expect(reports.filter((r) => r.from === 0)).toHaveLength(1);
      expect(reports.every((r) => r.to === PG_MIGRATIONS.length)).toBe(true);
      const { rows } = await pools[0]!.query("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r: { version: number }) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it("are not run again on a migrated database, which keeps what it holds", async () => {
    const url = await server.createDatabase("migrate_again");
    await withPool(url, async (pool) => {
      await migratePostgres(pool);
      await pool.query("INSERT INTO conversations (id, created_at, last_at) VALUES ('c_x', now(), now())");
      expect(await migratePostgres(pool)).toEqual({ from: PG_MIGRATIONS.length, to: PG_MIGRATIONS.length });
      expect((await pool.query("SELECT id FROM conversations")).rows).toEqual([{ id: "c_x" }]);
    });
  });

  it("refuse a schema newer than this release, and leave it as it is", async () => {
    const url = await server.createDatabase("migrate_newer");
    await withPool(url, async (pool) => {
      await migratePostgres(pool);
      await pool.query("INSERT INTO schema_migrations (version) VALUES ($1)", [PG_MIGRATIONS.length + 1]);
      const refused = await migratePostgres(pool).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SchemaTooNewError);
      expect(refused).toMatchObject({ found: PG_MIGRATIONS.length + 1, known: PG_MIGRATIONS.length });
      const { rows } = await pool.query("SELECT count(*)::int AS n FROM schema_migrations");
      expect(rows[0]).toEqual({ n: PG_MIGRATIONS.length + 1 });
      // The lock was given back: another instance is refused the same way rather than left waiting.
      await expect(migratePostgres(pool)).rejects.toBeInstanceOf(SchemaTooNewError);
    });
  });
});
