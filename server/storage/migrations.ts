/**
 * The schema, as numbered migrations. `PRAGMA user_version` records how many have run; each runs once,
 * in a transaction. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    last_at TEXT NOT NULL
  );
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    question TEXT NOT NULL,
    resolved_question TEXT,
    intent TEXT,
    persona TEXT,
    answer TEXT,
    status TEXT NOT NULL,
    mode TEXT,
    reviewed_answer_id INTEGER,
    redactions TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '[]',
    timings TEXT NOT NULL DEFAULT '{}',
    duration_ms INTEGER,
    turn TEXT
  );
  CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
  CREATE INDEX messages_by_time ON messages(created_at);
  CREATE INDEX messages_by_status ON messages(status);
  CREATE TABLE citations (
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    passage_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    breadcrumb TEXT NOT NULL,
    PRIMARY KEY (message_id, position)
  );
  CREATE INDEX citations_by_unit ON citations(unit_id);
  CREATE TABLE tool_runs (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT,
    error TEXT
  );
  CREATE INDEX tool_runs_by_message ON tool_runs(message_id);
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (message_id)
  );
  CREATE TABLE handoffs (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    conversation_id TEXT,
    question TEXT NOT NULL,
    contact TEXT,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
  );
  CREATE TABLE curated_answers (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    question_key TEXT NOT NULL,
    answer TEXT NOT NULL,
    unit_ids TEXT NOT NULL DEFAULT '[]',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  `,
  // Calculator runs made outside a chat answer, from the widget's 算一算 form, kept with the conversation.
  `
  CREATE TABLE conversation_tool_runs (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    name TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT,
    error TEXT
  );
  CREATE INDEX conversation_tool_runs_by_conversation ON conversation_tool_runs(conversation_id, created_at);
  `,
  // When staff closed a handoff: retention counts from then, and an open one is never purged.
  `
  ALTER TABLE handoffs ADD COLUMN closed_at TEXT;
  UPDATE handoffs SET closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE status = 'done';
  `,
  // The bureau's desk (issue 12): how the person can be answered (phone, e-mail, or a lookup code they
  // keep), who took the request, the reply the person reads, and who closed it with what note. Staff
  // accounts get a role; the accounts that existed before roles keep everything they could do.
  `
  ALTER TABLE handoffs ADD COLUMN contact_kind TEXT;
  ALTER TABLE handoffs ADD COLUMN lookup_hash TEXT;
  ALTER TABLE handoffs ADD COLUMN assigned_to TEXT;
  ALTER TABLE handoffs ADD COLUMN assigned_at TEXT;
  ALTER TABLE handoffs ADD COLUMN reply TEXT;
  ALTER TABLE handoffs ADD COLUMN replied_by TEXT;
  ALTER TABLE handoffs ADD COLUMN replied_at TEXT;
  ALTER TABLE handoffs ADD COLUMN closed_by TEXT;
  ALTER TABLE handoffs ADD COLUMN close_note TEXT;
  CREATE INDEX handoffs_by_status ON handoffs(status, created_at);
  CREATE INDEX handoffs_by_conversation ON handoffs(conversation_id);
  ALTER TABLE staff_users ADD COLUMN role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'admin'));
  UPDATE staff_users SET role = 'admin';
  `,
  // /readyz writes (and commits) this one row: a write rolled back proves nothing about the disk.
  `
  CREATE TABLE readiness_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at TEXT NOT NULL
  );
  `,
  // 👍/👎 on a form calculation's card, kept on the run itself: it is purged with it, and a rating
  // again replaces the first (its comment kept unless a new one is given), as for an answer.
  `
  ALTER TABLE conversation_tool_runs ADD COLUMN rating TEXT CHECK (rating IN ('up', 'down'));
  ALTER TABLE conversation_tool_runs ADD COLUMN feedback_comment TEXT;
  ALTER TABLE conversation_tool_runs ADD COLUMN rated_at TEXT;
  CREATE INDEX conversation_tool_runs_by_time ON conversation_tool_runs(created_at);
  `,
  // Reviewed answers are drafted, then published by an admin (issue 12): the text being worked on stays in
  // question/answer/unit_ids, the version served is copied beside it with who published it and when.
  // Answers saved before this were served on save: they count as published by their author then.
  `
  ALTER TABLE curated_answers ADD COLUMN updated_by TEXT;
  ALTER TABLE curated_answers ADD COLUMN published_question TEXT;
  ALTER TABLE curated_answers ADD COLUMN published_answer TEXT;
  ALTER TABLE curated_answers ADD COLUMN published_unit_ids TEXT;
  ALTER TABLE curated_answers ADD COLUMN published_by TEXT;
  ALTER TABLE curated_answers ADD COLUMN published_at TEXT;
  UPDATE curated_answers SET updated_by = author, published_question = question, published_answer = answer,
    published_unit_ids = unit_ids, published_by = author, published_at = updated_at;
  CREATE INDEX feedback_by_time ON feedback(created_at);
  CREATE INDEX handoffs_by_time ON handoffs(created_at);
  `,
];
