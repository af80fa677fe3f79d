import { StorageFault, type FaultKind } from "../faults.js";

/** Node's socket errors on the way to the server: nothing reached PostgreSQL. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/**
 * The kind of fault a PostgreSQL error shows, by SQLSTATE (www.postgresql.org/docs/current/errcodes-appendix.html),
 * or null for one that is about the request itself (a constraint, a syntax error: a bug, not a fault).
 * - 08 connection exception, 57P01–57P03 (shutting down, crashed, not accepting connections yet), 53300
 *   too many connections, and socket errors or pg's own time-outs: `unreachable`;
 * - 53100 disk full: `full`; other class 53 (out of memory, …): `io`;
 * - 25006 read-only transaction (a standby, or default_transaction_read_only): `read_only`;
 * - 55P03 lock not available, 40P01 deadlock: `locked`; 58 system errors, XX internal: `io`.
 */
export function pgFaultKind(error: unknown): FaultKind | null {
  if (error instanceof StorageFault) return error.kind;
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  const message = error instanceof Error ? error.message : "";
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300") return "unreachable";
  if (code === "53100") return "full";
  if (/^53/.test(code) || /^58/.test(code) || /^XX/.test(code)) return "io";
  if (code === "25006") return "read_only";
  if (code === "55P03" || code === "40P01") return "locked";
  if (NETWORK_CODES.has(code)) return "unreachable";
  // pg's own errors have no code: a connection that dropped or did not come in time.
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  )
    return "unreachable";
  return null;
}

/** The error as the rest of the service expects it: a fault is a StorageFault (spooled, or a 503), anything else as it was. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageFault) return error;
  const kind = pgFaultKind(error);
  if (!kind) return error;
  const code = (error as { code?: string }).code;
  const fault = new StorageFault(
    kind,
    `PostgreSQL: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ""}`,
  );
  fault.cause = error;
  return fault;
}
