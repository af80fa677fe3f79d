import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { LlmConfig } from "../../config.js";

/** "cancelled": the caller aborted (the person left, or shutdown); not a fault of the endpoint. */
export type LlmFailureKind = "timeout" | "unavailable" | "cancelled";

/** A failure of the LLM endpoint, classified for the answer's status. */
export class LlmError extends Error {
  override name = "LlmError";
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    /** True once any text reached the caller: a retry would repeat it. */
    readonly afterFirstToken: boolean,
    /** The endpoint's HTTP status, when it answered with one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

class CallerError {
  constructor(readonly error: unknown) {}
}

/** The reason an answer's own deadline aborts its signal with (see answerDeadline): a time-out, not a cancellation. */
export class AnswerDeadline extends Error {
  override name = "AnswerDeadline";
}

/** How a stop the caller's signal caused is classified: the answer's deadline is a time-out. */
function callerStop(signal: AbortSignal, afterFirstToken: boolean): LlmError {
  return signal.reason instanceof AnswerDeadline
    ? new LlmError("timeout", "no complete answer within LLM_TOTAL_TIMEOUT_MS", afterFirstToken)
    : new LlmError("cancelled", "the caller stopped waiting", afterFirstToken);
}

/**
 * The signal for one whole answer, every tool round included: the caller's signal, or the deadline
 * of totalTimeoutMs from now, whichever comes first. Each turn also has its own time-outs.
 */
export function answerDeadline(
  signal: AbortSignal,
  totalTimeoutMs: number,
): { signal: AbortSignal; clear(): void } {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new AnswerDeadline("LLM_TOTAL_TIMEOUT_MS")), totalTimeoutMs);
  return { signal: AbortSignal.any([signal, deadline.signal]), clear: () => clearTimeout(timer) };
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface LlmTurnResult {
  text: string;
  toolCalls: ToolCall[];
  /** The endpoint stopped at max_tokens (finish_reason "length"): the text is incomplete. */
  truncated: boolean;
}

/**
 * The OpenAI-compatible chat endpoint, streamed, with our own time-outs (the SDK's default is ten
 * minutes): one until the first token, one for the whole turn. The SDK's retries are off; we retry
 * once ourselves, and only when nothing has been streamed yet and the endpoint did not time out.
 */
export class LlmClient {
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    this.client = new OpenAI({
      baseURL: config.baseURL,
      apiKey: config.apiKey,
      maxRetries: 0,
      timeout: config.totalTimeoutMs,
    });
  }

  get model(): string {
    return this.config.model;
  }

  async streamTurn(
    messages: ChatCompletionMessageParam[],
    tools: ChatCompletionTool[],
    onText: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<LlmTurnResult> {
    try {
      return await this.attempt(messages, tools, onText, signal);
    } catch (error) {
      // Only a fault that may pass (no answer, a 5xx) is worth one retry; a 4xx will answer the same again.
      const transient = error instanceof LlmError && (error.status === undefined || error.status >= 500);
      if (
        error instanceof LlmError &&
        transient &&
        error.kind === "unavailable" &&
        !error.afterFirstToken &&
        !signal?.aborted
      ) {
        return this.attempt(messages, tools, onText, signal);
      }
      throw error;
    }
  }

  private async attempt(
    messages: ChatCompletionMessageParam[],
    tools: ChatCompletionTool[],
    onText: (text: string) => void,
    outerSignal?: AbortSignal,
  ): Promise<LlmTurnResult> {
    if (outerSignal?.aborted) throw callerStop(outerSignal, false);
    const controller = new AbortController();
    let timedOut: "first_token" | "total" | null = null;
    let started = false;
    const abortOnOuter = () => controller.abort();
    outerSignal?.addEventListener("abort", abortOnOuter, { once: true });
    const firstTokenTimer = setTimeout(() => {
      timedOut = "first_token";
      controller.abort();
    }, this.config.firstTokenTimeoutMs);
    const totalTimer = setTimeout(() => {
      timedOut = "total";
      controller.abort();
    }, this.config.totalTimeoutMs);
    const text: string[] = [];
    const calls = new Map<number, ToolCall>();
    let truncated = false;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.config.model,
          messages,
          stream: true,
          temperature: 0.1,
          max_tokens: this.config.maxTokens,
          ...(tools.length ? { tools } : {}),
        },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        if (chunk.choices[0]?.finish_reason === "length") truncated = true;
        const delta = chunk.choices[0]?.delta;
        if (!delta) continue;
        if (!started && (delta.content || delta.tool_calls)) {
          started = true;
          clearTimeout(firstTokenTimer);
        }
        if (delta.content) {
          text.push(delta.content);
          try {
            onText(delta.content);
          } catch (error) {
            throw new CallerError(error);
          }
        }
        for (const call of delta.tool_calls ?? []) {
          const entry = calls.get(call.index) ?? {
            id: call.id ?? `call_${call.index}`,
            name: "",
            arguments: "",
          };
          if (call.id) entry.id = call.id;
          if (call.function?.name) entry.name += call.function.name;
          if (call.function?.arguments) entry.arguments += call.function.arguments;
          calls.set(call.index, entry);
        }
      }
      // The SDK ends the stream quietly when it is aborted: a time-out mid-answer must not pass for the whole answer.
      if (controller.signal.aborted) throw new Error("the stream was aborted");
      if (!started)
        throw new LlmError("unavailable", "the endpoint closed the stream without content", false);
      return { text: text.join(""), toolCalls: [...calls.values()], truncated };
    } catch (error) {
      // What the caller's onText threw (e.g. an unsupported claim) is the caller's, not the endpoint's.
      if (error instanceof CallerError) throw error.error;
      if (error instanceof LlmError) throw error;
      if (outerSignal?.aborted) throw callerStop(outerSignal, started);
      if (timedOut)
        throw new LlmError(
          "timeout",
          `no ${timedOut === "first_token" ? "first token" : "complete answer"} in time`,
          started,
        );
      const status = (error as { status?: number }).status;
      throw new LlmError(
        "unavailable",
        status ? `endpoint answered ${status}` : (error as Error).message,
        started,
        status,
      );
    } finally {
      clearTimeout(firstTokenTimer);
      clearTimeout(totalTimer);
      outerSignal?.removeEventListener("abort", abortOnOuter);
    }
  }
}
