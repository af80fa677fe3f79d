import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  longestAnswerMs,
  PURGE_LOCK,
  UNFINISHED_MARGIN_MS,
} from "../../../server/storage/postgres/maintenance.js";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../server/storage/postgres/postgresStorage.js";
import { usePostgresCluster } from "../../support/postgres.js";
import { CONV, DAY, seed } from "../contract/fixtures.js";

const cluster = usePostgresCluster<PostgresStorage>();
const { opened } = cluster;

/** Two instances on one fresh database, as behind a load balancer. */
async function twoInstances(name: string, longest = 60_000): Promise<[PostgresStorage, PostgresStorage]> {
  const url = await cluster.server().createDatabase(name);
  const a = await openPostgresStorage(url, { longestAnswerMs: longest });
  const b = await openPostgresStorage(url, { longestAnswerMs: longest });
  opened.push(a, b);
  return [a, b];
}

const statusOf = async (storage: PostgresStorage, messageId: string) =>
  (await storage.conversation(CONV)).find((m) => m.messageId === messageId)?.status;

describe("PostgresStorage's upkeep, with other instances on the same database", () => {
  describe("failUnfinished (at start, and every few minutes)", () => {
    it("leaves an enquiry younger than the longest answer alone: another instance may be answering it", async () => {
      const [restarted, answering] = await twoInstances("unfinished_young");
      const now = Date.now();
      const young = await seed(answering, { question: "正在回答的问题", at: new Date(now - 10_000) });
      const old = await seed(answering, { question: "崩溃时留下的问题", at: new Date(now - 5 * 60_000) });
      // The caller asks for every pending enquiry up to now, as SQLite's start does.
      expect(await restarted.failUnfinished("error_interrupted", new Date(now))).toBe(1);
      expect(await statusOf(restarted, young)).toBe("pending");
      expect(await statusOf(restarted, old)).toBe("error_interrupted");
    });

    it("still honours an earlier cut-off the caller gives", async () => {
      const [storage] = await twoInstances("unfinished_cutoff");
      const old = await seed(storage, { question: "很早的问题", at: new Date(Date.now() - 10 * 60_000) });
      expect(await storage.failUnfinished("error_interrupted", new Date(Date.now() - DAY))).toBe(0);
      expect(await statusOf(storage, old)).toBe("pending");
    });

    it("waits the LLM's and the embedding's time-outs, and a margin beyond them", () => {
      expect(longestAnswerMs({ llm: null, embeddings: null })).toBe(UNFINISHED_MARGIN_MS);
      const llm = { totalTimeoutMs: 30_000 } as Parameters<typeof longestAnswerMs>[0]["llm"];
      const embeddings = { timeoutMs: 5000 } as Parameters<typeof longestAnswerMs>[0]["embeddings"];
      expect(longestAnswerMs({ llm, embeddings })).toBe(35_000 + UNFINISHED_MARGIN_MS);
    });
  });

  describe("purgeBefore", () => {
    it("run by two instances at once, purges once and neither fails", async () => {
      const [a, b] = await twoInstances("purge_together");
      const old = new Date(Date.now() - 400 * DAY);
      for (let i = 0; i < 20; i++) await seed(a, { question: `旧问题${i}`, at: old, finish: {} });
      await seed(a, { question: "新问题", at: new Date(), finish: {} });
      const cutoff = new Date(Date.now() - 180 * DAY);
      const removed = await Promise.all([a.purgeBefore(cutoff), b.purgeBefore(cutoff)]);
      expect(removed[0]! + removed[1]!).toBe(20);
      expect(await a.countMessages()).toBe(1);
    });

    it("is left to the instance holding the lock: another one purges nothing meanwhile", async () => {
      const [a, b] = await twoInstances("purge_locked");
      await seed(a, { question: "旧问题", at: new Date(Date.now() - 400 * DAY), finish: {} });
      const holder = await a.pool.connect();
      try {
        await holder.query("SELECT pg_advisory_lock($1)", [PURGE_LOCK]);
        expect(await b.purgeBefore(new Date(Date.now() - 180 * DAY))).toBe(0);
        expect(await b.countMessages()).toBe(1);
        await holder.query("SELECT pg_advisory_unlock($1)", [PURGE_LOCK]);
      } finally {
        holder.release();
      }
      expect(await b.purgeBefore(new Date(Date.now() - 180 * DAY))).toBe(1);
    });
  });

  it("replays of the spool are idempotent across instances: a start and a finish made twice store one answer", async () => {
    const [a, b] = await twoInstances("replay_twice");
    const messageId = randomUUID();
    const start = {
      messageId,
      conversationId: CONV,
      question: "节能",
      redactions: [],
      createdAt: new Date(),
    };
    await Promise.all([a.startEnquiry(start), b.startEnquiry(start)]);
    expect(await a.countMessages()).toBe(1);
  });
});
