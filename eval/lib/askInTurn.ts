import type { AnswerContext, Turn } from "../../server/pipeline/context.js";
import type { AnswerPipeline } from "../../server/pipeline/index.js";
import { toTurn } from "../../server/pipeline/turn.js";

/**
 * Asks the messages in turn in one conversation, each answer becoming the history of the next (as
 * the chat route does), and returns the last answer: the one every eval grades.
 */
export async function askInTurn(pipeline: AnswerPipeline, messages: string[]): Promise<AnswerContext> {
  const history: Turn[] = [];
  let last: AnswerContext | undefined;
  for (const message of messages) {
    last = await pipeline.answer({ message, conversationId: "eval", history: [...history] });
    history.push(toTurn(last));
  }
  if (!last) throw new Error("askInTurn needs at least one message");
  return last;
}
