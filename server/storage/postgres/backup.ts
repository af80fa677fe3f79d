import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { BackupError } from "../backup.js";

const run = promisify(execFile);

export interface PgBackupResult {
  file: string;
  bytes: number;
  /** Entries in the archive's table of contents (tables, indexes, data, …), as pg_restore --list counts them. */
  entries: number;
  ms: number;
}

/**
 * The URL split for pg_dump and pg_restore: the password goes in PGPASSWORD, not on the command line,
 * where any user of the host could read it in the process list.
 */
export function pgClientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return {
    dbname: parsed.toString(),
    // The child inherits the environment (PATH, PGSSLMODE, …); no setting is read from it here.
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/**
 * An online backup of the PostgreSQL database (npm run backup with DATABASE_URL set): `pg_dump` in its
 * custom format, a consistent snapshot taken while instances go on writing. It is written beside the
 * target, read back with `pg_restore --list` (a torn or empty archive fails there) and only then renamed
 * into place. pg_dump must be of the server's major version or newer (apt-get install postgresql-client).
 * Restore into an empty database: `pg_restore --no-owner --dbname=<url> <file>` (docs/storage.md).
 */
export async function backupPostgres(url: string, target: string): Promise<PgBackupResult> {
  if (fs.existsSync(target)) throw new BackupError(`${target} exists already: choose a new file name.`);
  if (!fs.existsSync(path.dirname(target)))
    throw new BackupError(`The folder ${path.dirname(target)} does not exist.`);
  const started = performance.now();
  const partial = `${target}.partial-${process.pid}`;
  const { dbname, env } = pgClientArgs(url);
  try {
    await run("pg_dump", ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${dbname}`], {
      env,
    }).catch((error: { stderr?: string; code?: string }) => {
      if (error.code === "ENOENT")
        throw new BackupError("pg_dump not found: apt-get install postgresql-client");
      throw new BackupError(`pg_dump failed: ${String(error.stderr ?? error).trim()}`);
    });
    const { stdout } = await run("pg_restore", ["--list", partial]).catch((error: { stderr?: string }) => {
      throw new BackupError(`The copy failed its check: ${String(error.stderr ?? error).trim()}`);
    });
    const entries = stdout.split("\n").filter((line) => /^\d+;/.test(line)).length;
    if (!/TABLE DATA public messages/.test(stdout))
      throw new BackupError("The copy holds no messages table: is DATABASE_URL the assistant's database?");
    fs.renameSync(partial, target);
    return {
      file: target,
      bytes: fs.statSync(target).size,
      entries,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
