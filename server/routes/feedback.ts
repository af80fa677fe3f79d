import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { CONVERSATION_ID } from "../conversation/ids.js";
import { AppError, parseOrThrow } from "../http/errors.js";
import { messages } from "../messages.js";
import { redactPersonalData } from "../pipeline/guard/pii.js";

export const feedbackSchema = z.object({
  conversationId: z
    .string()
    .regex(CONVERSATION_ID, "格式不正确")
    .describe("回答所在的会话编号（聊天接口返回的 conversationId）"),
  messageId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, "格式不正确")
    .describe("被评价的回答编号（聊天接口返回的 messageId），或算一算结果的编号（计算接口返回的 runId）"),
  rating: z.enum(["up", "down"]).describe("up 有帮助，down 没有帮助"),
  comment: z.string().trim().max(500).optional().describe("补充意见，可选，最多 500 个字符"),
});

/**
 * POST /api/feedback: 👍/👎 with an optional comment on an answer or on a form calculation's card;
 * personal data in the comment is redacted first.
 */
export function feedbackRouter({ feedbackStore }: Pick<AppServices, "feedbackStore">): Router {
  const router = Router();
  router.post("/feedback", async (req, res) => {
    const body = parseOrThrow("feedback", feedbackSchema, req.body ?? {});
    const comment = body.comment ? redactPersonalData(body.comment).text : undefined;
    const outcome = await feedbackStore.addFeedback({ ...body, comment });
    if (outcome === "unknown_message")
      throw new AppError("not_found:feedback", messages.feedback.unknownMessage);
    res.status(201).json({ stored: true, message: messages.feedback.thanks });
  });
  return router;
}
