import { redactDeep } from "../../pipeline/guard/pii.js";
import type { AuditEntry, AuditStore } from "../types.js";
import type { PgDb, Row } from "./pool.js";

/** The detail is `jsonb`; the interface gives it as JSON text, as SQLite keeps it (keys in jsonb's order). */
const toEntry = (r: Row): AuditEntry => ({
  at: String(r.at),
  username: String(r.username),
  action: String(r.action),
  detail: JSON.stringify(r.detail ?? {}),
});

/** The staff audit log on PostgreSQL. */
export function pgAuditStore({ query }: PgDb): AuditStore {
  return {
    async audit(username, action, detail) {
      // The detail holds what staff typed (search terms, filters): redacted like a question.
      await query("INSERT INTO audit_log (at, username, action, detail) VALUES ($1, $2, $3, $4::jsonb)", [
        new Date(),
        username,
        action,
        JSON.stringify(redactDeep(detail) ?? {}),
      ]);
    },

    async listAudit(limit, kind = "all") {
      const where =
        kind === "views"
          ? "WHERE action LIKE 'view\\_%'"
          : kind === "changes"
            ? "WHERE action NOT LIKE 'view\\_%'"
            : "";
      const { rows } = await query<Row>(
        `SELECT at, username, action, detail FROM audit_log ${where} ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toEntry);
    },

    async auditOfHandoff(reference) {
      const { rows } = await query<Row>(
        "SELECT at, username, action, detail FROM audit_log WHERE detail->>'reference' = $1 ORDER BY id",
        [reference],
      );
      return rows.map(toEntry);
    },
  };
}
