import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../server/storage/migrations.js";
import { migrateStore } from "../../server/storage/migrateStore.js";
import { PG_MIGRATIONS } from "../../server/storage/postgres/migrations.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";

let server: TestPostgres;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-test-"));
}, 60_000);
afterAll(() => {
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrateStore (npm run migrate)", () => {
  it("migrates the SQLite file when no DATABASE_URL is set, then finds nothing to do", async () => {
    const databaseFile = path.join(dir, "assistant.sqlite");
    const config = { databaseFile, databaseUrl: null };
    expect(await migrateStore(config)).toEqual({
      store: "sqlite",
      database: databaseFile,
      from: 0,
      to: MIGRATIONS.length,
    });
    expect(await migrateStore(config)).toMatchObject({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it("migrates PostgreSQL when DATABASE_URL is set, naming it without the password", async () => {
    const url = await server.createDatabase("migrate_cli");
    const withPassword = url.replace("postgres@", "postgres:unused@");
    const result = await migrateStore({
      databaseFile: path.join(dir, "unused.sqlite"),
      databaseUrl: withPassword,
    });
    expect(result).toEqual({
      store: "postgres",
      database: `postgres://127.0.0.1:${server.port}/migrate_cli`,
      from: 0,
      to: PG_MIGRATIONS.length,
    });
    expect(fs.existsSync(path.join(dir, "unused.sqlite"))).toBe(false);
  });
});
