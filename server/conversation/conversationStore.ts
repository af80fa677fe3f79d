import { randomBytes } from "node:crypto";
import type { Turn } from "../pipeline/context.js";

/** Where conversations live. In memory for now; the persistence issue adds a database behind this. */
export interface ConversationStore {
  /** An unguessable new id. */
  create(): string;
  /** The last turns of a conversation, or null when it does not exist (or has expired). */
  history(conversationId: string): Turn[] | null;
  append(conversationId: string, turn: Turn): void;
}

export const CONVERSATION_ID = /^c_[A-Za-z0-9_-]{22}$/;
const KEPT_TURNS = 6;

export class InMemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, { turns: Turn[]; touched: number }>();

  constructor(
    private readonly maxConversations = 10_000,
    private readonly ttlMs = 2 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  create(): string {
    const id = `c_${randomBytes(16).toString("base64url")}`;
    this.conversations.set(id, { turns: [], touched: this.now() });
    this.evict();
    return id;
  }

  history(conversationId: string): Turn[] | null {
    const entry = this.conversations.get(conversationId);
    if (!entry) return null;
    if (this.now() - entry.touched > this.ttlMs) {
      this.conversations.delete(conversationId);
      return null;
    }
    return [...entry.turns];
  }

  append(conversationId: string, turn: Turn): void {
    const entry = this.conversations.get(conversationId) ?? { turns: [], touched: this.now() };
    entry.turns = [...entry.turns, turn].slice(-KEPT_TURNS);
    entry.touched = this.now();
    // Re-insert so the Map's order is least-recently-used first.
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, entry);
    this.evict();
  }

  private evict(): void {
    while (this.conversations.size > this.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.conversations.delete(oldest);
    }
  }
}
