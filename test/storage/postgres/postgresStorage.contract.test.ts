import { afterAll, afterEach, beforeAll } from "vitest";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../server/storage/postgres/postgresStorage.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";
import { postgresBackDoor } from "../contract/backDoors.js";
import { storageContract } from "../contract/index.js";

let server: TestPostgres;
let url: string;
const opened: PostgresStorage[] = [];

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase("contract");
}, 60_000);
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});
afterAll(() => server?.stop());

/** Every table but the migrations' record: each test starts on an empty, migrated database. */
const TABLES = `conversations, messages, citations, tool_runs, feedback, conversation_tool_runs, handoffs,
  curated_answers, staff_users, staff_sessions, audit_log, readiness_probe`;

// No wait before a pending enquiry counts as unfinished: the contract's cut-off is the caller's, as on
// SQLite. The margin PostgreSQL adds for other instances has tests of its own (maintenance.test.ts).
storageContract("PostgresStorage", async () => {
  const storage = await openPostgresStorage(url, { longestAnswerMs: 0 });
  opened.push(storage);
  await storage.pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
  return { storage, db: postgresBackDoor(storage.pool) };
});
