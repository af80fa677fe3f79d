import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError } from "../../../server/storage/backup.js";
import { backupPostgres, pgClientArgs } from "../../../server/storage/postgres/backup.js";
import { openPostgresStorage } from "../../../server/storage/postgres/postgresStorage.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";
import { seed } from "../contract/fixtures.js";

let server: TestPostgres;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-backup-test-"));
}, 60_000);
afterAll(() => {
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backupPostgres (npm run backup with DATABASE_URL)", () => {
  it("writes a checked pg_dump archive that pg_restore puts back into an empty database, enquiries and all", async () => {
    const url = await server.createDatabase("backup_source");
    const source = await openPostgresStorage(url, { longestAnswerMs: 0 });
    try {
      for (const question of ["钢铁行业目标", "水泥熟料标杆"])
        await seed(source, { question, at: new Date(), finish: {} });
      const target = path.join(dir, "assistant.dump");
      const result = await backupPostgres(url, target);
      expect(result).toMatchObject({ file: target, bytes: fs.statSync(target).size });
      expect(result.entries).toBeGreaterThan(10);
      expect(fs.readdirSync(dir)).toEqual(["assistant.dump"]);

      // The restore docs/storage.md gives, into a new database.
      const restoredUrl = await server.createDatabase("backup_restored");
      execFileSync("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, target]);
      const restored = await openPostgresStorage(restoredUrl, { longestAnswerMs: 0 });
      try {
        expect(restored.migration.from).toBe(restored.migration.to);
        expect(
          (await restored.listEnquiries({ limit: 10, offset: 0 })).rows.map((r) => r.question).sort(),
        ).toEqual(["水泥熟料标杆", "钢铁行业目标"].sort());
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
    }
  });

  it("refuses to overwrite a file, and says what failed when the server cannot be reached", async () => {
    const existing = path.join(dir, "exists.dump");
    fs.writeFileSync(existing, "");
    await expect(backupPostgres(server.url, existing)).rejects.toBeInstanceOf(BackupError);
    const refused = backupPostgres("postgres://postgres@127.0.0.1:1/none", path.join(dir, "never.dump"));
    await expect(refused).rejects.toThrow(/pg_dump failed/);
    expect(fs.existsSync(path.join(dir, "never.dump"))).toBe(false);
  });

  it("keeps the password off the command line", () => {
    const { dbname, env } = pgClientArgs("postgres://assistant:s%40cret@db.example:5432/assistant");
    expect(dbname).toBe("postgres://assistant@db.example:5432/assistant");
    expect(env.PGPASSWORD).toBe("s@cret");
  });
});
