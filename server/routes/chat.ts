import { Router, type Request, type Response } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { CONVERSATION_ID, KEPT_TURNS, newConversationId } from "../conversation/ids.js";
import { parseOrThrow } from "../http/errors.js";
import { messages } from "../messages.js";
import type { AnswerContext, AnswerEvent } from "../pipeline/context.js";
import type { Status } from "../pipeline/statuses.js";
import { toTurn } from "../pipeline/turn.js";
import { Recorder, type Recorded } from "../storage/recorder.js";
import type { EnquiryResult } from "../storage/types.js";
import { MAX_MESSAGE_LENGTH } from "../pipeline/stages/checkInput.js";

export const chatRequestSchema = z.object({
  message: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH).describe("用户的问题，1–1000 个字符"),
  conversationId: z
    .string()
    .regex(CONVERSATION_ID, "格式不正确")
    .optional()
    .describe("上一轮返回的会话编号；不填则开始新会话"),
});

export function chatRouter({
  pipeline,
  storage,
  spool,
  logger,
  metrics,
  inflight,
}: Pick<AppServices, "pipeline" | "storage" | "spool" | "logger" | "metrics" | "inflight">): Router {
  const router = Router();
  const recorder = new Recorder({ storage, spool, logger, metrics });
  router.post("/chat", async (req, res) => {
    const body = parseOrThrow("chat", chatRequestSchema, req.body);
    // An unknown or purged conversation simply starts again: the person loses context, not the question.
    const known = body.conversationId ? await storage.conversationExists(body.conversationId) : false;
    const conversationId = known ? body.conversationId! : newConversationId();
    const history = known ? await storage.history(conversationId, KEPT_TURNS) : [];
    const requestId = (req as Request & { id?: string }).id;
    const streaming = req.accepts(["application/json", "text/event-stream"]) === "text/event-stream";
    const abort = new AbortController();
    // The person left before the reply was complete: stop the LLM (nobody reads it) and say so in the status.
    res.on("close", () => {
      if (!res.writableFinished) abort.abort("error_client_gone" satisfies Status);
    });
    const sse = streaming ? openEventStream(res) : null;
    // Shutdown's grace period is over: a last word to the client, then the answer stops and is stored as interrupted.
    const uncut = inflight.onCut(async () => {
      const error = { code: "unavailable:shutdown", message: messages.http.shuttingDown };
      if (sse) sse.send("error", error);
      else if (!res.headersSent)
        res
          .status(503)
          .setHeader("Retry-After", "30")
          .json({ error: { ...error, requestId } });
      const written = res.closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => res.once("close", () => resolve()));
      if (!res.writableEnded) res.end();
      abort.abort("error_interrupted" satisfies Status);
      await written;
    });
    const started = performance.now();
    /** Where the question went (null until it is accepted): the answer follows it. */
    let question: Recorded | null = null;

    /** Answered and stored as one piece of work, which shutdown waits for before closing the database. */
    const answerAndStore = async () => {
      const ctx = await pipeline.answer({
        message: body.message,
        conversationId,
        history,
        signal: abort.signal,
        emit: sse ? (event) => sse.event(event) : undefined,
        onStart: sse ? (messageId) => sse.send("meta", { conversationId, messageId }) : undefined,
        onAccepted: async (accepted) => {
          const start = {
            messageId: accepted.messageId,
            conversationId,
            question: accepted.message,
            redactions: accepted.redactions,
            createdAt: new Date(),
          };
          // Answered anyway if the database refuses it: the enquiry is spooled, /readyz reports the database.
          question = await recorder.startEnquiry(start, { requestId });
        },
      });
      // Stored even when the person has gone: the enquiry counts whether or not they saw the answer.
      await recorder.finishEnquiry(
        question,
        ctx.messageId,
        toStoredResult(ctx, performance.now() - started),
        { requestId },
      );
      return ctx;
    };

    try {
      const ctx = await inflight.track(answerAndStore()).finally(uncut);
      metrics.observeAnswer(ctx.status ?? "error_internal", ctx.mode);
      logger.info(
        {
          requestId,
          status: ctx.status,
          mode: ctx.mode,
          intent: ctx.intent,
          timings: ctx.timings,
          notes: ctx.notes,
        },
        "chat answered",
      );
      const reply = toReply(ctx);
      if (res.writableEnded) return; // cut at shutdown: the client was told already
      if (sse) {
        sse.send("citations", { citations: reply.citations });
        sse.send("done", reply);
        sse.end();
      } else {
        res.json(reply);
      }
    } catch (error) {
      if (!sse) throw error;
      // Headers are gone: the error travels as an event, never as a stack trace.
      logger.error({ err: error, requestId }, "chat stream failed");
      sse.send("error", { code: "internal:chat", message: messages.http.internal });
      sse.end();
    }
  });
  return router;
}

export function toReply(ctx: AnswerContext) {
  return {
    conversationId: ctx.conversationId,
    messageId: ctx.messageId,
    status: ctx.status,
    mode: ctx.mode,
    answer: ctx.answer,
    // The widget opens its 人工服务 form, with the question filled in, for a reply that offers it.
    ...(ctx.status === "answered_handoff" ? { handoff: true } : {}),
    citations: ctx.citations.map((c) => ({
      id: c.id,
      unitId: c.unitId,
      breadcrumb: c.breadcrumb,
      quote: c.quote,
      responsibleUnits: c.responsibleUnits ?? null,
      document: c.document ?? null,
    })),
    tools: ctx.toolRuns.map((run) => ({
      name: run.name,
      input: run.input,
      output: run.output,
      ...(run.error ? { error: run.error } : {}),
    })),
    // 猜你想问: questions the widget offers as buttons; each is sent as if typed.
    suggestions: ctx.suggestions,
  };
}

function toStoredResult(ctx: AnswerContext, durationMs: number): EnquiryResult {
  return {
    resolvedQuestion: ctx.question,
    intent: ctx.intent,
    persona: ctx.persona,
    answer: ctx.answer,
    status: ctx.status ?? "error_internal",
    mode: ctx.mode,
    reviewedAnswerId: ctx.reviewedAnswerId,
    citations: ctx.citations,
    toolRuns: ctx.toolRuns,
    notes: ctx.notes,
    timings: ctx.timings,
    durationMs,
    turn: toTurn(ctx),
  };
}

function openEventStream(res: Response) {
  res.status(200);
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-cache, no-transform");
  res.setHeader("X-Accel-Buffering", "no");
  res.flushHeaders();
  const send = (event: string, data: unknown) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  return {
    send,
    event(event: AnswerEvent) {
      if (event.type === "delta") send("delta", { text: event.text });
      else if (event.type === "reset") send("reset", { reason: event.reason });
      else if (event.type === "tool")
        send("tool", {
          name: event.run.name,
          input: event.run.input,
          output: event.run.output,
          ...(event.run.error ? { error: event.run.error } : {}),
        });
      else send("citations", { citations: event.citations });
    },
    end: () => res.end(),
  };
}
