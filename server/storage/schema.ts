import { messages } from "../messages.js";

/** The database was written by a newer release: migrating "down" is impossible, running on it unsafe. */
export class SchemaTooNewError extends Error {
  override name = "SchemaTooNewError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${messages.storage.schemaTooNew(found, known)} / The database's schema is version ${found}, newer than ` +
        `this release knows (${known}): the service will not start on it. Run the release that wrote it, or ` +
        `restore a backup made by this one.`,
    );
  }
}
