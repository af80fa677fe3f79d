import type pg from "pg";
import type { Storage } from "../types.js";
import { pgAuditStore } from "./audit.js";
import { pgEnquiryStore } from "./enquiries.js";
import { pgHandoffStore } from "./handoffs.js";
import { pgMaintenance, type MaintenanceOptions } from "./maintenance.js";
import { migratePostgres, type MigrationReport } from "./migrations.js";
import { createPgPool, PgDb, type PoolOptions } from "./pool.js";
import { pgReviewedAnswerStore } from "./reviewedAnswers.js";
import { pgStaffStore } from "./staff.js";

/** The storage on PostgreSQL, with the pool it runs on (for others that need the same database). */
export type PostgresStorage = Storage & {
  readonly pool: pg.Pool;
  /** What the start's migration did. */
  readonly migration: MigrationReport;
  writeProbe(): Promise<void>;
};

/** Every store on one pool. The pool is the storage's: close() ends it. */
export function postgresStorage(
  pool: pg.Pool,
  migration: MigrationReport,
  options: MaintenanceOptions,
): PostgresStorage {
  const db = new PgDb(pool);
  return {
    pool,
    migration,
    ...pgEnquiryStore(db),
    ...pgHandoffStore(db),
    ...pgReviewedAnswerStore(db),
    ...pgStaffStore(db),
    ...pgAuditStore(db),
    ...pgMaintenance(db, options),
  };
}

/**
 * Connects to DATABASE_URL, migrates (under an advisory lock: instances started together migrate once)
 * and returns the storage. A schema newer than this release stops it (SchemaTooNewError); a server it
 * cannot reach is a StorageFault, and the start fails with it.
 */
export async function openPostgresStorage(
  url: string,
  options: MaintenanceOptions & PoolOptions,
): Promise<PostgresStorage> {
  const pool = createPgPool(url, options);
  try {
    const migration = await migratePostgres(pool);
    return postgresStorage(pool, migration, options);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

/**
 * The pool of the service's storage when it is on PostgreSQL, for whatever else needs the same database
 * (shared rate limits, LISTEN/NOTIFY); null on SQLite. Works through the guard, which passes it on.
 */
export function poolOf(storage: Storage): pg.Pool | null {
  return (storage as Partial<PostgresStorage>).pool ?? null;
}
