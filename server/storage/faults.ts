import fs from "node:fs";

/** Why the database refuses writes, as the log and /readyz name it. */
export type FaultKind =
  | "locked"
  | "missing"
  | "replaced"
  | "read_only"
  | "full"
  | "io"
  /** PostgreSQL: the server cannot be reached, or refuses connections (shutting down, too many). */
  | "unreachable";

/** A write refused because the database cannot take it now (as opposed to a bug, e.g. a constraint). */
export class StorageFault extends Error {
  override name = "StorageFault";
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(file: string): FileIdentity | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : null;
}

/** Whether the path still names the open file, and a writable one. */
export function fileProblem(file: string, opened: FileIdentity): { kind: FaultKind; detail: string } | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return { kind: "missing", detail: `${file} no longer exists` };
  if (stat.dev !== opened.dev || stat.ino !== opened.ino)
    return { kind: "replaced", detail: `${file} is not the file the service opened` };
  // As root, SQLite would go on writing through the open descriptor; the next start could not.
  if ((stat.mode & 0o222) === 0) return { kind: "read_only", detail: `${file} was made read-only` };
  return null;
}

/** The kind of fault an error of a write shows, or null for one that is not about the database's state. */
export function faultOf(error: unknown): FaultKind | null {
  if (error instanceof StorageFault) return error.kind;
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return "locked";
  if (/^SQLITE_READONLY/.test(code)) return "read_only";
  if (code === "SQLITE_FULL") return "full";
  if (/^SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB)/.test(code)) return "io";
  return null;
}

/** What the operator should do, in the one error line a fault gets. */
const ADVICE: Record<FaultKind, string> = {
  locked:
    "the database stayed locked by another process beyond the retries; enquiries are spooled to DATA_DIR until the lock is released",
  missing:
    "the database file (or DATA_DIR) was removed while the service ran; enquiries are spooled to DATA_DIR. Restore the file and restart, or restart to begin a new database: the spool is written into whichever the restart opens",
  replaced:
    "the database file was replaced while the service ran; enquiries are spooled to DATA_DIR. Restart the service to open the file now at the path (the spool is written into it)",
  read_only:
    "the database can no longer be written (read-only file or file system); enquiries are spooled to DATA_DIR until it can",
  full: "the disk is full; enquiries are spooled (or held in memory) until space is freed",
  io: "the database reported an I/O or integrity error; enquiries are spooled to DATA_DIR. Check the disk and the file (npm run backup makes a copy)",
  unreachable:
    "PostgreSQL (DATABASE_URL) cannot be reached or refuses connections; enquiries are spooled to this instance's DATA_DIR and written in once it answers again",
};

/** The two levels the health writes at (a pino logger has them). */
export interface HealthLog {
  error(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * Whether the database takes writes, as the writes themselves found. A fault is logged once, as an
 * error, when it starts (and again only if it turns into another kind); each enquiry it touches is
 * spooled without another error line. The first write that succeeds after it ends it: one info line,
 * and the spooled writes are written in.
 */
export class StorageHealth {
  private current: { kind: FaultKind; since: Date } | null = null;

  constructor(
    private readonly logger: HealthLog,
    private readonly onRecovered: () => void = () => {},
  ) {}

  get fault(): { kind: FaultKind; since: Date } | null {
    return this.current;
  }

  failed(kind: FaultKind, error: unknown): void {
    if (this.current?.kind === kind) return;
    this.current = { kind, since: new Date() };
    this.logger.error(
      { err: error, fault: kind, advice: ADVICE[kind] },
      `database refuses writes (${kind}): ${ADVICE[kind]}`,
    );
  }

  succeeded(): void {
    if (!this.current) return;
    const { kind, since } = this.current;
    this.current = null;
    this.logger.info(
      { fault: kind, lastedMs: Date.now() - since.getTime() },
      "database takes writes again; spooled enquiries will be written in",
    );
    this.onRecovered();
  }
}
