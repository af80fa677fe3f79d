import { messages } from "../../messages.js";
import type { AnswerContext } from "../context.js";
import { redactPersonalData, stripInvisible } from "../guard/pii.js";

export const MAX_MESSAGE_LENGTH = 1000;

export async function checkInput(ctx: AnswerContext): Promise<void> {
  // Full-width digits, letters, ．and ％ become ASCII, so "１１０" is read as 110.
  const visible = stripInvisible(ctx.rawMessage).slice(0, MAX_MESSAGE_LENGTH);
  const { text, kinds } = redactPersonalData(visible);
  ctx.message = text;
  ctx.question = text;
  ctx.redactions = kinds;
  if (!text) ctx.stop("invalid_empty", messages.answer.empty);
}
