import type { FeedbackEntry } from "../storage/types.js";

export type { FeedbackEntry };

/**
 * Where 👍/👎 ratings go. Both storages implement this (their addFeedback); the in-memory store serves
 * tests and any setup without a database. A second rating of the same answer replaces the first;
 * without a comment of its own it keeps the earlier comment.
 */
export interface FeedbackStore {
  addFeedback(entry: FeedbackEntry): Promise<"stored" | "unknown_message">;
}

export class InMemoryFeedbackStore implements FeedbackStore {
  private readonly entries = new Map<string, FeedbackEntry & { at: Date }>();

  /** `knows` says whether the answer exists; without it every message id is accepted. */
  constructor(
    private readonly knows: (conversationId: string, messageId: string) => boolean | Promise<boolean> = () =>
      true,
    private readonly max = 10_000,
  ) {}

  async addFeedback(entry: FeedbackEntry): Promise<"stored" | "unknown_message"> {
    if (!(await this.knows(entry.conversationId, entry.messageId))) return "unknown_message";
    const comment = entry.comment ?? this.entries.get(entry.messageId)?.comment;
    this.entries.delete(entry.messageId);
    this.entries.set(entry.messageId, {
      ...entry,
      ...(comment === undefined ? {} : { comment }),
      at: new Date(),
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return "stored";
  }

  list(): Array<FeedbackEntry & { at: Date }> {
    return [...this.entries.values()];
  }
}
