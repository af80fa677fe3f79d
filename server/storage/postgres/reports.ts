import type { AskedQuestion, CountedTopic, EnquiryStore, ImprovementCandidate } from "../types.js";
import { dailyTally } from "../rows.js";
import { ROW_COLUMNS } from "./columns.js";
import type { PgDb } from "./pool.js";

/** The Beijing calendar day of a time, without relying on the server's time-zone data (UTC+8, no DST). */
const beijingDay = (column: string) =>
  `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

type Reports = Pick<EnquiryStore, "topTopics" | "activityByDay" | "askedQuestions" | "improvementCandidates">;

/** The console's reports over enquiries, as SQLite's (unit ids compared byte-wise, as SQLite does). */
export function pgReports({ query }: PgDb): Reports {
  return {
    async topTopics(since, limit) {
      return (
        await query<CountedTopic>(
          `SELECT c.unit_id AS "unitId", MIN(c.breadcrumb) AS breadcrumb, COUNT(DISTINCT c.message_id)::int AS count
           FROM citations c JOIN messages m ON m.id = c.message_id WHERE m.created_at >= $1
           GROUP BY c.unit_id ORDER BY count DESC, c.unit_id COLLATE "C" LIMIT $2`,
          [since, limit],
        )
      ).rows;
    },

    async activityByDay(since) {
      const tally = dailyTally();
      // Greetings and empty messages are not enquiries: they would count as unanswered.
      for (const r of (
        await query<{ d: string; n: number; answered: number }>(
          `SELECT ${beijingDay("created_at")} AS d, COUNT(*)::int AS n,
             COUNT(*) FILTER (WHERE status IN ('answered', 'answered_reviewed'))::int AS answered
           FROM messages WHERE created_at >= $1 AND status NOT IN ('answered_help', 'invalid_empty') GROUP BY d`,
          [since],
        )
      ).rows)
        tally.add(String(r.d), { enquiries: r.n, answered: r.answered });
      // Ratings of answers and of the 算一算 form's results, on the day they were given.
      for (const r of (
        await query<{ d: string; up: number; down: number }>(
          `SELECT d, COUNT(*) FILTER (WHERE rating = 'up')::int AS up, COUNT(*) FILTER (WHERE rating = 'down')::int AS down FROM (
             SELECT ${beijingDay("created_at")} AS d, rating FROM feedback WHERE created_at >= $1
             UNION ALL
             SELECT ${beijingDay("rated_at")} AS d, rating FROM conversation_tool_runs WHERE rated_at >= $1
           ) AS ratings GROUP BY d`,
          [since],
        )
      ).rows)
        tally.add(String(r.d), { up: r.up, down: r.down });
      for (const r of (
        await query<{ d: string; n: number; open: number }>(
          `SELECT ${beijingDay("created_at")} AS d, COUNT(*)::int AS n, COUNT(*) FILTER (WHERE status <> 'done')::int AS open
           FROM handoffs WHERE created_at >= $1 GROUP BY d`,
          [since],
        )
      ).rows)
        tally.add(String(r.d), { handoffs: r.n, handoffsOpen: r.open });
      return tally.sorted();
    },

    async askedQuestions(since, limit) {
      return (
        await query<AskedQuestion>(
          `SELECT id AS "messageId", conversation_id AS "conversationId", question, created_at AS "createdAt", status FROM messages
           WHERE created_at >= $1 AND status NOT IN ('answered_help', 'answered_handoff', 'invalid_empty')
             AND status NOT LIKE 'guardrails%' AND intent IS DISTINCT FROM 'greeting'
           ORDER BY created_at DESC, seq DESC LIMIT $2`,
          [since, limit],
        )
      ).rows;
    },

    async improvementCandidates(since, limit) {
      const before = "(p.created_at < m.created_at OR (p.created_at = m.created_at AND p.seq < m.seq))";
      const after = "(n.created_at > m.created_at OR (n.created_at = m.created_at AND n.seq > m.seq))";
      return (
        await query<ImprovementCandidate>(
          `SELECT ${ROW_COLUMNS},
             (SELECT p.question FROM messages p WHERE p.conversation_id = m.conversation_id AND ${before}
               ORDER BY p.created_at DESC, p.seq DESC LIMIT 1) AS "previousQuestion",
             (SELECT n.status FROM messages n WHERE n.conversation_id = m.conversation_id AND ${after}
               ORDER BY n.created_at, n.seq LIMIT 1) AS "nextStatus",
             (SELECT n.question FROM messages n WHERE n.conversation_id = m.conversation_id AND ${after}
               ORDER BY n.created_at, n.seq LIMIT 1) AS "nextQuestion",
             (EXISTS (SELECT 1 FROM messages n JOIN tool_runs r ON r.message_id = n.id
                WHERE n.conversation_id = m.conversation_id AND ${after} AND r.error IS NULL
                  AND r.output IS NOT NULL AND r.output <> 'null'::jsonb)
              OR EXISTS (SELECT 1 FROM conversation_tool_runs r
                WHERE r.conversation_id = m.conversation_id AND r.created_at >= m.created_at AND r.error IS NULL)) AS "calculatedLater",
             (SELECT h.reference FROM handoffs h WHERE h.conversation_id = m.conversation_id AND h.created_at >= m.created_at
               ORDER BY h.created_at LIMIT 1) AS "handoffReference"
           FROM messages m LEFT JOIN feedback f ON f.message_id = m.id
           WHERE m.created_at >= $1
             AND (m.status NOT IN ('answered', 'answered_reviewed', 'answered_help', 'invalid_empty') OR f.rating = 'down')
           ORDER BY m.created_at DESC, m.seq DESC LIMIT $2`,
          [since, limit],
        )
      ).rows;
    },
  };
}
