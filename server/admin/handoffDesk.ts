import * as z from "zod";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import type { Handoff, HandoffChange, HandoffStatus, Storage } from "../storage/types.js";
import { parseFields } from "./validate.js";

const t = messages.admin.handoffs;

export const replySchema = z.object({ reply: z.string().trim().min(1).max(4000) });
export const closeSchema = z.object({ note: z.string().trim().min(1).max(1000) });

/**
 * The desk's steps on one 人工服务 request, each checked, stored and audit-logged with who did it:
 * take it (assign), answer it (the reply the person reads in 查询办理进度), close it with a note, and
 * open it again. A closed request changes only by being reopened.
 */
export class HandoffDesk {
  constructor(private readonly storage: Storage) {}

  async find(reference: string): Promise<Handoff> {
    const found = await this.storage.findHandoff(reference);
    if (!found) throw new AppError("not_found:handoff", t.notFound(reference));
    return found;
  }

  private async open(reference: string): Promise<Handoff> {
    const found = await this.find(reference);
    if (found.status === "done") throw new AppError("bad_request:handoff", t.alreadyClosed);
    return found;
  }

  private async change(reference: string, change: HandoffChange, by: string, action: string, detail = {}) {
    await this.storage.updateHandoff(reference, change);
    await this.storage.audit(by, action, { reference, ...detail });
  }

  async assign(reference: string, by: string): Promise<void> {
    const found = await this.open(reference);
    if (found.assignedTo === by) return;
    const status: HandoffStatus = found.status === "open" ? "assigned" : found.status;
    await this.change(
      reference,
      { status, assignedTo: by, assignedAt: new Date().toISOString() },
      by,
      "handoff_assign",
      { previous: found.assignedTo ?? null },
    );
  }

  /** Stores the reply (a second one replaces the first; the audit log keeps both) and takes the request if nobody has. */
  async reply(reference: string, body: unknown, by: string): Promise<void> {
    const { reply } = parseFields("handoff", replySchema, body);
    const found = await this.open(reference);
    const now = new Date().toISOString();
    await this.change(
      reference,
      {
        status: "replied",
        reply,
        repliedBy: by,
        repliedAt: now,
        ...(found.assignedTo ? {} : { assignedTo: by, assignedAt: now }),
      },
      by,
      "handoff_reply",
      { reply },
    );
  }

  async close(reference: string, body: unknown, by: string): Promise<void> {
    const { note } = parseFields("handoff", closeSchema, body);
    await this.open(reference);
    await this.change(
      reference,
      { status: "done", closedBy: by, closedAt: new Date().toISOString(), closeNote: note },
      by,
      "handoff_close",
      { note },
    );
  }

  /** Back to where it was before closing: answered, taken, or waiting. */
  async reopen(reference: string, by: string): Promise<void> {
    const found = await this.find(reference);
    if (found.status !== "done") throw new AppError("bad_request:handoff", t.notClosed);
    const status: HandoffStatus = found.reply ? "replied" : found.assignedTo ? "assigned" : "open";
    await this.change(
      reference,
      { status, closedBy: null, closedAt: null, closeNote: null },
      by,
      "handoff_reopen",
      { previousNote: found.closeNote ?? null },
    );
  }
}
