import type { Logger } from "pino";
import * as z from "zod";
import { AppError } from "../http/errors.js";
import { messages } from "../messages.js";
import type { Mailer } from "../notify/mail.js";
import type { Handoff, HandoffChange, HandoffStatus, HandoffStore, AuditStore } from "../storage/types.js";
import { redactContact } from "../handoff/contact.js";
import { parseFields } from "./validate.js";

const t = messages.admin.handoffs;

/** What became of the e-mail of a reply: none needed (no mailer, or no address), sent, or failed. */
export type MailOutcome = "none" | "sent" | "failed";
export const MAIL_SENT = "handoff_mail_sent";
export const MAIL_FAILED = "handoff_mail_failed";

export const replySchema = z.object({ reply: z.string().trim().min(1).max(4000) });
export const closeSchema = z.object({ note: z.string().trim().min(1).max(1000) });

/**
 * The desk's steps on one 人工服务 request, each checked, stored and audit-logged with who did it:
 * take it (assign), answer it (the reply the person reads in 查询办理进度), close it with a note, and
 * open it again. A closed request changes only by being reopened.
 */
export class HandoffDesk {
  /** With a mailer (SMTP configured), a reply to a request that left an e-mail address is also e-mailed. */
  constructor(
    private readonly storage: HandoffStore & AuditStore,
    private readonly mailer: Mailer | null = null,
    private readonly logger?: Logger,
  ) {}

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

  /**
   * Stores the reply (a second one replaces the first; the audit log keeps both) and takes the request
   * if nobody has; then, stored and audited, e-mails it when it can (see mailReply).
   */
  async reply(reference: string, body: unknown, by: string): Promise<MailOutcome> {
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
    return this.mailReply(found, reply, by);
  }

  /**
   * Sends the reply to the request's e-mail address, and nothing but this request's reference and
   * reply. A failure loses nothing (the reply is stored): it is logged once and audited, so the
   * request's page tells staff "邮件未发出" and they can answer by other means or save again.
   */
  private async mailReply(handoff: Handoff, reply: string, by: string): Promise<MailOutcome> {
    const to = handoff.contactKind === "email" ? handoff.contact : undefined;
    if (!this.mailer || !to) return "none";
    const { reference } = handoff;
    const shownTo = redactContact(to, "email");
    let outcome: MailOutcome = "sent";
    let error: string | undefined;
    try {
      await this.mailer.send({
        to,
        subject: messages.mail.replySubject(reference),
        text: messages.mail.replyBody(reference, reply),
      });
    } catch (err) {
      outcome = "failed";
      error = err instanceof Error ? err.message : String(err);
      this.logger?.error({ reference, to: shownTo, error }, "the reply could not be e-mailed");
    }
    try {
      await this.storage.audit(by, outcome === "sent" ? MAIL_SENT : MAIL_FAILED, {
        reference,
        to: shownTo,
        ...(error ? { error } : {}),
      });
    } catch (err) {
      this.logger?.error({ err, reference, outcome }, "the e-mail's outcome could not be recorded");
    }
    return outcome;
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
