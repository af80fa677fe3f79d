import type { Logger } from "pino";
import type pg from "pg";
import type { AppConfig } from "../config.js";
import { limitsInMemory, limitsInPostgres, type LimitStores } from "../http/limitStore/index.js";
import { noChanges, PostgresChanges, type Changes } from "./changeFeed.js";

/**
 * What instances behind one load balancer must share beyond storage: the counts of every limit, and
 * word of changes to what each caches (reviewed answers). One instance (no DATABASE_URL) keeps both
 * to itself, as before.
 */
export interface Sharing {
  limits: LimitStores;
  changes: Changes;
  close(): Promise<void>;
}

export const notShared: Sharing = { limits: limitsInMemory, changes: noChanges, close: async () => {} };

/**
 * Shared when the storage is PostgreSQL: on its pool (poolOf(storage)), so the instance holds one pool
 * of connections, plus the listener's own. The pool stays the storage's: close() leaves it open.
 */
export async function openSharing(
  config: Pick<AppConfig, "databaseUrl" | "cacheRereadMs">,
  logger: Logger,
  pool: pg.Pool | null,
): Promise<Sharing> {
  if (!config.databaseUrl || !pool) return notShared;
  const limits = await limitsInPostgres(pool);
  const changes = new PostgresChanges({
    databaseUrl: config.databaseUrl,
    pool,
    rereadMs: config.cacheRereadMs,
    logger,
  });
  await changes.listening;
  return { limits, changes, close: () => changes.close() };
}
