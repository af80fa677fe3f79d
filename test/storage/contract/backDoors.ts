import type Database from "better-sqlite3";
import type pg from "pg";
import type { BackDoor } from "./harness.js";

/** better-sqlite3 binds no booleans: SQLite keeps them as 1 and 0. */
const sqliteValue = (value: unknown) => (typeof value === "boolean" ? Number(value) : value);

export function sqliteBackDoor(db: Database.Database): BackDoor {
  return {
    async exec(sql, ...args) {
      db.prepare(sql).run(...args.map(sqliteValue));
    },
    async get(sql, ...args) {
      return db.prepare(sql).get(...args.map(sqliteValue)) as Record<string, unknown> | undefined;
    },
    async count(table, where = "1 = 1", ...args) {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number })
        .n;
    },
  };
}

/** `?` placeholders become `$1`, `$2`, …; times come back as ISO strings, as SQLite gives them. */
export function postgresBackDoor(pool: pg.Pool): BackDoor {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const query = async (sql: string, args: unknown[]) => (await pool.query(numbered(sql), args)).rows;
  return {
    async exec(sql, ...args) {
      await query(sql, args);
    },
    async get(sql, ...args) {
      const [row] = await query(sql, args);
      if (!row) return undefined;
      return Object.fromEntries(
        Object.entries(row as Record<string, unknown>).map(([k, v]) => [
          k,
          v instanceof Date ? v.toISOString() : v,
        ]),
      );
    },
    async count(table, where = "1 = 1", ...args) {
      const [row] = await query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, args);
      return Number((row as { n: string }).n);
    },
  };
}
