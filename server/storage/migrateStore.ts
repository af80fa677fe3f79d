import fs from "node:fs";
import Database from "better-sqlite3";
import type { AppConfig } from "../config.js";
import { migratePostgres } from "./postgres/migrations.js";
import { createPgPool } from "./postgres/pool.js";
import { openDatabase } from "./sqliteStorage.js";

export interface MigrateResult {
  store: "sqlite" | "postgres";
  /** The file, or PostgreSQL's host and database (never the password). */
  database: string;
  from: number;
  to: number;
}

/**
 * Brings the selected database's schema up to date and closes it (npm run migrate): the same
 * migrations the service runs at start, for a deployment that migrates before it starts instances.
 * A newer schema than this release knows throws SchemaTooNewError, as at start.
 */
export async function migrateStore(
  config: Pick<AppConfig, "databaseFile" | "databaseUrl">,
): Promise<MigrateResult> {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const pool = createPgPool(config.databaseUrl, { max: 1 });
    try {
      const { from, to } = await migratePostgres(pool);
      return { store: "postgres", database: `postgres://${url.host}${url.pathname}`, from, to };
    } finally {
      await pool.end();
    }
  }
  const file = config.databaseFile;
  const from = fs.existsSync(file) ? versionOf(file) : 0;
  const db = openDatabase(file, { busyTimeoutMs: 5000 });
  try {
    return {
      store: "sqlite",
      database: file,
      from,
      to: db.pragma("user_version", { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
}
