import { toStaffAccount, toStaffSession, toStaffUser, type Row } from "../rows.js";
import type { StaffStore } from "../types.js";
import type { PgDb } from "./pool.js";

/** Staff accounts and console sessions on PostgreSQL: any instance can serve any signed-in request. */
export function pgStaffStore({ query }: PgDb): StaffStore {
  return {
    async createStaffUser(username, displayName, passwordHash, r = "staff") {
      const { rows } = await query<{ id: string }>(
        "INSERT INTO staff_users (username, display_name, password_hash, created_at, role) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        [username, displayName, passwordHash, new Date(), r],
      );
      return Number(rows[0]!.id);
    },

    async findStaffUser(username) {
      const { rows } = await query<Row>("SELECT * FROM staff_users WHERE username = $1", [username]);
      const r = rows[0];
      return r ? toStaffUser(r, r.disabled === true) : null;
    },

    async listStaffUsers() {
      // Byte order, as SQLite sorts: the list reads the same whichever database holds it.
      const { rows } = await query<Row>(
        `SELECT username, display_name, role, disabled, created_at FROM staff_users ORDER BY disabled, username COLLATE "C"`,
      );
      return rows.map((r) => toStaffAccount(r, r.disabled === true));
    },

    async setStaffPassword(username, passwordHash) {
      return (
        (
          await query("UPDATE staff_users SET password_hash = $1 WHERE username = $2", [
            passwordHash,
            username,
          ])
        ).rowCount > 0
      );
    },

    async setStaffDisabled(username, disabled) {
      return (
        (await query("UPDATE staff_users SET disabled = $1 WHERE username = $2", [disabled, username]))
          .rowCount > 0
      );
    },

    async setStaffRole(username, r) {
      return (
        (await query("UPDATE staff_users SET role = $1 WHERE username = $2", [r, username])).rowCount > 0
      );
    },

    async deleteSessionsOf(username) {
      return (
        await query(
          "DELETE FROM staff_sessions WHERE user_id = (SELECT id FROM staff_users WHERE username = $1)",
          [username],
        )
      ).rowCount;
    },

    async createSession(tokenHash, userId, csrfToken, expiresAt) {
      await query(
        "INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        [tokenHash, userId, csrfToken, new Date(), expiresAt],
      );
    },

    async findSession(tokenHash, now) {
      const { rows } = await query<Row>(
        `SELECT s.user_id, s.csrf_token, s.expires_at, u.username, u.display_name, u.role
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
        [tokenHash, now],
      );
      const r = rows[0];
      return r ? toStaffSession(r) : null;
    },

    async deleteSession(tokenHash) {
      await query("DELETE FROM staff_sessions WHERE token_hash = $1", [tokenHash]);
    },
  };
}
