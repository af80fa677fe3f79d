import type { AppConfig } from "../config.js";
import { longestAnswerMs } from "./postgres/maintenance.js";
import { openPostgresStorage } from "./postgres/postgresStorage.js";
import { SqliteStorage } from "./sqliteStorage.js";
import type { Storage } from "./types.js";

/**
 * The database the configuration selects, for a command-line tool (npm run staff, npm run migrate):
 * PostgreSQL when DATABASE_URL is set, the SQLite file otherwise. Unlike the service's, it is not
 * guarded, replays no spool and purges nothing; a tool may wait seconds for SQLite's lock.
 */
export async function openScriptStorage(
  config: Pick<AppConfig, "databaseFile" | "databaseUrl" | "llm" | "embeddings">,
): Promise<Storage> {
  if (config.databaseUrl)
    return openPostgresStorage(config.databaseUrl, { longestAnswerMs: longestAnswerMs(config), max: 2 });
  return SqliteStorage.open(config.databaseFile, { busyTimeoutMs: 5000 });
}
