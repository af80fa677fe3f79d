import { pathToFileURL } from "node:url";
import { loadConfig } from "../server/config.js";
import { StorageFault } from "../server/storage/faults.js";
import { migrateStore } from "../server/storage/migrateStore.js";
import { SchemaTooNewError } from "../server/storage/schema.js";

/**
 * npm run migrate: runs the schema's migrations on the database the configuration selects
 * (DATABASE_URL's PostgreSQL, or the SQLite file) and exits. Prints one JSON line: which database, the
 * version before and after. Safe while instances run: PostgreSQL's are taken under the same advisory
 * lock the service's start uses, so a migration runs once.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const result = await migrateStore(loadConfig());
    console.log(JSON.stringify({ ...result, migrated: result.to - result.from }));
  } catch (error) {
    if (!(error instanceof SchemaTooNewError || error instanceof StorageFault)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
