import { randomUUID } from "node:crypto";
import type { Citation, Turn } from "../../../server/conversation/records.js";
import type { EnquiryResult, EnquiryStore } from "../../../server/storage/types.js";

export const DAY = 86_400_000;
export const CONV = "c_AAAAAAAAAAAAAAAAAAAAAA";
export const OTHER_CONV = "c_BBBBBBBBBBBBBBBBBBBBBB";

export const citation = (unitId: string, n = 1): Citation => ({
  id: `${unitId}#${n}`,
  unitId,
  breadcrumb: `一、总体要求 › ${unitId}`,
  quote: "到2025年……下降15%",
});

export function result(over: Partial<EnquiryResult> & { question?: string } = {}): EnquiryResult {
  const status = (over.status ?? "answered") as Turn["status"];
  const citations = over.citations ?? [];
  const answer = over.answer ?? "到2025年，全市规模以上工业单位增加值能耗较2020年下降15%[1]。";
  const turn: Turn = {
    messageId: "filled-in",
    question: over.question ?? "规上工业单位增加值能耗到2025年要降多少",
    resolvedQuestion: over.resolvedQuestion ?? over.question ?? "规上工业单位增加值能耗到2025年要降多少",
    intent: "plan_fact",
    status,
    citations,
    calculatorRequest: null,
    answer,
  };
  return {
    resolvedQuestion: turn.resolvedQuestion,
    intent: "plan_fact",
    persona: "public",
    answer,
    status,
    mode: "offline",
    reviewedAnswerId: null,
    citations,
    toolRuns: [],
    notes: [],
    timings: { checkInput: 0.1, compose: 2.5 },
    durationMs: 12.4,
    turn,
    ...over,
  };
}

export interface Seed {
  conversationId?: string;
  question: string;
  at: Date;
  /** Omit to leave the enquiry pending (never answered). */
  finish?: Partial<EnquiryResult>;
}

/** Stores an enquiry as the chat route does: started before the answer, finished after it. */
export async function seed(
  storage: Pick<EnquiryStore, "startEnquiry" | "finishEnquiry">,
  { conversationId = CONV, question, at, finish }: Seed,
): Promise<string> {
  const messageId = randomUUID();
  await storage.startEnquiry({ messageId, conversationId, question, redactions: [], createdAt: at });
  if (finish) {
    const r = result({ question, ...finish });
    await storage.finishEnquiry(messageId, { ...r, turn: { ...r.turn, messageId } });
  }
  return messageId;
}
