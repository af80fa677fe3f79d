import { newReference } from "../../handoff/codes.js";
import { HANDOFF_COLUMNS, HANDOFF_SELECT, handoffValues, toHandoff, type Row } from "../rows.js";
import type { HandoffStatus, HandoffStore } from "../types.js";
import type { PgDb } from "./pool.js";

/** 人工服务 requests on PostgreSQL. */
export function pgHandoffStore({ query }: PgDb): HandoffStore {
  const store: HandoffStore = {
    async addHandoff(entry) {
      const now = new Date();
      for (let attempt = 0; ; attempt++) {
        // The date part is Beijing's, as the person and staff read it; the rest is random, not a counter.
        const reference = newReference(now);
        try {
          await query(
            `INSERT INTO handoffs (reference, conversation_id, question, contact, contact_kind, lookup_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            handoffValues(reference, entry, now),
          );
          return { reference, createdAt: now.toISOString() };
        } catch (error) {
          // A clash with an earlier reference (unique_violation) is improbable; draw again rather than fail.
          if (attempt >= 4 || (error as { code?: string }).code !== "23505") throw error;
        }
      }
    },

    async setHandoffStatus(reference, status: HandoffStatus) {
      return store.updateHandoff(reference, {
        status,
        closedAt: status === "done" ? new Date().toISOString() : null,
      });
    },

    async updateHandoff(reference, change) {
      const sets: string[] = [];
      const args: unknown[] = [];
      for (const [key, column] of HANDOFF_COLUMNS) {
        const value = change[key];
        if (value === undefined) continue;
        sets.push(`${column} = $${args.push(value)}`);
      }
      if (!sets.length) return (await store.findHandoff(reference)) !== null;
      const updated = await query(
        `UPDATE handoffs SET ${sets.join(", ")} WHERE reference = $${args.length + 1}`,
        [...args, reference],
      );
      return updated.rowCount > 0;
    },

    async findHandoff(reference) {
      const { rows } = await query<Row>(`SELECT ${HANDOFF_SELECT} FROM handoffs WHERE reference = $1`, [
        reference,
      ]);
      return rows[0] ? toHandoff(rows[0]) : null;
    },

    async listHandoffs(limit) {
      const { rows } = await query<Row>(
        `SELECT ${HANDOFF_SELECT} FROM handoffs ORDER BY
           CASE status WHEN 'open' THEN 0 WHEN 'assigned' THEN 1 WHEN 'replied' THEN 2 ELSE 3 END,
           CASE WHEN status = 'done' THEN -extract(epoch FROM created_at) ELSE extract(epoch FROM created_at) END, id
         LIMIT $1`,
        [limit],
      );
      return rows.map(toHandoff);
    },

    async handoffsOf(conversationId) {
      const { rows } = await query<Row>(
        `SELECT ${HANDOFF_SELECT} FROM handoffs WHERE conversation_id = $1 ORDER BY id`,
        [conversationId],
      );
      return rows.map(toHandoff);
    },

    async countHandoffs() {
      const counts: Record<HandoffStatus, number> = { open: 0, assigned: 0, replied: 0, done: 0 };
      const { rows } = await query<Row>("SELECT status, COUNT(*)::int AS n FROM handoffs GROUP BY status");
      for (const row of rows)
        if (String(row.status) in counts) counts[row.status as HandoffStatus] = Number(row.n);
      return counts;
    },
  };
  return store;
}
