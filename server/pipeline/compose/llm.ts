import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Passage } from "../../knowledge/types.js";
import { messages } from "../../messages.js";
import { citedIndexes } from "../check/grounding.js";
import { llmAnswerCheckFor } from "../check/llmAnswer.js";
import { plainValue, toPlainMarkdown } from "../check/plainText.js";
import { citationOf } from "../citation.js";
import type { DocumentMeta } from "../../knowledge/types.js";
import type { AnswerContext, Citation, ToolRun } from "../context.js";
import { LlmError } from "../llm/llmClient.js";
import { toOpenAiTools } from "../llm/tools.js";
import { cancelledStatus, type Status } from "../statuses.js";
import type { ComposedAnswer } from "./offline.js";
import { SentenceBuffer } from "./sentenceBuffer.js";

const MAX_PASSAGES = 6;
const MAX_TOOL_ROUNDS = 3;

class UnsupportedClaim extends Error {}

/**
 * The LLM writes the answer from numbered passages, calling calculators as tools. Text is released
 * sentence by sentence, reduced to the Markdown the widget renders and checked first (check/llmAnswer.ts),
 * so an invented figure, link or act never reaches the person: the stream is reset and the offline
 * answer served instead. An answer past LLM_ANSWER_MAX_CHARS, or cut at max_tokens, is not served either.
 */
export async function composeWithLlm(ctx: AnswerContext, offline: ComposedAnswer): Promise<void> {
  const llm = ctx.deps.llm!;
  ctx.providedPassages = providedPassages(ctx, offline);
  const conversation: ChatCompletionMessageParam[] = [
    { role: "system", content: ctx.deps.systemPrompt },
    { role: "user", content: userPrompt(ctx) },
  ];
  const tools = toOpenAiTools(ctx.deps.calculators.tools);
  const check = llmAnswerCheckFor(ctx);
  const maxChars = ctx.deps.config.llm?.answerMaxChars ?? Number.POSITIVE_INFINITY;
  const buffer = new SentenceBuffer();
  let released = "";
  /** Whole sentences, cleaned to the Markdown the widget renders, checked, then sent. */
  const release = (raw: string) => {
    const piece = toPlainMarkdown(raw);
    if (!piece) return;
    const problems = check.piece(piece);
    if (problems.length) throw new UnsupportedClaim(problems.map((p) => `${p.kind}:${p.detail}`).join(","));
    released += piece;
    ctx.emit({ type: "delta", text: piece });
  };

  try {
    for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
      const turn = await llm.streamTurn(
        conversation,
        tools,
        (text) => {
          release(buffer.push(text));
          // A model that runs on is stopped here, whether or not its sentences end.
          if (released.length + buffer.held > maxChars)
            throw new UnsupportedClaim(`too_long:over ${maxChars} characters`);
        },
        ctx.signal,
      );
      // Cut at max_tokens: what is missing may be what made it true.
      if (turn.truncated) throw new UnsupportedClaim("too_long:max_tokens");
      if (turn.toolCalls.length === 0) break;
      conversation.push({
        role: "assistant",
        content: turn.text || null,
        tool_calls: turn.toolCalls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        })),
      });
      for (const call of turn.toolCalls) {
        const run = runToolCall(ctx, call.name, call.arguments);
        conversation.push({
          role: "tool",
          tool_call_id: call.id,
          content: JSON.stringify(run.error ? { error: run.error } : run.output),
        });
      }
    }
    release(buffer.flush());
    ctx.answer = released.trim();
    ctx.citations = citationsOf(ctx.answer, ctx.providedPassages, documentOf(ctx));
    ctx.mode = "llm";
    ctx.status = "answered";
  } catch (error) {
    if (error instanceof UnsupportedClaim) {
      ctx.notes.push(`llm_unsupported_claim:${error.message}`);
      serveOffline(ctx, offline, "error_llm_unsupported_claim", { reset: released.length > 0 });
      return;
    }
    if (error instanceof LlmError && error.kind === "cancelled") {
      // Nobody is reading: no fallback is shown or counted; what was already shown is what is stored.
      ctx.status = cancelledStatus(ctx.signal);
      ctx.notes.push(`llm_cancelled:${ctx.status}`);
      ctx.answer = released.trim();
      ctx.citations = citationsOf(released, ctx.providedPassages, documentOf(ctx));
      ctx.mode = "llm";
      return;
    }
    if (error instanceof LlmError) {
      ctx.notes.push(`llm_${error.kind}:${error.message}`);
      const status: Status = error.kind === "timeout" ? "error_llm_timeout" : "error_llm_unavailable";
      if (released.trim()) appendOffline(ctx, offline, status, released);
      else serveOffline(ctx, offline, status, { reset: false });
      return;
    }
    throw error;
  }
}

/** The offline answer, with a note that says why, in place of the LLM's. */
export function serveOffline(
  ctx: AnswerContext,
  offline: ComposedAnswer,
  status: Status,
  { reset }: { reset: boolean },
): void {
  if (reset) ctx.emit({ type: "reset", reason: status });
  const note = messages.answer.llmFallback[status as keyof typeof messages.answer.llmFallback] ?? "";
  // The answer first: its first paragraph is what people read and copy; why it was written offline follows.
  ctx.finish({
    answer: `${offline.markdown}\n\n${note}`.trim(),
    citations: offline.citations,
    status,
    mode: "offline",
  });
}

/** A failure mid-stream: what was already shown stays (it passed the checks) and the offline answer follows it. */
function appendOffline(ctx: AnswerContext, offline: ComposedAnswer, status: Status, released: string): void {
  const tail = `\n\n${messages.answer.partialNote}\n\n${offline.markdown}`;
  ctx.emit({ type: "delta", text: tail });
  ctx.answer = `${released.trim()}${tail}`;
  ctx.citations = mergeCitations(
    citationsOf(released, ctx.providedPassages, documentOf(ctx)),
    offline.citations,
  );
  ctx.status = status;
  ctx.mode = "offline";
}

function runToolCall(ctx: AnswerContext, name: string, rawArguments: string): ToolRun {
  let input: unknown;
  try {
    input = JSON.parse(rawArguments || "{}");
  } catch {
    input = rawArguments;
  }
  // The model wrote these: they reach clients in the tool event and the reply, so no HTML either.
  input = plainValue(input);
  const known = ctx.deps.calculators.tools.some((tool) => tool.name === name);
  const outcome = known
    ? ctx.deps.calculators.run(name, input)
    : { ok: false as const, message: `unknown tool ${name}`, details: null };
  const run: ToolRun = outcome.ok
    ? { name, input, output: outcome.output }
    : { name, input, output: outcome.details ?? null, error: outcome.message };
  ctx.toolRuns.push(run);
  ctx.emit({ type: "tool", run });
  return run;
}

function providedPassages(ctx: AnswerContext, offline: ComposedAnswer): Passage[] {
  const ids = new Set<string>();
  const passages: Passage[] = [];
  const add = (passage: Passage | undefined) => {
    if (!passage || ids.has(passage.id) || passages.length >= MAX_PASSAGES) return;
    ids.add(passage.id);
    passages.push(passage);
  };
  for (const citation of offline.citations) add(ctx.deps.knowledge.passage(citation.id));
  for (const result of ctx.passages) add(result.passage);
  return passages;
}

function userPrompt(ctx: AnswerContext): string {
  const sources = ctx.providedPassages
    .map((p, i) => `[${i + 1}] ${p.breadcrumb.join(" › ")}：${p.text}`)
    .join("\n");
  const tools = ctx.toolRuns
    .filter((run) => !run.error)
    .map((run) => `${run.name}：${JSON.stringify(run.output)}`);
  return [
    `资料：\n${sources}`,
    tools.length ? `计算结果：\n${tools.join("\n")}` : "",
    `问题：${ctx.question}`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

export function citationsOf(
  answer: string,
  provided: Passage[],
  documentOf: (docId: string) => DocumentMeta | undefined = () => undefined,
): Citation[] {
  return citedIndexes(answer)
    .map((n) => provided[n - 1])
    .filter((p): p is Passage => !!p)
    .map((p) => citationOf(p, documentOf(p.docId)));
}

const documentOf = (ctx: AnswerContext) => (docId: string) => ctx.deps.knowledge.document(docId);

function mergeCitations(a: Citation[], b: Citation[]): Citation[] {
  const seen = new Set(a.map((c) => c.id));
  return [...a, ...b.filter((c) => !seen.has(c.id))];
}
