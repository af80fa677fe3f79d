import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONVERSATION_ID, KEPT_TURNS, newConversationId } from "../../server/conversation/ids.js";
import type { Turn } from "../../server/pipeline/context.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import type { EnquiryResult } from "../../server/storage/types.js";

/**
 * Conversations as follow-ups see them: an unguessable id, the last turns in order, and nothing left
 * once retention has purged them. (Conversations live in the database since the storage issue; the
 * in-memory store with its TTL and LRU cap is gone.)
 */
describe("conversation ids", () => {
  it("are c_ and 22 base64url characters (128 random bits)", () => {
    for (let i = 0; i < 100; i++) expect(newConversationId()).toMatch(CONVERSATION_ID);
  });

  it("do not repeat", () => {
    const ids = Array.from({ length: 10_000 }, newConversationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("use the whole alphabet, not a counter or a clock", () => {
    const characters = new Set(
      Array.from({ length: 200 }, newConversationId).flatMap((id) => [...id.slice(2)]),
    );
    expect(characters.size).toBeGreaterThan(60);
  });

  it("are refused when they do not have that shape", () => {
    for (const id of [
      "c_short",
      "c_AAAAAAAAAAAAAAAAAAAAAAA",
      "d_AAAAAAAAAAAAAAAAAAAAAA",
      "c_AAAAAAAAAAAAAAAAAAAA/+",
      "c_AAAAAAAAAAAAAAAAAAAAAA\n",
    ]) {
      expect(CONVERSATION_ID.test(id), id).toBe(false);
    }
  });
});

describe("conversation history in storage", () => {
  let storage: SqliteStorage;
  let clock: number;
  const at = () => new Date(clock);

  beforeEach(() => {
    storage = SqliteStorage.open(":memory:");
    clock = Date.parse("2026-01-01T08:00:00Z");
  });

  afterEach(async () => {
    await storage.close();
  });

  const turn = (n: number): Turn => ({
    messageId: `m_${n}`,
    question: `问题${n}`,
    resolvedQuestion: `问题${n}`,
    intent: "plan_fact",
    status: "answered",
    citations: [],
    calculatorRequest: null,
    answer: `回答${n}`,
  });

  const result = (t: Turn): EnquiryResult => ({
    resolvedQuestion: t.resolvedQuestion,
    intent: t.intent,
    persona: "public",
    answer: t.answer,
    status: t.status,
    mode: "offline",
    reviewedAnswerId: null,
    citations: [],
    toolRuns: [],
    notes: [],
    timings: {},
    durationMs: 1,
    turn: t,
  });

  /** What the chat route does for one message: stored when accepted, finished when answered. */
  async function ask(conversationId: string, n: number, { finish = true } = {}) {
    clock += 1000;
    const t = turn(n);
    await storage.startEnquiry({
      messageId: t.messageId,
      conversationId,
      question: t.question,
      redactions: [],
      createdAt: at(),
    });
    if (finish) await storage.finishEnquiry(t.messageId, result(t));
  }

  it("knows a conversation once its first message is stored, and no other", async () => {
    const id = newConversationId();
    expect(await storage.conversationExists(id)).toBe(false);
    await ask(id, 1);
    expect(await storage.conversationExists(id)).toBe(true);
    expect(await storage.conversationExists(newConversationId())).toBe(false);
  });

  it(`keeps the last ${KEPT_TURNS} turns for follow-ups, oldest first`, async () => {
    const id = newConversationId();
    for (let n = 1; n <= KEPT_TURNS + 3; n++) await ask(id, n);
    const history = await storage.history(id, KEPT_TURNS);
    expect(history.map((t) => t.messageId)).toEqual(
      Array.from({ length: KEPT_TURNS }, (_, i) => `m_${i + 4}`),
    );
    expect(history.at(-1)).toEqual(turn(KEPT_TURNS + 3));
  });

  it("keeps turns asked in the same millisecond in the order they were asked", async () => {
    const id = newConversationId();
    for (let n = 1; n <= 3; n++) {
      const t = turn(n);
      await storage.startEnquiry({
        messageId: t.messageId,
        conversationId: id,
        question: t.question,
        redactions: [],
        createdAt: at(),
      });
      await storage.finishEnquiry(t.messageId, result(t));
    }
    expect((await storage.history(id, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_1", "m_2", "m_3"]);
  });

  it("leaves out a message that was never answered", async () => {
    const id = newConversationId();
    await ask(id, 1);
    await ask(id, 2, { finish: false });
    expect((await storage.history(id, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_1"]);
  });

  it("keeps conversations apart", async () => {
    const a = newConversationId();
    const b = newConversationId();
    await ask(a, 1);
    await ask(b, 2);
    await ask(a, 3);
    expect((await storage.history(a, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_1", "m_3"]);
    expect((await storage.history(b, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_2"]);
  });

  it("forgets a conversation once retention has purged it, and keeps newer ones", async () => {
    const old = newConversationId();
    await ask(old, 1);
    clock += 24 * 60 * 60 * 1000;
    const cutoff = at();
    const recent = newConversationId();
    await ask(recent, 2);

    await storage.purgeBefore(cutoff);
    expect(await storage.conversationExists(old)).toBe(false);
    expect(await storage.history(old, KEPT_TURNS)).toEqual([]);
    expect(await storage.conversationExists(recent)).toBe(true);
    expect((await storage.history(recent, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_2"]);
  });

  it("keeps a long conversation that is still in use, dropping only its old turns", async () => {
    const id = newConversationId();
    await ask(id, 1);
    clock += 24 * 60 * 60 * 1000;
    const cutoff = at();
    await ask(id, 2);

    await storage.purgeBefore(cutoff);
    expect(await storage.conversationExists(id)).toBe(true);
    expect((await storage.history(id, KEPT_TURNS)).map((t) => t.messageId)).toEqual(["m_2"]);
  });
});
