import type { Store } from "express-rate-limit";
import type pg from "pg";
import {
  createLimitsTable,
  inThisProcess,
  memoryStore,
  postgresExclusive,
  postgresStore,
  type Exclusive,
  type LimiterStore,
} from "./counters.js";
import { CounterStore } from "./expressStore.js";

/**
 * Where every limit keeps its counts: the public API's (express-rate-limit), the handoff look-up's and
 * the staff sign-in's (rate-limiter-flexible). One instance keeps them in memory; several instances on
 * one PostgreSQL keep them in one table there, so a client spreading requests over the instances gets
 * the limit once, not once per instance.
 */
export interface LimitStores {
  counters: LimiterStore;
  /** The sign-in limiter's check-and-count runs under this, one attempt at a time everywhere. */
  exclusive: Exclusive;
  /** A store for one express-rate-limit limiter; undefined: the library's memory store. */
  expressStore: ((prefix: string) => Store) | undefined;
}

export const limitsInMemory: LimitStores = {
  counters: memoryStore,
  exclusive: inThisProcess,
  expressStore: undefined,
};

/** Limits shared by every instance on this database (the table is made if missing). */
export async function limitsInPostgres(pool: pg.Pool): Promise<LimitStores> {
  await createLimitsTable(pool);
  const counters = postgresStore(pool);
  return {
    counters,
    exclusive: postgresExclusive(pool, "signin_limits"),
    expressStore: (prefix) => new CounterStore(prefix, counters),
  };
}

export type { Exclusive, LimiterStore } from "./counters.js";
