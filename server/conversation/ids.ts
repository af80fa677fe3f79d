import { randomBytes } from "node:crypto";

/** 128 random bits: a conversation id cannot be guessed, so it can stand in for a session. */
export const CONVERSATION_ID = /^c_[A-Za-z0-9_-]{22}$/;

export function newConversationId(): string {
  return `c_${randomBytes(16).toString("base64url")}`;
}

/** How many earlier turns follow-ups can refer to. */
export const KEPT_TURNS = 6;
