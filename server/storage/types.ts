import type { Citation, ToolRun, Turn } from "../conversation/records.js";

/** An enquiry as it arrives: stored before it is answered, so it is never lost. */
export interface EnquiryStart {
  messageId: string;
  conversationId: string;
  /** After personal data was redacted; the raw message is never stored. */
  question: string;
  redactions: string[];
  createdAt: Date;
}

export interface EnquiryResult {
  resolvedQuestion: string;
  intent: string;
  persona: string;
  answer: string;
  status: string;
  mode: "offline" | "llm";
  reviewedAnswerId: number | null;
  citations: Citation[];
  toolRuns: ToolRun[];
  notes: string[];
  timings: Record<string, number>;
  durationMs: number;
  turn: Turn;
}

export interface EnquiryFilter {
  from?: string;
  to?: string;
  status?: string;
  persona?: string;
  feedback?: "up" | "down" | "any" | "none";
  unanswered?: boolean;
  text?: string;
  limit: number;
  offset: number;
}

export interface EnquiryRow {
  messageId: string;
  conversationId: string;
  createdAt: string;
  question: string;
  status: string;
  intent: string | null;
  persona: string | null;
  mode: string | null;
  durationMs: number | null;
  rating: "up" | "down" | null;
  feedbackComment: string | null;
}

export interface EnquiryDetail extends EnquiryRow {
  answer: string | null;
  resolvedQuestion: string | null;
  citations: Array<{ passageId: string; unitId: string; breadcrumb: string }>;
  toolRuns: Array<{ name: string; input: unknown; output: unknown; error: string | null }>;
  notes: string[];
}

/** A calculator run from the widget's 算一算 form (not part of a chat answer), kept with its conversation. */
export interface FormToolRun {
  /** Chosen by the caller, so that writing the same run twice (a spooled write replayed) stores it once. */
  id: string;
  conversationId: string;
  createdAt: Date;
  name: string;
  input: unknown;
  output: unknown;
  /** Set when the calculator refused the input; the message the person saw. */
  error?: string;
}

export interface StoredFormToolRun {
  id: string;
  createdAt: string;
  name: string;
  input: unknown;
  output: unknown;
  error: string | null;
  /** 👍/👎 the person gave the result's card (POST /api/feedback with the run's id), and its comment. */
  rating: "up" | "down" | null;
  feedbackComment: string | null;
}

/** A form calculation as the console's list shows it, with the conversation it links to. */
export interface ListedFormToolRun extends StoredFormToolRun {
  conversationId: string;
}

export interface FeedbackEntry {
  conversationId: string;
  messageId: string;
  rating: "up" | "down";
  comment?: string;
}

/** How staff can answer a handoff: by phone, by e-mail, or not at all (the person looks the reply up). */
export type ContactKind = "phone" | "email" | "none";

/** open 待处理 → assigned 处理中 → replied 已答复 → done 已办结 (reopened, it goes back a step). */
export type HandoffStatus = "open" | "assigned" | "replied" | "done";
export const HANDOFF_STATUSES: readonly HandoffStatus[] = ["open", "assigned", "replied", "done"];

export interface HandoffEntry {
  conversationId?: string;
  question: string;
  /** The phone number or e-mail address, normalised; none when the person chose to look the reply up. */
  contact?: string;
  /** Absent on requests made before the desk (their contact is free text). */
  contactKind?: ContactKind;
  /** SHA-256 of the lookup code given to a person who left no contact. */
  lookupHash?: string;
}

export interface Handoff extends HandoffEntry {
  reference: string;
  createdAt: string;
  status: HandoffStatus;
  assignedTo?: string;
  assignedAt?: string;
  reply?: string;
  repliedBy?: string;
  repliedAt?: string;
  closedBy?: string;
  closedAt?: string;
  closeNote?: string;
}

/** What staff change on a handoff; undefined leaves a field alone, null clears it. */
export type HandoffChange = Partial<{
  status: HandoffStatus;
  assignedTo: string | null;
  assignedAt: string | null;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeNote: string | null;
}>;

/** The text of a reviewed answer the assistant serves, and who published it when. */
export interface PublishedVersion {
  question: string;
  answer: string;
  unitIds: string[];
  by: string;
  at: string;
}

/**
 * A reviewed answer. question/answer/unitIds are the text being worked on (a draft until published);
 * `published` is the version the assistant serves, until an admin publishes the next. `active` false
 * means staff stopped it being served (停用).
 */
export interface CuratedAnswer {
  id: number;
  question: string;
  answer: string;
  unitIds: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Who last saved the text (the author, or whoever edited it since). */
  updatedBy: string;
  active: boolean;
  published: PublishedVersion | null;
}

/** staff: the desk and the reports; admin: also accounts and publishing reviewed answers. */
export type StaffRole = "staff" | "admin";
export const STAFF_ROLES: readonly StaffRole[] = ["staff", "admin"];

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
  role: StaffRole;
}

/** An account as the accounts page and `npm run staff -- list` show it (no password hash). */
export interface StaffAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

export interface StaffSession {
  userId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  csrfToken: string;
  expiresAt: string;
}

export type AuditKind = "all" | "changes" | "views";

export interface CountedTopic {
  unitId: string;
  breadcrumb: string;
  count: number;
}

/** One Beijing calendar day of the dashboard: enquiries and how they went, ratings, handoffs. */
export interface DailyActivity {
  /** "2026-03-01", Beijing time. */
  day: string;
  enquiries: number;
  /** answered or answered_reviewed */
  answered: number;
  up: number;
  down: number;
  handoffs: number;
  /** Of that day's handoffs, those not closed yet. */
  handoffsOpen: number;
}

/** A question people asked (not a greeting, a request for a person or a refusal), for 热门问题. */
export interface AskedQuestion {
  messageId: string;
  conversationId: string;
  question: string;
  createdAt: string;
  status: string;
}

/** An enquiry that may not have helped, with what happened around it in its conversation (待改进). */
export interface ImprovementCandidate extends EnquiryRow {
  /** The question asked just before it in the same conversation. */
  previousQuestion: string | null;
  /** What the next question in the conversation ended as, and what it asked. */
  nextStatus: string | null;
  nextQuestion: string | null;
  /** A calculation completed later in the conversation (in chat or the 算一算 form). */
  calculatedLater: boolean;
  /** The 人工服务 request made from the conversation at or after it, if any. */
  handoffReference: string | null;
}

export interface PurgeOptions {
  auditBefore?: Date;
  handoffContactsBefore?: Date;
}

/**
 * Enquiries and everything kept with them: conversations, the question and its answer, form
 * calculations, ratings, and the console's reports over them.
 */
export interface EnquiryStore {
  conversationExists(id: string): Promise<boolean>;
  createConversation(id: string, at: Date): Promise<void>;
  history(conversationId: string, turns: number): Promise<Turn[]>;

  /** Stores the question as `pending`; again for the same messageId, changes nothing. */
  startEnquiry(start: EnquiryStart): Promise<void>;
  /** Stores the answer; again for the same messageId, replaces it (citations and tool runs too) rather than adding. */
  finishEnquiry(messageId: string, result: EnquiryResult): Promise<void>;
  listEnquiries(filter: EnquiryFilter): Promise<{ rows: EnquiryRow[]; total: number }>;
  conversation(id: string): Promise<EnquiryDetail[]>;
  countMessages(): Promise<number>;
  /** Stores a form calculation with its conversation; "unknown_conversation" (nothing stored) for one it does not hold. */
  addFormToolRun(run: FormToolRun): Promise<"stored" | "unknown_conversation">;
  formToolRuns(conversationId: string): Promise<StoredFormToolRun[]>;
  /** Form calculations of every conversation, newest first; `rated` keeps those with 👍/👎 only. */
  listFormToolRuns(limit: number, options?: { rated?: boolean }): Promise<ListedFormToolRun[]>;

  /** A rating of an answer (its messageId) or of a form calculation (its run's id), in that conversation. */
  addFeedback(entry: FeedbackEntry): Promise<"stored" | "unknown_message">;
  listFeedback(limit: number): Promise<EnquiryRow[]>;

  topTopics(since: Date, limit: number): Promise<CountedTopic[]>;
  /** Per Beijing day since the cut-off, days with nothing left out. */
  activityByDay(since: Date): Promise<DailyActivity[]>;
  /** Questions since the cut-off, newest first (greetings, requests for a person and refusals left out). */
  askedQuestions(since: Date, limit: number): Promise<AskedQuestion[]>;
  /** Enquiries since the cut-off that did not end answered, or were rated 👎; newest first. */
  improvementCandidates(since: Date, limit: number): Promise<ImprovementCandidate[]>;
}

/** 人工服务 requests and the desk's work on them. */
export interface HandoffStore {
  addHandoff(entry: HandoffEntry): Promise<{ reference: string; createdAt: string }>;
  /** Sets a handoff's status (done stamps closed_at, anything else clears it); false when no such reference. */
  setHandoffStatus(reference: string, status: HandoffStatus): Promise<boolean>;
  /** Changes the given fields of a handoff; false when no such reference. */
  updateHandoff(reference: string, change: HandoffChange): Promise<boolean>;
  findHandoff(reference: string): Promise<Handoff | null>;
  /** Pending first (open, then assigned, then replied; oldest first), then closed ones (newest first). */
  listHandoffs(limit: number): Promise<Handoff[]>;
  handoffsOf(conversationId: string): Promise<Handoff[]>;
  countHandoffs(): Promise<Record<HandoffStatus, number>>;
}

/** Reviewed (curated) answers: drafted by staff, served once an admin publishes them. */
export interface ReviewedAnswerStore {
  /** A new reviewed answer, as a draft: served only once published. */
  addCuratedAnswer(entry: Pick<CuratedAnswer, "question" | "answer" | "unitIds" | "author">): Promise<number>;
  updateCuratedAnswer(
    id: number,
    change: Partial<Pick<CuratedAnswer, "question" | "answer" | "unitIds" | "active" | "updatedBy">>,
  ): Promise<boolean>;
  /** Makes the current text the one served, recording who and when; false when no such answer. */
  publishCuratedAnswer(id: number, by: string): Promise<boolean>;
  listCuratedAnswers(): Promise<CuratedAnswer[]>;
}

/** Staff accounts and their console sessions. */
export interface StaffStore {
  createStaffUser(
    username: string,
    displayName: string,
    passwordHash: string,
    role?: StaffRole,
  ): Promise<number>;
  findStaffUser(username: string): Promise<StaffUser | null>;
  listStaffUsers(): Promise<StaffAccount[]>;
  setStaffPassword(username: string, passwordHash: string): Promise<boolean>;
  setStaffDisabled(username: string, disabled: boolean): Promise<boolean>;
  setStaffRole(username: string, role: StaffRole): Promise<boolean>;
  /** Ends every session of a user (after a password change or when the account is disabled). */
  deleteSessionsOf(username: string): Promise<number>;
  createSession(tokenHash: string, userId: number, csrfToken: string, expiresAt: Date): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<StaffSession | null>;
  deleteSession(tokenHash: string): Promise<void>;
}

export interface AuditEntry {
  at: string;
  username: string;
  action: string;
  detail: string;
}

/** What staff did in the console (网络安全法 第二十一条: kept at least six months). */
export interface AuditStore {
  audit(username: string, action: string, detail: Record<string, unknown>): Promise<void>;
  /** Newest first; "views" are the view_* entries (staff reading data), "changes" everything else. */
  listAudit(limit: number, kind?: AuditKind): Promise<AuditEntry[]>;
  /** Every entry about one handoff (its detail's reference), oldest first. */
  auditOfHandoff(reference: string): Promise<AuditEntry[]>;
}

/** Keeping the database itself: recovery at start, retention, readiness, shutdown. */
export interface MaintenanceStore {
  /** Marks enquiries left unanswered by a crash or a lost client with the given status. */
  failUnfinished(status: string, olderThan: Date): Promise<number>;
  /**
   * Deletes chat content older than the cut-off: messages (with citations, tool runs, feedback), form
   * calculations, handoffs closed before it (open ones are kept until staff close them). Audit entries
   * go at their own cut-off (default the same), never younger than AUDIT_MIN_DAYS; the contact left
   * with a handoff is erased once the handoff was closed before `handoffContactsBefore`.
   */
  purgeBefore(cutoff: Date, options?: PurgeOptions): Promise<number>;
  /** A committed write of one row (readiness_probe): proves the database accepts writes (for /readyz). */
  checkWritable(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Everything the service keeps, as one object. SQLite implements it for one instance; PostgreSQL
 * (postgres/postgresStorage.ts) lets several instances share one database (docs/adr/0004-storage.md).
 * Code that needs one concern takes that store's type, so a fake in a test implements only it.
 */
export type Storage = EnquiryStore &
  HandoffStore &
  ReviewedAnswerStore &
  StaffStore &
  AuditStore &
  MaintenanceStore;
