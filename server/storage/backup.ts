import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface BackupResult {
  file: string;
  pages: number;
  bytes: number;
  schemaVersion: number;
  messages: number;
  ms: number;
}

/** A fixable problem with the request (no database, target exists): said as it is, without a stack trace. */
export class BackupError extends Error {
  override name = "BackupError";
}

/**
 * An online copy of the database while the service runs: SQLite's backup API from a connection of
 * its own, which in WAL mode only reads, so the service's writes (and answers) go on meanwhile. It
 * copies in one step: a copy in small steps starts over whenever the service writes between them,
 * and on a busy service might never end. The copy is written beside the target, checked (quick_check,
 * schema version, count of enquiries), turned into a single self-contained file (journal mode DELETE)
 * and only then renamed to the target, so a target that exists is always a whole, checked backup.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (source === ":memory:" || !fs.existsSync(source))
    throw new BackupError(`No database at ${source}: check DATA_DIR or DATABASE_FILE.`);
  if (fs.existsSync(target)) throw new BackupError(`${target} exists already: choose a new file name.`);
  if (!fs.existsSync(path.dirname(target)))
    throw new BackupError(`The folder ${path.dirname(target)} does not exist.`);
  const started = performance.now();
  const partial = `${target}.partial-${process.pid}`;
  // No migrations here: the copy is of the database as the running service has it.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const progress = await db.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial);
    let check: BackupResult & { integrity: unknown };
    try {
      copy.pragma("journal_mode = DELETE");
      check = {
        file: target,
        pages: progress.totalPages,
        bytes: 0,
        schemaVersion: copy.pragma("user_version", { simple: true }) as number,
        messages: (copy.prepare("SELECT COUNT(*) AS n FROM messages").get() as { n: number }).n,
        integrity: copy.pragma("quick_check", { simple: true }),
        ms: 0,
      };
    } finally {
      copy.close();
    }
    if (check.integrity !== "ok")
      throw new BackupError(`The copy failed its check: ${String(check.integrity)}`);
    fs.renameSync(partial, target);
    const { integrity: _ok, ...result } = check;
    return { ...result, bytes: fs.statSync(target).size, ms: Math.round(performance.now() - started) };
  } finally {
    db.close();
    fs.rmSync(partial, { force: true });
  }
}
