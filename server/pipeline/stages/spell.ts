import type { AnswerContext } from "../context.js";

/**
 * "化工企业入圆率要求多少": a homophone slip is mended to the domain's word before anything reads the
 * message (the message as typed is already stored).
 */
export async function spell(ctx: AnswerContext): Promise<void> {
  const mended = ctx.deps.speller.correct(ctx.message);
  if (mended === ctx.message) return;
  ctx.notes.push(`spelling:${ctx.message}→${mended}`);
  ctx.message = mended;
  ctx.question = mended;
}
