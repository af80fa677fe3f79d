import type { Turn } from "../../conversation/records.js";
import type {
  EnquiryDetail,
  EnquiryFilter,
  EnquiryResult,
  EnquiryRow,
  EnquiryStart,
  EnquiryStore,
  FeedbackEntry,
  FormToolRun,
  ListedFormToolRun,
  StoredFormToolRun,
} from "../types.js";
import { enquiryResultValues, json, type Row } from "../rows.js";
import { ROW_COLUMNS } from "./columns.js";
import type { PgDb } from "./pool.js";
import { pgReports } from "./reports.js";

const FORM_RUN_COLUMNS = "id, created_at, name, input, output, error, rating, feedback_comment";

/** Enquiries, their conversations, form calculations and ratings, on PostgreSQL (the same rules as SQLite's). */
export function pgEnquiryStore(db: PgDb): EnquiryStore {
  const { query } = db;
  return {
    async conversationExists(id) {
      return (await query("SELECT 1 FROM conversations WHERE id = $1", [id])).rowCount > 0;
    },

    async createConversation(id, at) {
      await query(
        "INSERT INTO conversations (id, created_at, last_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING",
        [id, at],
      );
    },

    async history(conversationId, turns) {
      const { rows } = await query<{ turn: Turn | null }>(
        "SELECT turn FROM messages WHERE conversation_id = $1 AND turn IS NOT NULL ORDER BY created_at DESC, seq DESC LIMIT $2",
        [conversationId, turns],
      );
      // A turn stored as JSON null (none was made) is left out, as SQLite's reading leaves it out.
      return rows
        .map((row) => row.turn)
        .filter((turn): turn is Turn => turn !== null)
        .reverse();
    },

    // Both writes of an enquiry may be made again (a spooled write replayed, by any instance): the second changes nothing.
    async startEnquiry(start: EnquiryStart) {
      await db.transaction(async (q) => {
        await q(
          `INSERT INTO conversations (id, created_at, last_at) VALUES ($1, $2, $2)
           ON CONFLICT (id) DO UPDATE SET last_at = GREATEST(conversations.last_at, EXCLUDED.last_at)`,
          [start.conversationId, start.createdAt],
        );
        await q(
          `INSERT INTO messages (id, conversation_id, created_at, question, status, redactions)
           VALUES ($1, $2, $3, $4, 'pending', $5::jsonb) ON CONFLICT (id) DO NOTHING`,
          [start.messageId, start.conversationId, start.createdAt, start.question, json(start.redactions)],
        );
      });
    },

    async finishEnquiry(messageId: string, r: EnquiryResult) {
      await db.transaction(async (q) => {
        const updated = await q(
          `UPDATE messages SET answered_at = $1, resolved_question = $2, intent = $3, persona = $4, answer = $5, status = $6,
             mode = $7, reviewed_answer_id = $8, notes = $9::jsonb, timings = $10::jsonb, duration_ms = $11, turn = $12::jsonb
           WHERE id = $13`,
          enquiryResultValues(r, new Date(), messageId),
        );
        // No such enquiry (purged meanwhile): nothing to attach the citations to, and no reason to fail a replay over it.
        if (updated.rowCount === 0) return;
        await q("DELETE FROM citations WHERE message_id = $1", [messageId]);
        await q("DELETE FROM tool_runs WHERE message_id = $1", [messageId]);
        // One statement each, whatever the count: rows from a JSON array, in its order.
        await q(
          `INSERT INTO citations (message_id, position, passage_id, unit_id, breadcrumb)
           SELECT $1, x.n, x.c->>'id', x.c->>'unitId', x.c->>'breadcrumb'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(c, n)`,
          [
            messageId,
            json(r.citations.map((c) => ({ id: c.id, unitId: c.unitId, breadcrumb: c.breadcrumb }))),
          ],
        );
        await q(
          `INSERT INTO tool_runs (message_id, name, input, output, error)
           SELECT $1, x.t->>'name', COALESCE(x.t->'input', 'null'::jsonb), COALESCE(x.t->'output', 'null'::jsonb), x.t->>'error'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(t, n) ORDER BY x.n`,
          [
            messageId,
            json(
              r.toolRuns.map((run) => ({
                name: run.name,
                input: run.input ?? null,
                output: run.output ?? null,
                error: run.error ?? null,
              })),
            ),
          ],
        );
      });
    },

    async listEnquiries(filter: EnquiryFilter) {
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (condition: (n: () => string) => string, ...values: unknown[]) => {
        where.push(condition(() => `$${args.push(values.shift())}`));
      };
      if (filter.from) add((n) => `m.created_at >= ${n()}::timestamptz`, filter.from);
      if (filter.to) add((n) => `m.created_at < ${n()}::timestamptz`, filter.to);
      if (filter.status) add((n) => `m.status = ${n()}`, filter.status);
      if (filter.persona) add((n) => `m.persona = ${n()}`, filter.persona);
      if (filter.feedback === "up" || filter.feedback === "down")
        add((n) => `f.rating = ${n()}`, filter.feedback);
      if (filter.feedback === "any") add(() => "f.rating IS NOT NULL");
      if (filter.feedback === "none") add(() => "f.rating IS NULL");
      if (filter.unanswered)
        add(() => "(m.status LIKE 'unanswerable%' OR m.status LIKE 'error%' OR m.status = 'pending')");
      // The words are searched for as typed: LIKE's wildcards in them are escaped, not dropped.
      if (filter.text)
        add(
          (n) => `m.question LIKE ${n()} ESCAPE '\\'`,
          `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        );
      const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
      const from = "FROM messages m LEFT JOIN feedback f ON f.message_id = m.id";
      const total = (await query<{ n: number }>(`SELECT COUNT(*)::int AS n ${from} ${clause}`, args)).rows[0]!
        .n;
      const { rows } = await query<EnquiryRow>(
        `SELECT ${ROW_COLUMNS} ${from} ${clause} ORDER BY m.created_at DESC, m.seq DESC
         LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
        [...args, filter.limit, filter.offset],
      );
      return { rows, total };
    },

    async conversation(id) {
      const { rows: messages } = await query<Row>(
        `SELECT ${ROW_COLUMNS}, m.answer, m.resolved_question AS "resolvedQuestion", m.notes
         FROM messages m LEFT JOIN feedback f ON f.message_id = m.id WHERE m.conversation_id = $1 ORDER BY m.created_at, m.seq`,
        [id],
      );
      const ids = messages.map((m) => m.messageId);
      const { rows: citations } = await query<Row>(
        `SELECT message_id, passage_id AS "passageId", unit_id AS "unitId", breadcrumb FROM citations
         WHERE message_id = ANY($1) ORDER BY message_id, position`,
        [ids],
      );
      const { rows: tools } = await query<Row>(
        "SELECT message_id, name, input, output, error FROM tool_runs WHERE message_id = ANY($1) ORDER BY id",
        [ids],
      );
      return messages.map((m) => ({
        ...(m as unknown as EnquiryDetail),
        notes: (m.notes as string[] | null) ?? [],
        citations: citations
          .filter((c) => c.message_id === m.messageId)
          .map(({ message_id: _id, ...c }) => c as EnquiryDetail["citations"][number]),
        toolRuns: tools
          .filter((t) => t.message_id === m.messageId)
          .map((t) => ({
            name: String(t.name),
            input: t.input ?? null,
            output: t.output ?? null,
            error: (t.error as string | null) ?? null,
          })),
      }));
    },

    async countMessages() {
      return (await query<{ n: number }>("SELECT COUNT(*)::int AS n FROM messages")).rows[0]!.n;
    },

    async addFormToolRun(run: FormToolRun) {
      return db.transaction(async (q) => {
        // A calculation is activity in the conversation: it keeps it from being purged before its time.
        const touched = await q("UPDATE conversations SET last_at = GREATEST(last_at, $1) WHERE id = $2", [
          run.createdAt,
          run.conversationId,
        ]);
        if (touched.rowCount === 0) return "unknown_conversation" as const;
        await q(
          `INSERT INTO conversation_tool_runs (id, conversation_id, created_at, name, input, output, error)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) ON CONFLICT (id) DO NOTHING`,
          [
            run.id,
            run.conversationId,
            run.createdAt,
            run.name,
            json(run.input),
            json(run.output),
            run.error ?? null,
          ],
        );
        return "stored" as const;
      });
    },

    async formToolRuns(conversationId) {
      const { rows } = await query<Row>(
        `SELECT ${FORM_RUN_COLUMNS} FROM conversation_tool_runs WHERE conversation_id = $1 ORDER BY created_at, seq`,
        [conversationId],
      );
      return rows.map(toFormRun);
    },

    async listFormToolRuns(limit, { rated = false } = {}) {
      const { rows } = await query<Row>(
        `SELECT ${FORM_RUN_COLUMNS}, conversation_id FROM conversation_tool_runs
         ${rated ? "WHERE rating IS NOT NULL ORDER BY rated_at DESC" : "ORDER BY created_at DESC"}, seq DESC LIMIT $1`,
        [limit],
      );
      return rows.map((r): ListedFormToolRun => ({
        ...toFormRun(r),
        conversationId: String(r.conversation_id),
      }));
    },

    async addFeedback(entry: FeedbackEntry) {
      // A second rating of the same answer replaces the first (people change their minds), but a rating
      // without a comment does not wipe the comment written with an earlier one.
      const rated = await query(
        `INSERT INTO feedback (message_id, conversation_id, rating, comment, created_at)
         SELECT id, conversation_id, $3, $4, $5 FROM messages WHERE id = $1 AND conversation_id = $2
         ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating,
           comment = COALESCE(EXCLUDED.comment, feedback.comment), created_at = EXCLUDED.created_at`,
        [entry.messageId, entry.conversationId, entry.rating, entry.comment ?? null, new Date()],
      );
      if (rated.rowCount) return "stored";
      // Not an answer: a form calculation's card, rated the same way and kept on the run.
      const run = await query(
        `UPDATE conversation_tool_runs SET rating = $1, feedback_comment = COALESCE($2, feedback_comment), rated_at = $3
         WHERE id = $4 AND conversation_id = $5`,
        [entry.rating, entry.comment ?? null, new Date(), entry.messageId, entry.conversationId],
      );
      return run.rowCount ? "stored" : "unknown_message";
    },

    async listFeedback(limit) {
      return (
        await query<EnquiryRow>(
          `SELECT ${ROW_COLUMNS} FROM feedback f JOIN messages m ON m.id = f.message_id ORDER BY f.created_at DESC, f.id DESC LIMIT $1`,
          [limit],
        )
      ).rows;
    },

    ...pgReports(db),
  };
}

function toFormRun(r: Row): StoredFormToolRun {
  return {
    id: String(r.id),
    createdAt: String(r.created_at),
    name: String(r.name),
    input: r.input ?? null,
    output: r.output ?? null,
    error: (r.error as string | null) ?? null,
    rating: r.rating === "up" || r.rating === "down" ? r.rating : null,
    feedbackComment: (r.feedback_comment as string | null) ?? null,
  };
}
