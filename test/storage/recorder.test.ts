import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageFault } from "../../server/storage/faults.js";
import { Recorder } from "../../server/storage/recorder.js";
import { SPOOL_FILE, WriteSpool, type EnquiryWriter } from "../../server/storage/spool.js";
import type { EnquiryResult, EnquiryStart, FormToolRun } from "../../server/storage/types.js";

const CONV = "c_RECORDERRECORDERRECO1";
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "recorder-test-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const start = (messageId: string): EnquiryStart => ({
  messageId,
  conversationId: CONV,
  question: "水泥熟料的标杆值是多少",
  redactions: [],
  createdAt: new Date("2026-03-01T02:00:00Z"),
});
const result = { answer: "标杆水平为100千克标准煤/吨。", status: "answered" } as EnquiryResult;
const run: FormToolRun = {
  id: "run-1",
  conversationId: CONV,
  createdAt: new Date("2026-03-01T02:00:00Z"),
  name: "benchmark_gap",
  input: { product: "水泥熟料" },
  output: { gap: 10 },
};

/** A database that takes writes, or refuses them all (as one gone read-only does), recording what it took. */
function database(refuses: boolean) {
  const taken: string[] = [];
  const refuse = () => {
    throw new StorageFault("read_only", "the database was made read-only");
  };
  const storage: EnquiryWriter = {
    async startEnquiry(s) {
      if (refuses) refuse();
      taken.push(`start ${s.messageId}`);
    },
    async finishEnquiry(id) {
      if (refuses) refuse();
      taken.push(`finish ${id}`);
    },
    async addFormToolRun(r) {
      if (refuses) refuse();
      taken.push(`run ${r.id}`);
      return "stored";
    },
  };
  return { storage, taken };
}

function counters() {
  const counted = { notStored: 0, spoolFailed: 0 };
  const lines: Array<{ level: string; message: string }> = [];
  const log = (level: string) => (_fields: unknown, message: string) => lines.push({ level, message });
  return {
    counted,
    lines,
    metrics: {
      enquiryNotStored: () => counted.notStored++,
      spoolFailed: () => counted.spoolFailed++,
    },
    logger: { warn: log("warn"), error: log("error"), info: log("info") },
  };
}

const spooledKinds = (spool: WriteSpool) =>
  fs
    .readFileSync(spool.file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { kind: string }).kind);

describe("Recorder", () => {
  describe("when the database takes writes", () => {
    it("stores the question and then the answer in it, and spools nothing", async () => {
      const { storage, taken } = database(false);
      const spool = new WriteSpool(path.join(dir, SPOOL_FILE));
      const recorder = new Recorder({ storage, spool, ...counters() });
      const where = await recorder.startEnquiry(start("m1"), {});
      await recorder.finishEnquiry(where, "m1", result, {});
      expect(where).toBe("stored");
      expect(taken).toEqual(["start m1", "finish m1"]);
      expect(spool.pending).toBe(false);
    });

    it("writes in what was spooled earlier, soon after a write succeeds", async () => {
      const spool = new WriteSpool(path.join(dir, SPOOL_FILE));
      await spool.append({ kind: "start", start: start("earlier") });
      const { storage, taken } = database(false);
      await new Recorder({ storage, spool }).startEnquiry(start("now"), {});
      await expect.poll(() => taken).toContain("start earlier");
    });
  });

  describe("when the database refuses writes (a StorageFault)", () => {
    it("spools the question and its answer after it, in order, counting the enquiry not stored", async () => {
      const { storage, taken } = database(true);
      const spool = new WriteSpool(path.join(dir, SPOOL_FILE));
      const seen = counters();
      const recorder = new Recorder({ storage, spool, ...seen });
      const where = await recorder.startEnquiry(start("m1"), { requestId: "r1" });
      await recorder.finishEnquiry(where, "m1", result, { requestId: "r1" });
      expect(where).toBe("spooled");
      expect(taken).toEqual([]);
      expect(spooledKinds(spool)).toEqual(["start", "finish"]);
      expect(seen.counted).toEqual({ notStored: 1, spoolFailed: 0 });
      // A warning per enquiry: the storage's health logs the fault itself, once, as the error.
      expect(seen.lines).toEqual([{ level: "warn", message: "enquiry could not be stored" }]);
    });

    it("spools an answer the database refuses after it took the question", async () => {
      let refuses = false;
      const taken: string[] = [];
      const storage: EnquiryWriter = {
        ...database(false).storage,
        async startEnquiry(s) {
          taken.push(s.messageId);
        },
        async finishEnquiry() {
          if (refuses) throw new StorageFault("full", "disk full");
        },
      };
      const spool = new WriteSpool(path.join(dir, SPOOL_FILE));
      const recorder = new Recorder({ storage, spool });
      const where = await recorder.startEnquiry(start("m1"), {});
      refuses = true;
      await recorder.finishEnquiry(where, "m1", result, {});
      expect(where).toBe("stored");
      expect(spooledKinds(spool)).toEqual(["finish"]);
    });

    it("says so as an error, and counts it, when the disk refuses the spool too", async () => {
      const { storage } = database(true);
      // The spool's folder is a file: appending fails, and the line is held in memory.
      fs.writeFileSync(path.join(dir, "not-a-folder"), "");
      const spool = new WriteSpool(path.join(dir, "not-a-folder", SPOOL_FILE));
      const seen = counters();
      await new Recorder({ storage, spool, ...seen }).startEnquiry(start("m1"), {});
      expect(seen.counted).toEqual({ notStored: 1, spoolFailed: 1 });
      expect(seen.lines.map((l) => l.level)).toEqual(["warn", "error"]);
      expect(spool.pending).toBe(true);
    });

    it("keeps a form calculation in the spool, so its card can still be rated", async () => {
      const { storage } = database(true);
      const spool = new WriteSpool(path.join(dir, SPOOL_FILE));
      expect(await new Recorder({ storage, spool }).formToolRun(run)).toBe(true);
      expect(spooledKinds(spool)).toEqual(["form_tool_run"]);
    });

    it("keeps nothing of a form calculation without a spool, and says it was not kept", async () => {
      const { storage } = database(true);
      expect(await new Recorder({ storage }).formToolRun(run)).toBe(false);
    });
  });

  it("does not store an answer whose question was never accepted", async () => {
    const { storage, taken } = database(false);
    await new Recorder({ storage }).finishEnquiry(null, "m1", result, {});
    expect(taken).toEqual([]);
  });
});
