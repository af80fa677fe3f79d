import { randomUUID } from "node:crypto";
import { Router } from "express";
import * as z from "zod";
import type { AppServices } from "../services.js";
import { AppError, parseOrThrow } from "../http/errors.js";
import { CalculatorInputError } from "../calculators/errors.js";
import { CONVERSATION_ID } from "../conversation/ids.js";
import { redactDeep } from "../pipeline/guard/pii.js";
import { Recorder } from "../storage/recorder.js";
import type { FormToolRun } from "../storage/types.js";
import type { CalculatorTool } from "../calculators/registry.js";

/** A fixable calculator error becomes a 400 naming the field; its lists (closest entries, variants) go in details. */
export function toAppError(surface: string, err: CalculatorInputError): AppError {
  return new AppError(`bad_request:${surface}`, err.message, {
    fields: [{ field: err.field, message: err.message }],
    problem: err.problem,
    ...err.details,
  });
}

/**
 * The conversation a calculation belongs to (the widget's 算一算 form sends it). It travels beside the
 * calculator's own fields and is taken off before they are parsed: the schemas are shared with the
 * LLM's tools, which have no business with conversations.
 */
const conversationField = z.object({
  conversationId: z
    .string()
    .regex(CONVERSATION_ID, "格式不正确")
    .optional()
    .describe(
      "会话编号（聊天接口或 POST /api/conversations 返回）；填写后，这次计算记入该会话，工作人员后台可见，回复中的 runId 可用于评价",
    ),
});

function withoutConversation(surface: string, body: unknown): { conversationId?: string; input: unknown } {
  if (!body || typeof body !== "object" || Array.isArray(body) || !("conversationId" in body))
    return { input: body ?? {} };
  const { conversationId, ...input } = body as Record<string, unknown>;
  return {
    conversationId: parseOrThrow(surface, conversationField, { conversationId }).conversationId,
    input,
  };
}

type ToolServices = Pick<AppServices, "calculators"> &
  Partial<Pick<AppServices, "storage" | "spool" | "logger" | "metrics">>;

/**
 * POST /api/tools/<name>, one route per calculator, named as it is with hyphens (benchmark-gap): each
 * parses with the tool's own zod schema and calls the pure function.
 * A run sent with a known conversationId (the widget's form; POST /api/conversations makes one) is
 * stored with that conversation, the calculator's refusals too, and its reply carries the run's id
 * (`runId`) to rate it by; one the database refuses is spooled like an enquiry. Without storage (a
 * calculators-only app) nothing is kept.
 */
export function toolsRouter({ calculators, storage, spool, logger, metrics }: ToolServices): Router {
  const router = Router();
  const recorder = storage ? new Recorder({ storage, spool, logger, metrics }) : null;
  /** Whether the run is kept (stored, or spooled to be stored): only then can it be rated. */
  const keep = async (run: FormToolRun): Promise<boolean> => (recorder ? recorder.formToolRun(run) : false);
  const mount = (tool: CalculatorTool) => {
    const route = tool.name.replaceAll("_", "-");
    const surface = `tools.${tool.name}`;
    router.post(`/tools/${route}`, async (req, res) => {
      const { conversationId, input: body } = withoutConversation(surface, req.body);
      const input = parseOrThrow(surface, tool.schema, body);
      // Kept like a question: personal data typed into a field (a product "名称" with a phone) is redacted.
      const record = async (outcome: Pick<FormToolRun, "output" | "error">): Promise<string | null> => {
        if (!conversationId) return null;
        const id = randomUUID();
        const kept = await keep({
          id,
          conversationId,
          createdAt: new Date(),
          name: tool.name,
          input: redactDeep(input),
          output: redactDeep(outcome.output),
          ...(outcome.error !== undefined ? { error: redactDeep(outcome.error) } : {}),
        });
        return kept ? id : null;
      };
      let output: unknown;
      try {
        output = tool.run(input, calculators.context());
      } catch (err) {
        if (!(err instanceof CalculatorInputError)) throw err;
        await record({ output: err.details ?? null, error: err.message });
        throw toAppError(surface, err);
      }
      const runId = await record({ output });
      // The run's id, for 👍/👎 on its card (POST /api/feedback takes it as messageId).
      res.json(runId && output && typeof output === "object" ? { ...output, runId } : output);
    });
  };
  for (const tool of calculators.tools) mount(tool);
  return router;
}
