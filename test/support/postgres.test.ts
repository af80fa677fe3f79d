import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type TestPostgres } from "./postgres.js";

describe("the throw-away PostgreSQL the storage tests run on", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it("accepts connections and gives each caller a database of its own", async () => {
    const url = await server.createDatabase("support_check");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; encoding: string }>(
      "SELECT current_database() AS db, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()",
    );
    await client.end();
    expect(rows[0]).toEqual({ db: "support_check", encoding: "UTF8" });
  });
});
