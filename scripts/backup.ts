import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../server/config.js";
import { BackupError, backupDatabase } from "../server/storage/backup.js";

/**
 * npm run backup -- <file>: an online backup of the database the configuration names (DATA_DIR or
 * DATABASE_FILE), made while the service runs and answers. Prints one JSON line with what was copied.
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
    const result = await backupDatabase(loadConfig().databaseFile, path.resolve(target));
    console.log(JSON.stringify(result));
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
