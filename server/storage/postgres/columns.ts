/** An enquiry as the console's lists show it, with its rating (messages m, feedback f). */
export const ROW_COLUMNS = `m.id AS "messageId", m.conversation_id AS "conversationId", m.created_at AS "createdAt", m.question, m.status,
  m.intent, m.persona, m.mode, m.duration_ms AS "durationMs", f.rating, f.comment AS "feedbackComment"`;
