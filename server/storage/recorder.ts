import type { EnquiryWriter, ReplayOutcome, SpooledWrite, WriteSpool } from "./spool.js";
import type { EnquiryResult, EnquiryStart, FormToolRun } from "./types.js";

/** Where an enquiry's question went: the answer must follow it there, in order. */
export type Recorded = "stored" | "spooled";

interface RecorderLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  info(fields: unknown, message: string): void;
}

interface RecorderMetrics {
  enquiryNotStored(): void;
  spoolFailed(): void;
}

export interface RecorderDeps {
  storage: EnquiryWriter;
  /** Absent (a calculators-only app): a refused write is not kept. */
  spool?: WriteSpool;
  logger?: RecorderLog;
  metrics?: RecorderMetrics;
}

/**
 * The one place that chooses between the database and the spool for what people send: a write the
 * database refuses (a StorageFault, or any other error) is appended to the spool and replayed later,
 * so the answer is served all the same and the enquiry is not lost. The chat route and the 算一算
 * form's route both record through it.
 */
export class Recorder {
  constructor(private readonly deps: RecorderDeps) {}

  /** Stores the question before it is answered; refused, it is spooled (the person is answered anyway). */
  async startEnquiry(start: EnquiryStart, log: Record<string, unknown>): Promise<Recorded> {
    const { storage, spool, logger, metrics } = this.deps;
    try {
      await storage.startEnquiry(start);
      // The database takes writes again: what it refused earlier can go in now.
      spool?.replaySoon(storage, this.replayed);
      return "stored";
    } catch (error) {
      // A warning: the storage logs the fault itself once, as an error, not once per enquiry.
      const fields = { err: error, ...log, messageId: start.messageId };
      logger?.warn(fields, "enquiry could not be stored");
      metrics?.enquiryNotStored();
      await this.keep({ kind: "start", start }, fields);
      return "spooled";
    }
  }

  /**
   * Stores the answer where its question went. Stored: into the database, spooled if refused (without
   * it, the enquiry would be marked error_interrupted at the next start). Spooled: after it, in order.
   */
  async finishEnquiry(
    question: Recorded | null,
    messageId: string,
    result: EnquiryResult,
    log: Record<string, unknown>,
  ): Promise<void> {
    const { storage, spool, logger, metrics } = this.deps;
    const finish: SpooledWrite = { kind: "finish", messageId, result };
    if (question === "stored") {
      try {
        await storage.finishEnquiry(messageId, result);
      } catch (error) {
        const fields = { err: error, ...log, messageId };
        logger?.warn(fields, "answer could not be stored");
        metrics?.enquiryNotStored();
        await this.keep(finish, fields);
      }
    } else if (question === "spooled") {
      await this.keep(finish, { ...log, messageId });
      spool?.replaySoon(storage, this.replayed);
    }
  }

  /** Whether a form calculation is kept (stored, or spooled to be stored): only then can it be rated. */
  async formToolRun(run: FormToolRun): Promise<boolean> {
    const { storage, spool, logger, metrics } = this.deps;
    try {
      // An unknown (or purged) conversation keeps nothing; the calculation is answered all the same.
      return (await storage.addFormToolRun(run)) === "stored";
    } catch (error) {
      logger?.warn(
        { err: error, conversationId: run.conversationId, tool: run.name },
        "form calculation could not be stored",
      );
      metrics?.enquiryNotStored();
      if (spool && !(await spool.append({ kind: "form_tool_run", run }))) metrics?.spoolFailed();
      return Boolean(spool);
    }
  }

  /** Only if the disk refuses the spool too is the write at risk: it is held in memory meanwhile. */
  private async keep(write: SpooledWrite, log: Record<string, unknown>): Promise<void> {
    const onDisk = (await this.deps.spool?.append(write)) ?? false;
    if (!onDisk) {
      this.deps.metrics?.spoolFailed();
      this.deps.logger?.error(
        log,
        "enquiry could not be spooled either; held in memory until the disk takes it",
      );
    }
  }

  private readonly replayed = (outcome: ReplayOutcome | Error) => {
    if (outcome instanceof Error)
      this.deps.logger?.error({ err: outcome }, "replaying spooled enquiries failed");
    else if (outcome.replayed || outcome.unreadable)
      this.deps.logger?.info(outcome, "spooled enquiries written to the database");
  };
}
