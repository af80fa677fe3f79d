import fs from "node:fs";
import path from "node:path";
import { redactDeep, redactPersonalData } from "../pipeline/guard/pii.js";
import type { EnquiryResult, EnquiryStart, EnquiryStore, FormToolRun } from "./types.js";

/** The writes a spooled line is replayed with: all of them idempotent. */
export type EnquiryWriter = Pick<EnquiryStore, "startEnquiry" | "finishEnquiry" | "addFormToolRun">;

/** A write the database refused, kept until it can be made. */
export type SpooledWrite =
  | { kind: "start"; start: EnquiryStart }
  | { kind: "finish"; messageId: string; result: EnquiryResult }
  | { kind: "form_tool_run"; run: FormToolRun };

export interface ReplayOutcome {
  /** Writes made in the database. */
  replayed: number;
  /** Lines that could not be read (a line torn by a crash mid-write). */
  unreadable: number;
  /** The database refused again: what is left stays spooled for the next try. */
  failed: boolean;
}

export const SPOOL_FILE = "unstored-enquiries.jsonl";
const RETRY_AFTER_FAILURE_MS = 5000;

/**
 * Enquiries (and their answers, and form calculations) the database refused, appended to a JSON-lines file in DATA_DIR and
 * fsynced, then written into the database at the next start, or soon after the next write that
 * succeeds. Replaying is safe to repeat: every write is idempotent (a form run has its own id), and a
 * spool file is deleted only once every line in it is in the database.
 *
 * Appending never throws: a line the disk also refuses (the disk is full) is kept in memory and
 * written before the next one, so it is lost only if the process ends before any write succeeds.
 */
export class WriteSpool {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unwritten: string[] = [];
  private replaying: Promise<ReplayOutcome> | null = null;
  private lastFailure = -Infinity;
  private batch = 0;
  /** False once the folder was seen empty of spooled writes and nothing was appended since: no disk look-up on every request. */
  private mayHoldWrites = true;

  constructor(
    readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends the write; true once it is on disk, false when it is held in memory for now. */
  append(write: SpooledWrite): Promise<boolean> {
    this.unwritten.push(JSON.stringify({ v: 1, ...redacted(write) }));
    this.mayHoldWrites = true;
    return this.serially(() => this.flush());
  }

  /** Whether anything waits to be written into the database. */
  get pending(): boolean {
    if (!this.mayHoldWrites) return false;
    const pending = this.unwritten.length > 0 || this.spoolFiles().length > 0;
    if (!pending) this.mayHoldWrites = false;
    return pending;
  }

  /** Replays now (at start-up): every spooled write, oldest first, until the database refuses one. */
  replay(storage: EnquiryWriter): Promise<ReplayOutcome> {
    this.replaying ??= this.replayAll(storage).finally(() => (this.replaying = null));
    return this.replaying;
  }

  /** After a successful write: replays in the background if anything waits, at most every few seconds after a failure. */
  replaySoon(storage: EnquiryWriter, onDone: (outcome: ReplayOutcome | Error) => void = () => {}): void {
    if (this.replaying || !this.pending || this.now() - this.lastFailure < RETRY_AFTER_FAILURE_MS) return;
    this.replay(storage).then(onDone, onDone);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  private async flush(): Promise<boolean> {
    if (!this.unwritten.length) return true;
    // What this flush writes: an append made while it awaits the disk pushes more, which the next
    // flush (queued by that append) writes. Clearing the whole array here would drop them unwritten.
    const lines = this.unwritten.length;
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      const handle = await fs.promises.open(this.file, "a+");
      try {
        // A crash mid-line leaves it unterminated: start on a new line so the next one stays readable.
        const { size } = await handle.stat();
        const last = size > 0 ? (await handle.read(Buffer.alloc(1), 0, 1, size - 1)).buffer.toString() : "\n";
        await handle.appendFile(`${last === "\n" ? "" : "\n"}${this.unwritten.slice(0, lines).join("\n")}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.unwritten.splice(0, lines);
      return true;
    } catch {
      return false;
    }
  }

  /** The spool file and any batches a replay set aside, oldest first. */
  private spoolFiles(): string[] {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const batches = names.filter((name) => name.startsWith(`${base}.replay-`)).sort();
    return [...batches, ...(names.includes(base) && fs.statSync(this.file).size > 0 ? [base] : [])].map(
      (name) => path.join(dir, name),
    );
  }

  private async replayAll(storage: EnquiryWriter): Promise<ReplayOutcome> {
    const outcome: ReplayOutcome = { replayed: 0, unreadable: 0, failed: false };
    // New writes go to a fresh file while this batch is replayed; the batch is deleted once it is all in.
    await this.serially(async () => {
      await this.flush();
      if (fs.existsSync(this.file) && fs.statSync(this.file).size > 0) {
        const stamp = `${String(this.now()).padStart(15, "0")}-${String(this.batch++).padStart(6, "0")}`;
        await fs.promises.rename(this.file, `${this.file}.replay-${stamp}`);
      }
    });
    for (const file of this.spoolFiles().filter((f) => f !== this.file)) {
      const lines = (await fs.promises.readFile(file, "utf8")).split("\n").filter((line) => line.trim());
      for (const line of lines) {
        const write = readLine(line);
        if (!write) {
          outcome.unreadable++;
          continue;
        }
        try {
          await apply(storage, write);
          outcome.replayed++;
        } catch {
          outcome.failed = true;
          this.lastFailure = this.now();
          return outcome;
        }
      }
      await fs.promises.unlink(file);
    }
    return outcome;
  }
}

/**
 * The spool is a plain file beside the database: what it holds is redacted like a question (again,
 * for the question: redacting is idempotent), and a form calculation's fields, output and error too.
 */
function redacted(write: SpooledWrite): SpooledWrite {
  if (write.kind === "start")
    return { ...write, start: { ...write.start, question: redactPersonalData(write.start.question).text } };
  if (write.kind === "form_tool_run")
    return {
      ...write,
      run: {
        ...write.run,
        input: redactDeep(write.run.input),
        output: redactDeep(write.run.output),
        ...(write.run.error !== undefined ? { error: redactDeep(write.run.error) } : {}),
      },
    };
  return write;
}

function readLine(line: string): SpooledWrite | null {
  try {
    const write = JSON.parse(line) as SpooledWrite & { v?: number };
    if (write.kind === "start" && write.start?.messageId)
      return { kind: "start", start: { ...write.start, createdAt: new Date(write.start.createdAt) } };
    if (write.kind === "finish" && write.messageId && write.result)
      return { kind: "finish", messageId: write.messageId, result: write.result };
    if (write.kind === "form_tool_run" && write.run?.id)
      return { kind: "form_tool_run", run: { ...write.run, createdAt: new Date(write.run.createdAt) } };
    return null;
  } catch {
    return null;
  }
}

async function apply(storage: EnquiryWriter, write: SpooledWrite): Promise<void> {
  if (write.kind === "start") await storage.startEnquiry(write.start);
  else if (write.kind === "finish") await storage.finishEnquiry(write.messageId, write.result);
  else await storage.addFormToolRun(write.run);
}
