import pg from "pg";
import type { Row } from "../rows.js";
import { asStorageError } from "./faults.js";

export interface PoolOptions {
  /** Connections this instance may hold; several instances share the server's max_connections. */
  max?: number;
  /** An idle connection that broke (the server restarted) is reported here instead of crashing the process. */
  onError?: (error: Error) => void;
}

/**
 * The pool every PostgreSQL user in the service shares (storage, and whatever else needs the database).
 * Time-outs are set: pg's defaults wait forever for a connection, which would hold an enquiry (and its
 * person) instead of spooling it.
 */
export function createPgPool(url: string, { max = 10, onError = () => {} }: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // A statement that runs this long is stuck (a lock, a dead server): refused, the write is spooled.
    statement_timeout: 30_000,
    query_timeout: 35_000,
    application_name: "tandafeng-assistant",
  });
  pool.on("error", onError);
  return pool;
}

/** pg's `timestamptz` comes back as a Date: the interface speaks ISO strings, as SQLite stores them. */
function plain<R>(row: Record<string, unknown>): R {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value instanceof Date) row[key] = value.toISOString();
  }
  return row as R;
}

export type { Row };

/**
 * PostgreSQL's text and jsonb cannot hold the NUL character (SQLite can): a value with one would be
 * refused, and a spooled write refused on every replay would hold up the ones after it. It is dropped,
 * from text and from the JSON text of jsonb parameters (where JSON.stringify writes it as \u0000).
 */
function withoutNul(value: unknown): unknown {
  if (typeof value !== "string" || (!value.includes("\0") && !value.includes("\\u0000"))) return value;
  return value.replace(/\0/g, "").replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1");
}

/** A query, with every error the server or the network raises turned into a StorageFault when it is one. */
export type Query = <R = Row>(text: string, values?: unknown[]) => Promise<{ rows: R[]; rowCount: number }>;

function queryOn(client: pg.Pool | pg.PoolClient): Query {
  return async <R = Row>(text: string, values: unknown[] = []) => {
    try {
      const result = await client.query(text, values.map(withoutNul));
      return { rows: result.rows.map((row: Row) => plain<R>(row)), rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw asStorageError(error);
    }
  };
}

/** The pool, with queries and transactions that speak the storage's errors. */
export class PgDb {
  readonly query: Query;

  constructor(readonly pool: pg.Pool) {
    this.query = queryOn(pool);
  }

  /** Runs the work in one transaction on one connection; a broken connection is discarded, not reused. */
  async transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asStorageError(error);
    }
    const query = queryOn(client);
    let broken: Error | undefined;
    try {
      await query("BEGIN");
      const result = await work(query);
      await query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
