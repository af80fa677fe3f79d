import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../app.js";
import { CONVERSATION_ID } from "../conversation/ids.js";
import { parseOrThrow } from "../http/errors.js";
import { messages } from "../messages.js";
import { redactPersonalData, stripInvisible } from "../pipeline/guard/pii.js";

export const handoffRequestSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, { abort: true })
    .max(1000)
    // What staff would read is the question without invisible characters: a zero-width one is empty.
    .refine((question) => stripInvisible(question).length > 0, messages.validation.onlyInvisible)
    .describe("需要人工答复的问题"),
  contact: z.string().trim().max(100).optional().describe("自愿留下的联系方式（电话、邮箱或称呼），可不填"),
  conversationId: z.string().regex(CONVERSATION_ID, "格式不正确").optional().describe("当前会话编号"),
});

/**
 * 人工服务: records a question for bureau staff, with the contact the person chose to leave, and
 * returns a reference number. The question is redacted like a chat message; the contact is kept
 * because the person gave it for exactly this purpose.
 */
export function handoffRouter({ storage }: Pick<AppServices, "storage">): Router {
  const router = Router();
  router.post("/handoff", async (req, res) => {
    const body = parseOrThrow("handoff", handoffRequestSchema, req.body);
    const question = redactPersonalData(stripInvisible(body.question)).text;
    const known = body.conversationId && (await storage.conversationExists(body.conversationId));
    const { reference, createdAt } = await storage.addHandoff({
      question,
      contact: body.contact || undefined,
      conversationId: known ? body.conversationId : undefined,
    });
    res.status(201).json({ reference, createdAt });
  });
  return router;
}
