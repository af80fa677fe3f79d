import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { CONVERSATION_ID } from "../conversation/ids.js";
import { lookupHash, newLookupCode, normalizeReference, REFERENCE } from "../handoff/codes.js";
import { normalizeEmail, normalizePhone, PHONE, provesRequest } from "../handoff/contact.js";
import { AppError, parseOrThrow } from "../http/errors.js";
import { messages } from "../messages.js";
import { redactPersonalData, stripInvisible } from "../pipeline/guard/pii.js";
import type { ContactKind } from "../storage/types.js";

const m = messages.handoff;

/** An empty field is a field left blank, not a wrong one. */
const blank = (value: unknown) => (typeof value === "string" && !value.trim() ? undefined : value);

export const handoffRequestSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, { abort: true })
      .max(1000)
      // What staff would read is the question without invisible characters: a zero-width one is empty.
      .refine((question) => stripInvisible(question).length > 0, messages.validation.onlyInvisible)
      .describe("需要人工答复的问题"),
    phone: z
      .preprocess(
        blank,
        z.string().max(40).transform(normalizePhone).pipe(z.string().regex(PHONE, m.phoneInvalid)).optional(),
      )
      .describe("联系电话：手机号或带区号的固定电话，工作人员据此答复"),
    email: z
      .preprocess(
        blank,
        z.string().max(254).transform(normalizeEmail).pipe(z.email(m.emailInvalid)).optional(),
      )
      .describe("电子邮箱，工作人员据此答复"),
    lookupOnly: z
      .literal(true, m.lookupOnlyTrue)
      .optional()
      .describe("true：不留联系方式，凭受理编号和查询码自行查询答复"),
    conversationId: z.string().regex(CONVERSATION_ID, "格式不正确").optional().describe("当前会话编号"),
  })
  .superRefine((body, ctx) => {
    if (body.phone && body.email) ctx.addIssue({ code: "custom", path: ["email"], message: m.oneContact });
    else if (body.lookupOnly && (body.phone || body.email))
      ctx.addIssue({ code: "custom", path: ["lookupOnly"], message: m.lookupWithContact });
    else if (!body.lookupOnly && !body.phone && !body.email)
      ctx.addIssue({ code: "custom", path: ["contact"], message: m.contactRequired });
  });

export const handoffLookupSchema = z.object({
  reference: z
    .string()
    .max(60)
    .transform(normalizeReference)
    .pipe(z.string().regex(REFERENCE, m.referenceInvalid))
    .describe("受理编号，如 RG-20260115-AC7KQX"),
  check: z
    .string(m.checkRequired)
    .trim()
    .min(1, m.checkRequired)
    .max(254)
    .describe("联系电话的后四位、留言时的电子邮箱，或查询码"),
});

/**
 * 人工服务: POST /handoff records a question for bureau staff with the way to answer it (a phone
 * number or an e-mail address) or, when the person leaves none, a lookup code shown once; either way a
 * reference number. The question is redacted like a chat message; the contact is kept because the
 * person gave it for exactly this purpose. POST /handoff/lookup (查询办理进度) shows the status and
 * staff's reply to whoever proves the request: its reference and the phone's last four digits, the
 * e-mail address or the lookup code. A wrong reference and a wrong proof get the same 404.
 */
export function handoffRouter({ storage }: Pick<AppServices, "storage">): Router {
  const router = Router();
  router.post("/handoff", async (req, res) => {
    const body = parseOrThrow("handoff", handoffRequestSchema, req.body ?? {});
    const question = redactPersonalData(stripInvisible(body.question)).text;
    const known = body.conversationId && (await storage.conversationExists(body.conversationId));
    const contactKind: ContactKind = body.phone ? "phone" : body.email ? "email" : "none";
    const lookupCode = contactKind === "none" ? newLookupCode() : undefined;
    const { reference, createdAt } = await storage.addHandoff({
      question,
      contact: body.phone ?? body.email,
      contactKind,
      lookupHash: lookupCode && lookupHash(lookupCode),
      conversationId: known ? body.conversationId : undefined,
    });
    res.status(201).json({ reference, createdAt, contactKind, ...(lookupCode ? { lookupCode } : {}) });
  });

  router.post("/handoff/lookup", async (req, res) => {
    const { reference, check } = parseOrThrow("handoff_lookup", handoffLookupSchema, req.body ?? {});
    const found = await storage.findHandoff(reference);
    if (!found || !provesRequest(found, check)) throw new AppError("not_found:handoff", m.lookupNotFound);
    // The reply is for the person; who wrote it and the closing note are the bureau's own record.
    res.json({
      reference: found.reference,
      createdAt: found.createdAt,
      status: found.status,
      statusLabel: m.states[found.status],
      reply: found.reply ?? null,
      repliedAt: found.repliedAt ?? null,
      closedAt: found.status === "done" ? (found.closedAt ?? null) : null,
    });
  });
  return router;
}
