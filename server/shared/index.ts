import type { Logger } from "pino";
import type pg from "pg";
import type { AppConfig } from "../config.js";
import { limitsInMemory, limitsInPostgres, type LimitStores } from "../http/limitStore/index.js";
import { noChanges, PostgresChanges, type Changes } from "./changeFeed.js";
import { openPool } from "./pool.js";

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

export async function openSharing(
  config: Pick<AppConfig, "databaseUrl" | "cacheRereadMs">,
  logger: Logger,
  pool?: pg.Pool,
): Promise<Sharing> {
  if (!config.databaseUrl) return notShared;
  const own = pool ? null : openPool(config.databaseUrl);
  const shared = pool ?? own!;
  const limits = await limitsInPostgres(shared);
  const changes = new PostgresChanges({
    databaseUrl: config.databaseUrl,
    pool: shared,
    rereadMs: config.cacheRereadMs,
    logger,
  });
  await changes.listening;
  return {
    limits,
    changes,
    async close() {
      await changes.close();
      await own?.end();
    },
  };
}
