import { faultOf, type StorageHealth } from "./faults.js";
import type { Storage } from "./types.js";

/**
 * Every method of the storage, as a read or a write. The writes are checked against the file first and
 * reported to the health. A `Record` over every key, so a method added to Storage (as the desk's
 * handoff steps and accounts were) does not compile until it is classified here: one left out would
 * write, without an error, into a removed or replaced file.
 */
const ACCESS: Record<Exclude<keyof Storage, "close">, "read" | "write"> = {
  conversationExists: "read",
  createConversation: "write",
  history: "read",
  startEnquiry: "write",
  finishEnquiry: "write",
  failUnfinished: "write",
  listEnquiries: "read",
  conversation: "read",
  countMessages: "read",
  addFormToolRun: "write",
  formToolRuns: "read",
  listFormToolRuns: "read",
  addFeedback: "write",
  listFeedback: "read",
  addHandoff: "write",
  setHandoffStatus: "write",
  // The desk: assign, reply, close and reopen all store through it.
  updateHandoff: "write",
  findHandoff: "read",
  listHandoffs: "read",
  handoffsOf: "read",
  countHandoffs: "read",
  topTopics: "read",
  activityByDay: "read",
  askedQuestions: "read",
  improvementCandidates: "read",
  addCuratedAnswer: "write",
  updateCuratedAnswer: "write",
  publishCuratedAnswer: "write",
  listCuratedAnswers: "read",
  createStaffUser: "write",
  findStaffUser: "read",
  listStaffUsers: "read",
  setStaffPassword: "write",
  setStaffDisabled: "write",
  setStaffRole: "write",
  deleteSessionsOf: "write",
  createSession: "write",
  findSession: "read",
  deleteSession: "write",
  audit: "write",
  listAudit: "read",
  auditOfHandoff: "read",
  purgeBefore: "write",
  checkWritable: "write",
};

/** The methods that change the database. */
export const WRITES: ReadonlySet<keyof Storage> = new Set(
  (Object.keys(ACCESS) as Array<keyof typeof ACCESS>).filter((name) => ACCESS[name] === "write"),
);

const HEALTH = Symbol("storage health");

/** The health a guarded storage reports to (undefined for another storage, e.g. a test's fake). */
export function healthOf(storage: Storage): StorageHealth | undefined {
  return (storage as unknown as Record<symbol, StorageHealth | undefined>)[HEALTH];
}

/**
 * Waits between tries while another process holds the lock (about 1.3 s in all), each wait a timer:
 * the event loop keeps answering. SQLite's own busy time-out is a few milliseconds (it blocks).
 */
export const LOCK_RETRY_DELAYS_MS: readonly number[] = [10, 20, 40, 80, 160, 320, 640];

/** A storage the guard can wrap: one that can prove a write, and (a file) check it is still the one opened. */
export type GuardableStorage = Storage & {
  writeProbe(): Promise<void>;
  assertSameFile?(): void;
};

export interface GuardOptions {
  retryDelaysMs?: readonly number[];
}

/**
 * The SQLite storage, guarded: every write first checks that the path still names the open file (a
 * removed or replaced file would otherwise take writes silently), a lock is waited out
 * asynchronously and then refused, and what a write found is reported to the health (one error line
 * per fault, /readyz). A refused write throws as before, so the caller spools the enquiry. Reads go
 * to the open file as they are, retried on a lock too. Other properties (the `db` handle) pass through.
 * The PostgreSQL storage is guarded the same way: it has no file to check, and its errors arrive as
 * StorageFaults already (postgres/faults.ts), which the health reports alike.
 */
export function guardStorage<S extends GuardableStorage>(
  inner: S,
  health: StorageHealth,
  { retryDelaysMs = LOCK_RETRY_DELAYS_MS }: GuardOptions = {},
): S {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function call<T>(name: keyof Storage, work: () => Promise<T>): Promise<T> {
    const write = WRITES.has(name);
    // While the lock is known to last, one try: each enquiry is spooled at once rather than held 1.3 s.
    const delays = health.fault?.kind === "locked" ? [] : retryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      try {
        if (write) inner.assertSameFile?.();
        const result = await work();
        if (write) health.succeeded();
        return result;
      } catch (error) {
        const kind = faultOf(error);
        if (kind === "locked" && attempt < delays.length) {
          await sleep(delays[attempt]!);
          continue;
        }
        if (kind && write) health.failed(kind, error);
        throw error;
      }
    }
  }

  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === HEALTH) return health;
      if (property === "checkWritable")
        return () =>
          call("checkWritable", () => target.writeProbe()).then(
            () => true,
            () => false,
          );
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "close" || typeof property !== "string") return value.bind(target);
      return (...args: unknown[]) =>
        call(property as keyof Storage, () =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
        );
    },
  }) as S;
}
