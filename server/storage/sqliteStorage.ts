import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Turn } from "../conversation/records.js";
import { AUDIT_MIN_DAYS } from "../config.js";
import { newReference } from "../handoff/codes.js";
import { redactDeep } from "../pipeline/guard/pii.js";
import { fileProblem, identityOf, StorageFault, type FileIdentity } from "./faults.js";
import { MIGRATIONS } from "./migrations.js";
import {
  dailyTally,
  enquiryResultValues,
  HANDOFF_COLUMNS,
  HANDOFF_SELECT,
  handoffValues,
  json,
  toHandoff,
  toStaffAccount,
  toStaffSession,
  toStaffUser,
  type Row,
} from "./rows.js";
import { SchemaTooNewError } from "./schema.js";
import type {
  AuditKind,
  CountedTopic,
  AskedQuestion,
  CuratedAnswer,
  DailyActivity,
  EnquiryDetail,
  EnquiryFilter,
  EnquiryResult,
  EnquiryRow,
  EnquiryStart,
  FeedbackEntry,
  FormToolRun,
  Handoff,
  HandoffChange,
  HandoffEntry,
  HandoffStatus,
  ImprovementCandidate,
  ListedFormToolRun,
  PurgeOptions,
  StaffAccount,
  StaffRole,
  StaffSession,
  StaffUser,
  Storage,
  StoredFormToolRun,
} from "./types.js";

/**
 * How long SQLite itself waits for another process's lock, blocking the event loop meanwhile: a few
 * milliseconds, no more. The service waits longer by retrying asynchronously (guardedStorage.ts).
 */
export const SERVICE_BUSY_TIMEOUT_MS = 5;

export interface OpenOptions {
  /** SQLite's own (blocking) wait for a lock; a command-line tool may wait seconds, the service must not. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, { busyTimeoutMs = SERVICE_BUSY_TIMEOUT_MS }: OpenOptions = {}) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // WAL with NORMAL sync is durable against process crashes, which is what "never lose an enquiry" needs.
    db.pragma("synchronous = NORMAL");
    // Deleted content is overwritten, not left in free pages: purged questions must not be recoverable from the file.
    db.pragma("secure_delete = ON");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export { SchemaTooNewError };

export function migrate(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) throw new SchemaTooNewError(current, MIGRATIONS.length);
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

const iso = (date: Date) => date.toISOString();
const parse = <T>(text: unknown, fallback: T): T => {
  try {
    return text === null || text === undefined ? fallback : (JSON.parse(String(text)) as T);
  } catch {
    return fallback;
  }
};

const ROW_COLUMNS = `m.id AS messageId, m.conversation_id AS conversationId, m.created_at AS createdAt, m.question, m.status,
  m.intent, m.persona, m.mode, m.duration_ms AS durationMs, f.rating, f.comment AS feedbackComment`;

export class SqliteStorage implements Storage {
  private readonly statements = new Map<string, Database.Statement>();
  /** The file this connection has open, to notice when the path names another file (or none). */
  private readonly identity: FileIdentity | null;

  constructor(readonly db: Database.Database) {
    this.identity = db.memory ? null : identityOf(db.name);
  }

  /**
   * Throws a StorageFault when the path no longer names the file this connection has open: removed
   * (with DATA_DIR or alone), replaced by another file, or made read-only. Writes would otherwise go,
   * without an error, into a file nobody will ever open again.
   */
  assertSameFile(): void {
    if (!this.identity) return;
    const problem = fileProblem(this.db.name, this.identity);
    if (problem) throw new StorageFault(problem.kind, problem.detail);
  }

  /** Statements are compiled once: preparing costs more than running on the hot path. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  static open(file: string, options?: OpenOptions): SqliteStorage {
    return new SqliteStorage(openDatabase(file, options));
  }

  async conversationExists(id: string): Promise<boolean> {
    return this.sql("SELECT 1 FROM conversations WHERE id = ?").get(id) !== undefined;
  }

  async createConversation(id: string, at: Date): Promise<void> {
    this.sql("INSERT OR IGNORE INTO conversations (id, created_at, last_at) VALUES (?, ?, ?)").run(
      id,
      iso(at),
      iso(at),
    );
  }

  async history(conversationId: string, turns: number): Promise<Turn[]> {
    const rows = this.sql(
      "SELECT turn FROM messages WHERE conversation_id = ? AND turn IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT ?",
    ).all(conversationId, turns) as Row[];
    return rows
      .map((row) => parse<Turn | null>(row.turn, null))
      .filter((t): t is Turn => t !== null)
      .reverse();
  }

  // Both writes of an enquiry may be made again (a spooled write replayed twice): the second changes nothing.
  async startEnquiry(start: EnquiryStart): Promise<void> {
    const at = iso(start.createdAt);
    this.db.transaction(() => {
      this.sql("INSERT OR IGNORE INTO conversations (id, created_at, last_at) VALUES (?, ?, ?)").run(
        start.conversationId,
        at,
        at,
      );
      this.sql("UPDATE conversations SET last_at = MAX(last_at, ?) WHERE id = ?").run(
        at,
        start.conversationId,
      );
      this.sql(
        "INSERT INTO messages (id, conversation_id, created_at, question, status, redactions) VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (id) DO NOTHING",
      ).run(start.messageId, start.conversationId, at, start.question, json(start.redactions));
    })();
  }

  async finishEnquiry(messageId: string, r: EnquiryResult): Promise<void> {
    this.db.transaction(() => {
      const updated = this.sql(
        `UPDATE messages SET answered_at = ?, resolved_question = ?, intent = ?, persona = ?, answer = ?, status = ?, mode = ?,
             reviewed_answer_id = ?, notes = ?, timings = ?, duration_ms = ?, turn = ? WHERE id = ?`,
      ).run(...enquiryResultValues(r, iso(new Date()), messageId));
      // No such enquiry (purged meanwhile): nothing to attach the citations to, and no reason to fail a replay over it.
      if (updated.changes === 0) return;
      this.sql("DELETE FROM citations WHERE message_id = ?").run(messageId);
      this.sql("DELETE FROM tool_runs WHERE message_id = ?").run(messageId);
      const cite = this.sql(
        "INSERT OR REPLACE INTO citations (message_id, position, passage_id, unit_id, breadcrumb) VALUES (?, ?, ?, ?, ?)",
      );
      r.citations.forEach((c, i) => cite.run(messageId, i + 1, c.id, c.unitId, c.breadcrumb));
      const tool = this.sql(
        "INSERT INTO tool_runs (message_id, name, input, output, error) VALUES (?, ?, ?, ?, ?)",
      );
      for (const run of r.toolRuns)
        tool.run(messageId, run.name, json(run.input), json(run.output), run.error ?? null);
    })();
  }

  async failUnfinished(status: string, olderThan: Date): Promise<number> {
    return this.sql(
      "UPDATE messages SET status = ?, answered_at = ? WHERE status = 'pending' AND created_at < ?",
    ).run(status, iso(new Date()), iso(olderThan)).changes;
  }

  async listEnquiries(filter: EnquiryFilter): Promise<{ rows: EnquiryRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      args.push(...values);
    };
    if (filter.from) add("m.created_at >= ?", filter.from);
    if (filter.to) add("m.created_at < ?", filter.to);
    if (filter.status) add("m.status = ?", filter.status);
    if (filter.persona) add("m.persona = ?", filter.persona);
    if (filter.feedback === "up" || filter.feedback === "down") add("f.rating = ?", filter.feedback);
    if (filter.feedback === "any") add("f.rating IS NOT NULL");
    if (filter.feedback === "none") add("f.rating IS NULL");
    if (filter.unanswered)
      add("(m.status LIKE 'unanswerable%' OR m.status LIKE 'error%' OR m.status = 'pending')");
    // The words are searched for as typed: LIKE's wildcards in them are escaped, not dropped.
    if (filter.text)
      add("m.question LIKE ? ESCAPE '\\'", `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const from = "FROM messages m LEFT JOIN feedback f ON f.message_id = m.id";
    const total = (this.sql(`SELECT COUNT(*) AS n ${from} ${clause}`).get(...args) as Row).n as number;
    const rows = this.db
      .prepare(
        `SELECT ${ROW_COLUMNS} ${from} ${clause} ORDER BY m.created_at DESC, m.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, filter.limit, filter.offset) as unknown as EnquiryRow[];
    return { rows, total };
  }

  async conversation(id: string): Promise<EnquiryDetail[]> {
    const messages = this.db
      .prepare(
        `SELECT ${ROW_COLUMNS}, m.answer, m.resolved_question AS resolvedQuestion, m.notes FROM messages m LEFT JOIN feedback f ON f.message_id = m.id WHERE m.conversation_id = ? ORDER BY m.created_at, m.rowid`,
      )
      .all(id) as Row[];
    const citations = this.sql(
      "SELECT passage_id AS passageId, unit_id AS unitId, breadcrumb FROM citations WHERE message_id = ? ORDER BY position",
    );
    const tools = this.sql(
      "SELECT name, input, output, error FROM tool_runs WHERE message_id = ? ORDER BY id",
    );
    return messages.map((m) => ({
      ...(m as unknown as EnquiryDetail),
      notes: parse<string[]>(m.notes, []),
      citations: citations.all(m.messageId) as EnquiryDetail["citations"],
      toolRuns: (tools.all(m.messageId) as Row[]).map((t) => ({
        name: String(t.name),
        input: parse(t.input, null),
        output: parse(t.output, null),
        error: (t.error as string | null) ?? null,
      })),
    }));
  }

  async countMessages(): Promise<number> {
    return (this.sql("SELECT COUNT(*) AS n FROM messages").get() as Row).n as number;
  }

  async addFormToolRun(run: FormToolRun): Promise<"stored" | "unknown_conversation"> {
    const at = iso(run.createdAt);
    return this.db.transaction(() => {
      // A calculation is activity in the conversation: it keeps it from being purged before its time.
      if (
        this.sql("UPDATE conversations SET last_at = MAX(last_at, ?) WHERE id = ?").run(
          at,
          run.conversationId,
        ).changes === 0
      )
        return "unknown_conversation" as const;
      this.sql(
        "INSERT OR IGNORE INTO conversation_tool_runs (id, conversation_id, created_at, name, input, output, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(run.id, run.conversationId, at, run.name, json(run.input), json(run.output), run.error ?? null);
      return "stored" as const;
    })();
  }

  async formToolRuns(conversationId: string): Promise<StoredFormToolRun[]> {
    return (
      this.sql(
        `SELECT ${FORM_RUN_COLUMNS} FROM conversation_tool_runs WHERE conversation_id = ? ORDER BY created_at, rowid`,
      ).all(conversationId) as Row[]
    ).map(toFormRun);
  }

  async listFormToolRuns(limit: number, { rated = false } = {}): Promise<ListedFormToolRun[]> {
    return (
      this.sql(
        `SELECT ${FORM_RUN_COLUMNS}, conversation_id FROM conversation_tool_runs ${rated ? "WHERE rating IS NOT NULL ORDER BY rated_at DESC" : "ORDER BY created_at DESC"}, rowid DESC LIMIT ?`,
      ).all(limit) as Row[]
    ).map((r) => ({ ...toFormRun(r), conversationId: String(r.conversation_id) }));
  }

  async addFeedback(entry: FeedbackEntry): Promise<"stored" | "unknown_message"> {
    const known = this.sql("SELECT 1 FROM messages WHERE id = ? AND conversation_id = ?").get(
      entry.messageId,
      entry.conversationId,
    );
    // Not an answer: a form calculation's card, rated the same way and kept on the run.
    if (!known) return this.rateFormRun(entry);
    // A second rating of the same answer replaces the first (people change their minds), but a rating
    // without a comment does not wipe the comment written with an earlier one.
    this.db
      .prepare(
        `INSERT INTO feedback (message_id, conversation_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, comment = COALESCE(excluded.comment, feedback.comment), created_at = excluded.created_at`,
      )
      .run(entry.messageId, entry.conversationId, entry.rating, entry.comment ?? null, iso(new Date()));
    return "stored";
  }

  private rateFormRun(entry: FeedbackEntry): "stored" | "unknown_message" {
    const rated = this.sql(
      "UPDATE conversation_tool_runs SET rating = ?, feedback_comment = COALESCE(?, feedback_comment), rated_at = ? WHERE id = ? AND conversation_id = ?",
    ).run(entry.rating, entry.comment ?? null, iso(new Date()), entry.messageId, entry.conversationId);
    return rated.changes ? "stored" : "unknown_message";
  }

  async listFeedback(limit: number): Promise<EnquiryRow[]> {
    return this.db
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM feedback f JOIN messages m ON m.id = f.message_id ORDER BY f.created_at DESC LIMIT ?`,
      )
      .all(limit) as unknown as EnquiryRow[];
  }

  async addHandoff(entry: HandoffEntry): Promise<{ reference: string; createdAt: string }> {
    const now = new Date();
    const createdAt = iso(now);
    for (let attempt = 0; ; attempt++) {
      // The date part is Beijing's, as the person and staff read it; the rest is random, not a counter.
      const reference = newReference(now);
      try {
        this.sql(
          "INSERT INTO handoffs (reference, conversation_id, question, contact, contact_kind, lookup_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ).run(...handoffValues(reference, entry, createdAt));
        return { reference, createdAt };
      } catch (error) {
        // A clash with an earlier reference is improbable; draw again rather than fail the request.
        if (attempt >= 4 || (error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
      }
    }
  }

  async setHandoffStatus(reference: string, status: HandoffStatus): Promise<boolean> {
    return this.updateHandoff(reference, { status, closedAt: status === "done" ? iso(new Date()) : null });
  }

  async updateHandoff(reference: string, change: HandoffChange): Promise<boolean> {
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [key, column] of HANDOFF_COLUMNS) {
      const value = change[key];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      args.push(value);
    }
    if (!sets.length) return (await this.findHandoff(reference)) !== null;
    return (
      this.db.prepare(`UPDATE handoffs SET ${sets.join(", ")} WHERE reference = ?`).run(...args, reference)
        .changes > 0
    );
  }

  async findHandoff(reference: string): Promise<Handoff | null> {
    const row = this.sql(`SELECT ${HANDOFF_SELECT} FROM handoffs WHERE reference = ?`).get(reference) as
      Row | undefined;
    return row ? toHandoff(row) : null;
  }

  async listHandoffs(limit: number): Promise<Handoff[]> {
    return (
      this.sql(
        `SELECT ${HANDOFF_SELECT} FROM handoffs ORDER BY
           CASE status WHEN 'open' THEN 0 WHEN 'assigned' THEN 1 WHEN 'replied' THEN 2 ELSE 3 END,
           CASE WHEN status = 'done' THEN -julianday(created_at) ELSE julianday(created_at) END, id LIMIT ?`,
      ).all(limit) as Row[]
    ).map(toHandoff);
  }

  async handoffsOf(conversationId: string): Promise<Handoff[]> {
    return (
      this.sql(`SELECT ${HANDOFF_SELECT} FROM handoffs WHERE conversation_id = ? ORDER BY id`).all(
        conversationId,
      ) as Row[]
    ).map(toHandoff);
  }

  async countHandoffs(): Promise<Record<HandoffStatus, number>> {
    const counts: Record<HandoffStatus, number> = { open: 0, assigned: 0, replied: 0, done: 0 };
    for (const row of this.sql("SELECT status, COUNT(*) AS n FROM handoffs GROUP BY status").all() as Row[])
      if (String(row.status) in counts) counts[row.status as HandoffStatus] = Number(row.n);
    return counts;
  }

  async topTopics(since: Date, limit: number): Promise<CountedTopic[]> {
    return this.db
      .prepare(
        `SELECT c.unit_id AS unitId, MIN(c.breadcrumb) AS breadcrumb, COUNT(DISTINCT c.message_id) AS count
         FROM citations c JOIN messages m ON m.id = c.message_id WHERE m.created_at >= ? GROUP BY c.unit_id ORDER BY count DESC, unitId LIMIT ?`,
      )
      .all(iso(since), limit) as unknown as CountedTopic[];
  }

  async activityByDay(since: Date): Promise<DailyActivity[]> {
    const at = iso(since);
    const tally = dailyTally();
    // Greetings and empty messages are not enquiries: they would count as unanswered.
    for (const r of this.sql(
      `SELECT date(created_at, '+8 hours') AS d, COUNT(*) AS n,
         SUM(CASE WHEN status IN ('answered', 'answered_reviewed') THEN 1 ELSE 0 END) AS answered
       FROM messages WHERE created_at >= ? AND status NOT IN ('answered_help', 'invalid_empty') GROUP BY d`,
    ).all(at) as Row[])
      tally.add(String(r.d), { enquiries: Number(r.n), answered: Number(r.answered) });
    // Ratings of answers and of the 算一算 form's results, on the day they were given.
    for (const r of this.sql(
      `SELECT d, SUM(rating = 'up') AS up, SUM(rating = 'down') AS down FROM (
         SELECT date(created_at, '+8 hours') AS d, rating FROM feedback WHERE created_at >= ?
         UNION ALL
         SELECT date(rated_at, '+8 hours') AS d, rating FROM conversation_tool_runs WHERE rated_at >= ?
       ) GROUP BY d`,
    ).all(at, at) as Row[])
      tally.add(String(r.d), { up: Number(r.up), down: Number(r.down) });
    for (const r of this.sql(
      `SELECT date(created_at, '+8 hours') AS d, COUNT(*) AS n, SUM(status != 'done') AS open
       FROM handoffs WHERE created_at >= ? GROUP BY d`,
    ).all(at) as Row[])
      tally.add(String(r.d), { handoffs: Number(r.n), handoffsOpen: Number(r.open) });
    return tally.sorted();
  }

  async askedQuestions(since: Date, limit: number): Promise<AskedQuestion[]> {
    return this.sql(
      `SELECT id AS messageId, conversation_id AS conversationId, question, created_at AS createdAt, status FROM messages
       WHERE created_at >= ? AND status NOT IN ('answered_help', 'answered_handoff', 'invalid_empty')
         AND status NOT LIKE 'guardrails%' AND (intent IS NULL OR intent != 'greeting')
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).all(iso(since), limit) as AskedQuestion[];
  }

  async improvementCandidates(since: Date, limit: number): Promise<ImprovementCandidate[]> {
    const before = "(p.created_at < m.created_at OR (p.created_at = m.created_at AND p.rowid < m.rowid))";
    const after = "(n.created_at > m.created_at OR (n.created_at = m.created_at AND n.rowid > m.rowid))";
    const rows = this.sql(
      `SELECT ${ROW_COLUMNS},
         (SELECT p.question FROM messages p WHERE p.conversation_id = m.conversation_id AND ${before}
           ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1) AS previousQuestion,
         (SELECT n.status FROM messages n WHERE n.conversation_id = m.conversation_id AND ${after}
           ORDER BY n.created_at, n.rowid LIMIT 1) AS nextStatus,
         (SELECT n.question FROM messages n WHERE n.conversation_id = m.conversation_id AND ${after}
           ORDER BY n.created_at, n.rowid LIMIT 1) AS nextQuestion,
         (EXISTS (SELECT 1 FROM messages n JOIN tool_runs r ON r.message_id = n.id
            WHERE n.conversation_id = m.conversation_id AND ${after} AND r.error IS NULL AND r.output IS NOT NULL AND r.output != 'null')
          OR EXISTS (SELECT 1 FROM conversation_tool_runs r
            WHERE r.conversation_id = m.conversation_id AND r.created_at >= m.created_at AND r.error IS NULL)) AS calculatedLater,
         (SELECT h.reference FROM handoffs h WHERE h.conversation_id = m.conversation_id AND h.created_at >= m.created_at
           ORDER BY h.created_at LIMIT 1) AS handoffReference
       FROM messages m LEFT JOIN feedback f ON f.message_id = m.id
       WHERE m.created_at >= ?
         AND (m.status NOT IN ('answered', 'answered_reviewed', 'answered_help', 'invalid_empty') OR f.rating = 'down')
       ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?`,
    ).all(iso(since), limit) as Row[];
    return rows.map((r) => ({
      ...(r as unknown as ImprovementCandidate),
      calculatedLater: r.calculatedLater === 1,
    }));
  }

  async addCuratedAnswer(
    entry: Pick<CuratedAnswer, "question" | "answer" | "unitIds" | "author">,
  ): Promise<number> {
    const now = iso(new Date());
    return Number(
      this.sql(
        "INSERT INTO curated_answers (question, question_key, answer, unit_ids, author, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        entry.question,
        entry.question,
        entry.answer,
        json(entry.unitIds),
        entry.author,
        entry.author,
        now,
        now,
      ).lastInsertRowid,
    );
  }

  async updateCuratedAnswer(
    id: number,
    change: Partial<Pick<CuratedAnswer, "question" | "answer" | "unitIds" | "active" | "updatedBy">>,
  ): Promise<boolean> {
    const current = this.sql("SELECT * FROM curated_answers WHERE id = ?").get(id) as Row | undefined;
    if (!current) return false;
    this.sql(
      "UPDATE curated_answers SET question = ?, question_key = ?, answer = ?, unit_ids = ?, active = ?, updated_by = ?, updated_at = ? WHERE id = ?",
    ).run(
      change.question ?? current.question,
      change.question ?? current.question,
      change.answer ?? current.answer,
      change.unitIds ? json(change.unitIds) : current.unit_ids,
      change.active === undefined ? current.active : change.active ? 1 : 0,
      change.updatedBy ?? current.updated_by,
      iso(new Date()),
      id,
    );
    return true;
  }

  async publishCuratedAnswer(id: number, by: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE curated_answers SET published_question = question, published_answer = answer, published_unit_ids = unit_ids,
           published_by = ?, published_at = ?, active = 1 WHERE id = ?`,
      ).run(by, iso(new Date()), id).changes > 0
    );
  }

  async listCuratedAnswers(): Promise<CuratedAnswer[]> {
    return (this.sql("SELECT * FROM curated_answers ORDER BY id DESC").all() as Row[]).map((r) => ({
      id: Number(r.id),
      question: String(r.question),
      answer: String(r.answer),
      unitIds: parse<string[]>(r.unit_ids, []),
      author: String(r.author),
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
      updatedBy: String(r.updated_by ?? r.author),
      active: r.active === 1,
      published:
        r.published_at === null || r.published_at === undefined
          ? null
          : {
              question: String(r.published_question),
              answer: String(r.published_answer),
              unitIds: parse<string[]>(r.published_unit_ids, []),
              by: String(r.published_by),
              at: String(r.published_at),
            },
    }));
  }

  async createStaffUser(
    username: string,
    displayName: string,
    passwordHash: string,
    role: StaffRole = "staff",
  ): Promise<number> {
    return Number(
      this.sql(
        "INSERT INTO staff_users (username, display_name, password_hash, created_at, role) VALUES (?, ?, ?, ?, ?)",
      ).run(username, displayName, passwordHash, iso(new Date()), role).lastInsertRowid,
    );
  }

  async listStaffUsers(): Promise<StaffAccount[]> {
    return (
      this.sql(
        "SELECT username, display_name, role, disabled, created_at FROM staff_users ORDER BY disabled, username",
      ).all() as Row[]
    ).map((r) => toStaffAccount(r, r.disabled === 1));
  }

  async setStaffRole(username: string, role: StaffRole): Promise<boolean> {
    return this.sql("UPDATE staff_users SET role = ? WHERE username = ?").run(role, username).changes > 0;
  }

  async findStaffUser(username: string): Promise<StaffUser | null> {
    const r = this.sql("SELECT * FROM staff_users WHERE username = ?").get(username) as Row | undefined;
    return r ? toStaffUser(r, r.disabled === 1) : null;
  }

  async setStaffPassword(username: string, passwordHash: string): Promise<boolean> {
    return (
      this.sql("UPDATE staff_users SET password_hash = ? WHERE username = ?").run(passwordHash, username)
        .changes > 0
    );
  }

  async setStaffDisabled(username: string, disabled: boolean): Promise<boolean> {
    return (
      this.sql("UPDATE staff_users SET disabled = ? WHERE username = ?").run(disabled ? 1 : 0, username)
        .changes > 0
    );
  }

  async deleteSessionsOf(username: string): Promise<number> {
    return this.sql(
      "DELETE FROM staff_sessions WHERE user_id = (SELECT id FROM staff_users WHERE username = ?)",
    ).run(username).changes;
  }

  async createSession(tokenHash: string, userId: number, csrfToken: string, expiresAt: Date): Promise<void> {
    this.sql(
      "INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    ).run(tokenHash, userId, csrfToken, iso(new Date()), iso(expiresAt));
  }

  async findSession(tokenHash: string, now: Date): Promise<StaffSession | null> {
    const r = this.db
      .prepare(
        `SELECT s.user_id, s.csrf_token, s.expires_at, u.username, u.display_name, u.role FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(tokenHash, iso(now)) as Row | undefined;
    return r ? toStaffSession(r) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.sql("DELETE FROM staff_sessions WHERE token_hash = ?").run(tokenHash);
  }

  async audit(username: string, action: string, detail: Record<string, unknown>): Promise<void> {
    // The detail holds what staff typed (search terms, filters): redacted like a question.
    this.sql("INSERT INTO audit_log (at, username, action, detail) VALUES (?, ?, ?, ?)").run(
      iso(new Date()),
      username,
      action,
      json(redactDeep(detail)),
    );
  }

  async listAudit(limit: number, kind: AuditKind = "all") {
    const where =
      kind === "views"
        ? "WHERE action LIKE 'view\\_%' ESCAPE '\\'"
        : kind === "changes"
          ? "WHERE action NOT LIKE 'view\\_%' ESCAPE '\\'"
          : "";
    return this.sql(
      `SELECT at, username, action, detail FROM audit_log ${where} ORDER BY id DESC LIMIT ?`,
    ).all(limit) as Array<{ at: string; username: string; action: string; detail: string }>;
  }

  async auditOfHandoff(reference: string) {
    return this.sql(
      "SELECT at, username, action, detail FROM audit_log WHERE json_valid(detail) AND json_extract(detail, '$.reference') = ? ORDER BY id",
    ).all(reference) as Array<{ at: string; username: string; action: string; detail: string }>;
  }

  async purgeBefore(cutoff: Date, options: PurgeOptions = {}): Promise<number> {
    const at = iso(cutoff);
    // Whatever the caller asks, the audit log keeps its legal minimum (网络安全法 第二十一条).
    const auditFloor = Date.now() - AUDIT_MIN_DAYS * 86_400_000;
    const auditAt = iso(new Date(Math.min((options.auditBefore ?? cutoff).getTime(), auditFloor)));
    const { removed, changed } = this.db.transaction(() => {
      const removed = this.sql("DELETE FROM messages WHERE created_at < ?").run(at).changes;
      let changed = removed;
      changed += this.sql("DELETE FROM conversation_tool_runs WHERE created_at < ?").run(at).changes;
      // A handoff waits for staff however old it is; once they close it, the retention period starts.
      changed += this.sql("DELETE FROM handoffs WHERE status = 'done' AND closed_at < ?").run(at).changes;
      changed += this.sql(
        "DELETE FROM conversations WHERE last_at < ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id)",
      ).run(at).changes;
      // A contact was left for staff to answer: once they closed the handoff (the desk's 'done', 已办结,
      // with closed_at; not 'assigned' or 'replied', and a reopen clears closed_at), it is kept only a while.
      if (options.handoffContactsBefore)
        changed += this.sql(
          "UPDATE handoffs SET contact = NULL WHERE contact IS NOT NULL AND status = 'done' AND closed_at IS NOT NULL AND closed_at < ?",
        ).run(iso(options.handoffContactsBefore)).changes;
      changed += this.sql("DELETE FROM audit_log WHERE at < ?").run(auditAt).changes;
      changed += this.sql("DELETE FROM staff_sessions WHERE expires_at < ?").run(iso(new Date())).changes;
      return { removed, changed };
    })();
    // The write-ahead log still holds the deleted rows' old pages: fold it into the (overwritten) file and empty it.
    if (changed && this.db.name !== ":memory:") this.db.pragma("wal_checkpoint(TRUNCATE)");
    return removed;
  }

  async checkWritable(): Promise<boolean> {
    try {
      await this.writeProbe();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A committed write of one row: a rolled-back one never reaches the disk, so it would pass on a
   * full disk. Throws what the database (or the file check) refused with.
   */
  async writeProbe(): Promise<void> {
    this.assertSameFile();
    this.sql(
      "INSERT INTO readiness_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
    ).run(iso(new Date()));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

const FORM_RUN_COLUMNS = "id, created_at, name, input, output, error, rating, feedback_comment";

function toFormRun(r: Row): StoredFormToolRun {
  return {
    id: String(r.id),
    createdAt: String(r.created_at),
    name: String(r.name),
    input: parse(r.input, null),
    output: parse(r.output, null),
    error: (r.error as string | null) ?? null,
    rating: r.rating === "up" || r.rating === "down" ? r.rating : null,
    feedbackComment: (r.feedback_comment as string | null) ?? null,
  };
}
