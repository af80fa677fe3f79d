import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { SPOOL_FILE, WriteSpool } from "../../server/storage/spool.js";
import type { EnquiryResult, EnquiryStart, Storage } from "../../server/storage/types.js";
import { storageWith } from "../support/appWith.js";

const CONV = "c_SPOOLSPOOLSPOOLSPOOL1";
let dir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spool-test-"));
  storage = SqliteStorage.open(path.join(dir, "assistant.sqlite"));
});

afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const spoolAt = (file = path.join(dir, SPOOL_FILE)) => new WriteSpool(file);

function enquiry(question: string): { start: EnquiryStart; result: EnquiryResult } {
  const messageId = randomUUID();
  const answer = `关于“${question}”：方案原文如下[1]。`;
  const citations = [
    {
      id: "hn2023:1.3#1",
      unitId: "hn2023:1.3",
      breadcrumb: "一、总体要求 › （三）主要目标",
      quote: "到2025年……",
    },
  ];
  return {
    start: {
      messageId,
      conversationId: CONV,
      question,
      redactions: ["mobile"],
      createdAt: new Date("2026-03-01T02:00:00Z"),
    },
    result: {
      resolvedQuestion: question,
      intent: "plan_fact",
      persona: "sme",
      answer,
      status: "answered",
      mode: "offline",
      reviewedAnswerId: null,
      citations,
      toolRuns: [
        {
          name: "benchmark_gap",
          input: { product: "水泥熟料", unitConsumption: 110 },
          output: { gapToBenchmark: 10 },
        },
      ],
      notes: [],
      timings: { compose: 1.5 },
      durationMs: 20,
      turn: {
        messageId,
        question,
        resolvedQuestion: question,
        intent: "plan_fact",
        status: "answered",
        citations,
        calculatorRequest: null,
        answer,
      },
    },
  };
}

async function spoolWhole(spool: WriteSpool, e: ReturnType<typeof enquiry>) {
  expect(await spool.append({ kind: "start", start: e.start })).toBe(true);
  expect(await spool.append({ kind: "finish", messageId: e.start.messageId, result: e.result })).toBe(true);
}

/** Two whole enquiries in the spool, in order. */
async function spoolTwo(spool: WriteSpool) {
  const pair = [enquiry("钢铁行业2025年的目标是什么"), enquiry("水泥熟料的标杆值是多少")] as const;
  for (const e of pair) await spoolWhole(spool, e);
  return pair;
}

const spoolFiles = () => fs.readdirSync(dir).filter((name) => name.startsWith(SPOOL_FILE));

describe("WriteSpool", () => {
  it("keeps refused writes in DATA_DIR as JSON lines, one per write", async () => {
    const spool = spoolAt();
    await spoolWhole(spool, enquiry("钢铁行业2025年的目标是什么"));
    const lines = fs.readFileSync(spool.file, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).kind)).toEqual(["start", "finish"]);
    expect(spool.pending).toBe(true);
  });

  it("loses no write appended while an earlier one is being written (many requests spooling at once)", async () => {
    const spool = spoolAt();
    const ids: string[] = [];
    const appended: Array<Promise<boolean>> = [];
    for (let i = 0; i < 200; i++) {
      const { start } = enquiry(`问题${i}`);
      ids.push(start.messageId);
      appended.push(spool.append({ kind: "start", start }));
      // The next append comes while the file is opened, appended to or synced for the ones before.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(appended)).toEqual(ids.map(() => true));
    const lines = fs.readFileSync(path.join(dir, SPOOL_FILE), "utf8").split("\n").filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { start: EnquiryStart }).start.messageId)).toEqual(ids);
  });

  it("writes them into the database, question, answer, citations and tool runs, then empties itself", async () => {
    const spool = spoolAt();
    const [first, second] = await spoolTwo(spool);
    expect(await spool.replay(storage)).toEqual({ replayed: 4, unreadable: 0, failed: false });
    const rows = await storage.conversation(CONV);
    expect(rows.map((r) => [r.messageId, r.question, r.status, r.answer])).toEqual([
      [first.start.messageId, first.start.question, "answered", first.result.answer],
      [second.start.messageId, second.start.question, "answered", second.result.answer],
    ]);
    expect(rows[0]!.createdAt).toBe("2026-03-01T02:00:00.000Z");
    expect(rows[0]!.citations.map((c) => c.passageId)).toEqual(["hn2023:1.3#1"]);
    expect(rows[0]!.toolRuns).toHaveLength(1);
    expect(spool.pending).toBe(false);
    expect(spoolFiles()).toEqual([]);
  });

  it("a question whose answer never came is written pending (the next start marks it)", async () => {
    const spool = spoolAt();
    const e = enquiry("节能诊断怎么申请");
    await spool.append({ kind: "start", start: e.start });
    await spool.replay(storage);
    expect((await storage.conversation(CONV)).map((r) => r.status)).toEqual(["pending"]);
  });

  describe("when the database refuses again during a replay", () => {
    it("keeps everything not yet written, and writes it all at the next replay, nothing twice", async () => {
      const spool = spoolAt();
      const [first, second] = await spoolTwo(spool);
      let starts = 0;
      const flaky: Storage = storageWith(storage, {
        startEnquiry: async (start) => {
          if (++starts === 2) throw new Error("SQLITE_FULL: database or disk is full");
          return storage.startEnquiry(start);
        },
      });
      expect(await spool.replay(flaky)).toEqual({ replayed: 2, unreadable: 0, failed: true });
      expect(spool.pending).toBe(true);
      // Refused while the batch is set aside: a new write still lands, after it.
      const third = enquiry("电机能效提升怎么做");
      await spoolWhole(spool, third);

      expect((await spool.replay(storage)).failed).toBe(false);
      const rows = await storage.conversation(CONV);
      expect(rows.map((r) => [r.question, r.status])).toEqual([
        [first.start.question, "answered"],
        [second.start.question, "answered"],
        [third.start.question, "answered"],
      ]);
      expect(rows[0]!.toolRuns).toHaveLength(1);
      expect(rows[0]!.citations).toHaveLength(1);
      expect(spoolFiles()).toEqual([]);
    });
  });

  it("skips a line torn by a crash mid-write and keeps the lines after it readable", async () => {
    const spool = spoolAt();
    const torn = enquiry("节能诊断怎么申请");
    fs.writeFileSync(spool.file, JSON.stringify({ v: 1, kind: "start", start: torn.start }).slice(0, 40));
    const whole = enquiry("钢铁行业2025年的目标是什么");
    await spoolWhole(spool, whole);
    expect(await spool.replay(storage)).toEqual({ replayed: 2, unreadable: 1, failed: false });
    expect((await storage.conversation(CONV)).map((r) => r.question)).toEqual([whole.start.question]);
  });

  it("holds a write in memory when the disk refuses it too, and writes it before the next one", async () => {
    const blocked = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocked, "");
    const spool = spoolAt(path.join(blocked, SPOOL_FILE));
    const first = enquiry("钢铁行业2025年的目标是什么");
    expect(await spool.append({ kind: "start", start: first.start })).toBe(false);
    expect(spool.pending).toBe(true);
    fs.rmSync(blocked);
    fs.mkdirSync(blocked);
    expect(
      await spool.append({ kind: "finish", messageId: first.start.messageId, result: first.result }),
    ).toBe(true);
    expect(
      fs
        .readFileSync(spool.file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).kind),
    ).toEqual(["start", "finish"]);
  });

  it("replays once at a time: a second call while one runs shares it", async () => {
    const spool = spoolAt();
    await spoolWhole(spool, enquiry("钢铁行业2025年的目标是什么"));
    const [a, b] = await Promise.all([spool.replay(storage), spool.replay(storage)]);
    expect(a).toBe(b);
    expect(await storage.countMessages()).toBe(1);
  });
});
