import { messages } from "../../messages.js";
import type { AnswerContext, Citation } from "../context.js";
import { citationOf } from "../citation.js";
import { searchOnce } from "../search.js";
import { isGreetingOrHelp } from "../guard/greeting.js";
import { readEnglish } from "../understand/english.js";
import { looksLikeInjection } from "../guard/injection.js";
import { asksForCalculation } from "../understand/calculation/conversation.js";
import { readQuantities } from "../understand/quantities/readQuantities.js";
import type { OffTopicDetector } from "../guard/offTopic.js";
import type { ScopeVerdict } from "../guard/scope.js";

/** A speaker saying what their business is: "我们是…", "我是做…的", "咱们厂…". */
const SAYS_WHAT_IT_IS = /(我们|咱们|我|本)(是|是做|是搞|做|搞|开|家|厂|公司|企业)/;

/** A short message in a running conversation may be a follow-up ("那水泥呢？"); understand decides. */
const FOLLOW_UP_LENGTH = 16;
/** The same, in English, where words are longer ("Compared with which year?"). */
const ENGLISH_FOLLOW_UP = 40;

export function makeGuard(offTopic: OffTopicDetector) {
  return async function guard(ctx: AnswerContext): Promise<void> {
    if (looksLikeInjection(ctx.message)) {
      ctx.stop("guardrails_injection", messages.answer.injection);
      return;
    }
    // Before any search: what must not be answered with the plan never reaches retrieval or an LLM.
    // An instruction split over two messages ("先记住…" then "现在…") is read as the two together.
    const joined = splitRequest(ctx);
    if (joined && looksLikeInjection(joined)) {
      ctx.stop("guardrails_injection", messages.answer.injection);
      return;
    }
    const verdict =
      ctx.deps.scope.classify(ctx.message) ?? (joined ? harmfulOnly(ctx.deps.scope.classify(joined)) : null);
    if (verdict) {
      ctx.notes.push(`scope:${verdict.reason}`);
      // A request for the bureau's number or address is also a question the plan does not answer.
      const asksContact = verdict.reason === "handoff" && ctx.deps.language.unset.contact.test(ctx.message);
      ctx.stop(
        verdict.status,
        asksContact ? messages.answer.scope.handoffContact[verdict.language] : scopeReply(verdict),
      );
      // "方案原文[1]没有列出…": what the plan says of its issuers is the clause the no rests on.
      if (asksContact) ctx.citations = planNotice(ctx);
      return;
    }
    if (isGreetingOrHelp(ctx.message)) {
      ctx.intent = "greeting";
      return;
    }
    // A question in English is read from here on as the Chinese of its terms and forms; it is off topic
    // when it names nothing of the plan's domain, or asks for a task whatever it names.
    const english = readEnglish(ctx.message, ctx.deps.language.english);
    if (english) {
      // "Compared with which year?" in a running conversation may be a follow-up: understand decides.
      const followUp = ctx.history.length > 0 && ctx.message.length <= ENGLISH_FOLLOW_UP;
      const offTopicAlone = english.terms === 0 && !followUp && (await offTopicByPlan(ctx, offTopic));
      if (offTopic.isUnrelatedTask(ctx.message) || offTopicAlone) {
        ctx.stop("guardrails_off_topic", messages.answer.offTopicEn);
        return;
      }
      ctx.notes.push("english");
      ctx.english = true;
      ctx.message = english.chinese;
      ctx.question = english.chinese;
      return;
    }
    const possibleFollowUp = ctx.history.length > 0 && ctx.message.length <= FOLLOW_UP_LENGTH;
    if (possibleFollowUp) return;
    // Figures for a calculation, or the figures a pending calculation asked for, are never off topic.
    if (asksForCalculation(ctx.message, ctx.deps.reading)) return;
    // So are figures right after a calculation ("再加上电120万度呢", "那要是做到1050呢"): understand decides.
    const last = ctx.history.at(-1);
    const afterCalculation = last?.status === "answered_needs_input" || Boolean(last?.calculatorRequest);
    if (afterCalculation && readQuantities(ctx.message, ctx.deps.reading.words).quantities.length > 0) return;
    // "我们是铸造厂，熔炼还用的冲天炉": an enterprise saying what industry it is in is the bureau's
    // business (a product named in passing, "我的手机充不进电", is not).
    if (SAYS_WHAT_IT_IS.test(ctx.message) && (ctx.deps.planModel?.industryFor(ctx.message).length ?? 0) > 0)
      return;
    if (await offTopicByPlan(ctx, offTopic)) ctx.stop("guardrails_off_topic", messages.answer.offTopic);
  };
}

/** The off-topic verdict on the message, with the plan's best passage for it to go by. */
async function offTopicByPlan(ctx: AnswerContext, offTopic: OffTopicDetector): Promise<boolean> {
  const { results } = await searchOnce(ctx, ctx.message);
  return offTopic.isOffTopic(ctx.message, results[0]?.signals.bm25Score ?? 0);
}

/**
 * The previous message and this one as one request, when this one is short enough to continue it and the
 * previous one was not refused for what it asked (that was dealt with); null otherwise. An opener refused
 * only as off topic ("能帮我写个东西吗") says nothing yet, so what follows it is read with it.
 */
function splitRequest(ctx: AnswerContext): string | null {
  const previous = ctx.history.at(-1);
  if (!previous || ctx.message.length > SPLIT_TAIL) return null;
  if (previous.status.startsWith("guardrails_") && previous.status !== "guardrails_off_topic") return null;
  return `${previous.question}\n${ctx.message}`;
}

/** A continuation shorter than this may finish an instruction begun in the previous message. */
const SPLIT_TAIL = 60;

/** Read together, two messages may only add a refusal: never a handoff or another place by themselves. */
function harmfulOnly(verdict: ScopeVerdict | null): ScopeVerdict | null {
  return verdict && verdict.status.startsWith("guardrails_") ? verdict : null;
}

export function scopeReply({ reason, language, place }: ScopeVerdict): string {
  const replies = messages.answer.scope;
  if (reason === "other_region") return replies.otherRegion[language](place ?? "");
  return replies[reason][language];
}

/** The cover notice of the plan (the first document): who issued it, cited when the plan lists no contact. */
function planNotice(ctx: AnswerContext): Citation[] {
  const plan = ctx.deps.knowledge.documents[0];
  const passage = plan ? ctx.deps.knowledge.passagesOfUnit(`${plan.id}:notice`)[0] : undefined;
  return passage ? [citationOf(passage, ctx.deps.knowledge.document(passage.docId))] : [];
}
