import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import type pg from "pg";

/** One counter of rate-limiter-flexible's; durations in seconds as the library takes them. */
export interface CounterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

/** Makes the counters a limit keeps: in this process, or in the database every instance shares. */
export type LimiterStore = (options: CounterOptions) => RateLimiterAbstract;

/**
 * Runs one check-and-count with no other's in between. In one process an in-order queue is enough;
 * several instances need a lock they all see (postgresExclusive).
 */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

export const memoryStore: LimiterStore = (options) => new RateLimiterMemory(options);
export const inThisProcess: Exclusive = (work) => work();

/** rate-limiter-flexible's table layout (key, points, expire in epoch ms), one table for every limit. */
export const LIMITS_TABLE = "rate_limits";

/**
 * Creates the limits' table if it is missing. Instances starting together would race on CREATE TABLE
 * (PostgreSQL reports the loser as a duplicate type), so it is made under a transaction-scoped
 * advisory lock, and the library is told the table exists rather than making it in the background
 * while the first requests are counted.
 */
export async function createLimitsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LIMITS_TABLE]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${LIMITS_TABLE} (key text PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Counters in PostgreSQL: every increment is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING
 * (RateLimiterPostgres), which starts a new window when the stored one has expired, so the sum over
 * all instances is what is limited. Should the database fail, each counter falls back to one in this
 * process (the library's insurance limiter): limits then hold per instance rather than not at all.
 * Expired rows are swept by one counter only (every five minutes), not by each of them.
 */
export function postgresStore(pool: pg.Pool): LimiterStore {
  let sweeper = false;
  return (options) => {
    const sweeps = !sweeper;
    sweeper = true;
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: "pool",
      tableName: LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: sweeps,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
}

/**
 * A session-level advisory lock on a connection of its own, held while the work runs: the sign-in
 * limiter's check-and-count then happens one at a time across every instance, as it does within one.
 * A connection that breaks takes its lock with it, so a lock is never left behind.
 */
export function postgresExclusive(pool: pg.Pool, name: string): Exclusive {
  return async (work) => {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).then(
        () => client.release(),
        (error: Error) => client.release(error),
      );
    }
  };
}
