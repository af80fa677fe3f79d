import type {
  DailyActivity,
  EnquiryResult,
  Handoff,
  HandoffChange,
  HandoffEntry,
  HandoffStatus,
  StaffAccount,
  StaffRole,
  StaffSession,
  StaffUser,
} from "./types.js";

/**
 * Rows as both stores read them, and the mapping to and from the shared types, written once so the
 * SQLite and PostgreSQL stores cannot drift apart. Where the drivers differ (SQLite's 0/1 against
 * PostgreSQL's boolean, ISO text against Date), the caller passes the value already read.
 */
export type Row = Record<string, unknown>;

export const json = (value: unknown) => JSON.stringify(value ?? null);

/** The values of an answered enquiry, in the order of both stores' UPDATE, the message id last. */
export function enquiryResultValues(r: EnquiryResult, answeredAt: Date | string, messageId: string) {
  return [
    answeredAt,
    r.resolvedQuestion,
    r.intent,
    r.persona,
    r.answer,
    r.status,
    r.mode,
    r.reviewedAnswerId,
    json(r.notes),
    json(r.timings),
    Math.round(r.durationMs),
    json(r.turn),
    messageId,
  ];
}

/** Counts per Beijing day, each day starting at zero the first time a query names it. */
export function dailyTally() {
  const days = new Map<string, DailyActivity>();
  return {
    add(d: string, counts: Partial<DailyActivity>) {
      let found = days.get(d);
      if (!found) {
        found = { day: d, enquiries: 0, answered: 0, up: 0, down: 0, handoffs: 0, handoffsOpen: 0 };
        days.set(d, found);
      }
      Object.assign(found, counts);
    },
    sorted: () => [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}

export const HANDOFF_COLUMNS: Array<[keyof HandoffChange, string]> = [
  ["status", "status"],
  ["assignedTo", "assigned_to"],
  ["assignedAt", "assigned_at"],
  ["reply", "reply"],
  ["repliedBy", "replied_by"],
  ["repliedAt", "replied_at"],
  ["closedBy", "closed_by"],
  ["closedAt", "closed_at"],
  ["closeNote", "close_note"],
];

export const HANDOFF_SELECT = `reference, conversation_id, question, contact, contact_kind, lookup_hash, created_at, status,
  assigned_to, assigned_at, reply, replied_by, replied_at, closed_by, closed_at, close_note`;

/** The values of a new handoff, in the order of both stores' INSERT. */
export function handoffValues(reference: string, entry: HandoffEntry, createdAt: Date | string) {
  return [
    reference,
    entry.conversationId ?? null,
    entry.question,
    entry.contact ?? null,
    entry.contactKind ?? null,
    entry.lookupHash ?? null,
    createdAt,
  ];
}

export function toHandoff(r: Row): Handoff {
  const text = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
  const status = String(r.status);
  return {
    reference: String(r.reference),
    conversationId: text(r.conversation_id),
    question: String(r.question),
    contact: text(r.contact),
    contactKind: text(r.contact_kind) as Handoff["contactKind"],
    lookupHash: text(r.lookup_hash),
    createdAt: String(r.created_at),
    status: (["open", "assigned", "replied", "done"].includes(status) ? status : "open") as HandoffStatus,
    assignedTo: text(r.assigned_to),
    assignedAt: text(r.assigned_at),
    reply: text(r.reply),
    repliedBy: text(r.replied_by),
    repliedAt: text(r.replied_at),
    closedBy: text(r.closed_by),
    closedAt: text(r.closed_at),
    closeNote: text(r.close_note),
  };
}

export const staffRole = (value: unknown): StaffRole => (value === "admin" ? "admin" : "staff");

export function toStaffUser(r: Row, disabled: boolean): StaffUser {
  return {
    id: Number(r.id),
    username: String(r.username),
    displayName: String(r.display_name),
    passwordHash: String(r.password_hash),
    disabled,
    role: staffRole(r.role),
  };
}

export function toStaffAccount(r: Row, disabled: boolean): StaffAccount {
  return {
    username: String(r.username),
    displayName: String(r.display_name),
    role: staffRole(r.role),
    disabled,
    createdAt: String(r.created_at),
  };
}

export function toStaffSession(r: Row): StaffSession {
  return {
    userId: Number(r.user_id),
    username: String(r.username),
    displayName: String(r.display_name),
    role: staffRole(r.role),
    csrfToken: String(r.csrf_token),
    expiresAt: String(r.expires_at),
  };
}
