import { AUDIT_MIN_DAYS, type AppConfig } from "../../config.js";
import type { MaintenanceStore, PurgeOptions } from "../types.js";
import type { PgDb } from "./pool.js";

/**
 * Beyond the longest an answer can take, how much longer a pending enquiry is left alone before it is
 * taken for one a crash left: it covers the store's own writes, a slow event loop and clocks of
 * instances that differ by a little (created_at is the instance's clock, the cut-off the database's).
 */
export const UNFINISHED_MARGIN_MS = 120_000;

/**
 * The longest an answer can be in the making: the embedding call of the search (EMBEDDING_TIMEOUT_MS)
 * and the LLM's whole answer, every tool round included (LLM_TOTAL_TIMEOUT_MS, which compose.ts
 * enforces), plus the margin. Offline, answers take milliseconds; the margin alone applies.
 */
export function longestAnswerMs(config: Pick<AppConfig, "llm" | "embeddings">): number {
  return (config.llm?.totalTimeoutMs ?? 0) + (config.embeddings?.timeoutMs ?? 0) + UNFINISHED_MARGIN_MS;
}

/** Any constant, distinct from the migrations' lock: held by the one instance purging, for its transaction. */
export const PURGE_LOCK = 4_0004_0002;

export interface MaintenanceOptions {
  /** failUnfinished never touches an enquiry younger than this: another instance may be answering it. */
  longestAnswerMs: number;
}

export type PgMaintenance = MaintenanceStore & {
  /** A committed write of one row; throws what the database refused with (the guard reports it). */
  writeProbe(): Promise<void>;
};

/** Recovery, retention and readiness on a database several instances share. */
export function pgMaintenance(db: PgDb, { longestAnswerMs }: MaintenanceOptions): PgMaintenance {
  const { query } = db;
  const maintenance: PgMaintenance = {
    // SQLite's caller may mark every pending row at start (it is the only writer); here others may be
    // mid-answer, so the cut-off is never later than the longest answer ago, by the database's clock.
    async failUnfinished(status, olderThan) {
      const { rowCount } = await query(
        `UPDATE messages SET status = $1, answered_at = now()
         WHERE status = 'pending' AND created_at < LEAST($2::timestamptz, now() - $3 * interval '1 millisecond')`,
        [status, olderThan, longestAnswerMs],
      );
      return rowCount;
    },

    async purgeBefore(cutoff, options: PurgeOptions = {}) {
      // Whatever the caller asks, the audit log keeps its legal minimum (网络安全法 第二十一条).
      const auditFloor = Date.now() - AUDIT_MIN_DAYS * 86_400_000;
      const auditAt = new Date(Math.min((options.auditBefore ?? cutoff).getTime(), auditFloor));
      return db.transaction(async (q) => {
        // Every instance runs the daily purge; one does it, the others find the lock taken and leave it.
        const { rows } = await q<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS locked", [
          PURGE_LOCK,
        ]);
        if (!rows[0]?.locked) return 0;
        const removed = (await q("DELETE FROM messages WHERE created_at < $1", [cutoff])).rowCount;
        await q("DELETE FROM conversation_tool_runs WHERE created_at < $1", [cutoff]);
        // A handoff waits for staff however old it is; once they close it, the retention period starts.
        await q("DELETE FROM handoffs WHERE status = 'done' AND closed_at < $1", [cutoff]);
        await q(
          `DELETE FROM conversations WHERE last_at < $1
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id)`,
          [cutoff],
        );
        if (options.handoffContactsBefore)
          await q(
            `UPDATE handoffs SET contact = NULL
             WHERE contact IS NOT NULL AND status = 'done' AND closed_at IS NOT NULL AND closed_at < $1`,
            [options.handoffContactsBefore],
          );
        await q("DELETE FROM audit_log WHERE at < $1", [auditAt]);
        await q("DELETE FROM staff_sessions WHERE expires_at < $1", [new Date()]);
        // The rows are gone from every query at commit; their bytes stay in the table's pages until
        // (auto)vacuum reuses them, and in WAL archives and backups for as long as those are kept.
        return removed;
      });
    },

    async writeProbe() {
      await query(
        "INSERT INTO readiness_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at",
        [new Date()],
      );
    },

    async checkWritable() {
      try {
        await maintenance.writeProbe();
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      if (!db.pool.ended) await db.pool.end();
    },
  };
  return maintenance;
}
