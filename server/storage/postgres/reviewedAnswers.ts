import type { CuratedAnswer, ReviewedAnswerStore } from "../types.js";
import type { PgDb, Row } from "./pool.js";

/** Reviewed answers on PostgreSQL: drafts, and the published version served beside them. */
export function pgReviewedAnswerStore({ query }: PgDb): ReviewedAnswerStore {
  return {
    async addCuratedAnswer(entry) {
      const now = new Date();
      const { rows } = await query<{ id: string }>(
        `INSERT INTO curated_answers (question, question_key, answer, unit_ids, author, updated_by, created_at, updated_at)
         VALUES ($1, $1, $2, $3::jsonb, $4, $4, $5, $5) RETURNING id`,
        [entry.question, entry.answer, JSON.stringify(entry.unitIds), entry.author, now],
      );
      return Number(rows[0]!.id);
    },

    async updateCuratedAnswer(id, change) {
      // undefined leaves a field as it is: COALESCE with the column.
      const updated = await query(
        `UPDATE curated_answers SET question = COALESCE($2, question), question_key = COALESCE($2, question_key),
           answer = COALESCE($3, answer), unit_ids = COALESCE($4::jsonb, unit_ids), active = COALESCE($5, active),
           updated_by = COALESCE($6, updated_by), updated_at = $7
         WHERE id = $1`,
        [
          id,
          change.question ?? null,
          change.answer ?? null,
          change.unitIds ? JSON.stringify(change.unitIds) : null,
          change.active ?? null,
          change.updatedBy ?? null,
          new Date(),
        ],
      );
      return updated.rowCount > 0;
    },

    async publishCuratedAnswer(id, by) {
      const published = await query(
        `UPDATE curated_answers SET published_question = question, published_answer = answer, published_unit_ids = unit_ids,
           published_by = $2, published_at = $3, active = true WHERE id = $1`,
        [id, by, new Date()],
      );
      return published.rowCount > 0;
    },

    async listCuratedAnswers() {
      const { rows } = await query<Row>("SELECT * FROM curated_answers ORDER BY id DESC");
      return rows.map((r): CuratedAnswer => ({
        id: Number(r.id),
        question: String(r.question),
        answer: String(r.answer),
        unitIds: (r.unit_ids as string[] | null) ?? [],
        author: String(r.author),
        createdAt: String(r.created_at),
        updatedAt: String(r.updated_at),
        updatedBy: String(r.updated_by ?? r.author),
        active: r.active === true,
        published:
          r.published_at === null || r.published_at === undefined
            ? null
            : {
                question: String(r.published_question),
                answer: String(r.published_answer),
                unitIds: (r.published_unit_ids as string[] | null) ?? [],
                by: String(r.published_by),
                at: String(r.published_at),
              },
      }));
    },
  };
}
