import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { newConversationId } from "../conversation/ids.js";
import { parseOrThrow } from "../http/errors.js";

/** Nothing to send: a field here is a mistake (a question belongs in POST /api/chat), said as one. */
export const newConversationSchema = z.strictObject({});

/**
 * POST /api/conversations: a conversation before any question. The widget's 算一算 form asks for one
 * when it has none, so that a calculation made before any chat is stored where staff read it, and
 * rated like an answer; a later question (or 人工服务 request) goes on in the same conversation. The id
 * is the service's own, as POST /api/chat makes them: 128 random bits, never one a client chose.
 */
export function conversationsRouter({ storage }: Pick<AppServices, "storage">): Router {
  const router = Router();
  router.post("/conversations", async (req, res) => {
    parseOrThrow("conversations", newConversationSchema, req.body ?? {});
    const conversationId = newConversationId();
    await storage.createConversation(conversationId, new Date());
    res.status(201).json({ conversationId });
  });
  return router;
}
