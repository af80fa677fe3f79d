import pg from "pg";

/**
 * A pool on the shared database, for what instances share besides storage (limits, change
 * notifications). Waits are bounded: with the database unreachable a request's limit check gives up
 * after a few seconds (and the limit falls back to this process) instead of hanging.
 */
export function openPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: "tandafeng-shared",
  });
  // An idle client that loses its connection emits here; unhandled, it would end the process.
  pool.on("error", () => {});
  return pool;
}
