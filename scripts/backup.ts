import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../server/config.js";
import { BackupError, backupDatabase } from "../server/storage/backup.js";
import { backupPostgres } from "../server/storage/postgres/backup.js";

/**
 * npm run backup -- <file>: an online backup of the database the configuration names (DATA_DIR or
 * DATABASE_FILE; with DATABASE_URL, PostgreSQL's, by pg_dump), made while the service runs and
 * answers. Prints one JSON line with what was copied.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  if (!target) {
    console.error(
      "Usage: npm run backup -- <file>   (an online copy of the database; the file must not exist)",
    );
    process.exit(2);
  }
  try {
    const config = loadConfig();
    const result = config.databaseUrl
      ? await backupPostgres(config.databaseUrl, path.resolve(target))
      : await backupDatabase(config.databaseFile, path.resolve(target));
    console.log(JSON.stringify(result));
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
