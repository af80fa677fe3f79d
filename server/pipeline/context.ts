import type { HomophoneSpeller } from "../language/spelling.js";
import type { EnglishWords } from "./understand/english.js";
import type { NamedStatus } from "./understand/levelStatus.js";
import type { AppConfig } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { Passage } from "../knowledge/types.js";
import type { CalculatorRequest, Citation, Intent, ToolRun, Turn } from "../conversation/records.js";
import type { SearchResponse, SearchResult } from "../retrieval/hybridSearcher.js";
import type { HybridSearcher } from "../retrieval/hybridSearcher.js";
import type { CalculatorPort } from "../calculators/port.js";
import type { LlmClient } from "./llm/llmClient.js";
import type { CuratedAnswerIndex } from "./curated.js";
import type { ScopeGuard } from "./guard/scope.js";
import type { Status } from "./statuses.js";
import type { ReadingContext } from "./understand/calculation/context.js";
import type { Persona } from "./understand/persona.js";
import type { Asks } from "./understand/asks.js";
import type { QuestionFormsData } from "../language/questionForms.js";
import type { ObligationWords } from "../language/obligation.js";
import type { UnsetFigures } from "../language/unsetFigures.js";
import type { AnswerCheckWords } from "../language/answerCheck.js";
import type { QuestionBank } from "../retrieval/questionBank.js";
import type { LeadWeights } from "./rank/leadModel.js";
import type { LeadFeatures } from "./rank/features.js";
import type { IndustryMatch, PlanModel } from "../knowledge/planModel.js";

export type { Citation, Intent, ToolRun, Turn } from "../conversation/records.js";

/** What a stage may announce while the answer is being made (the chat API streams these). */
export type AnswerEvent =
  | { type: "delta"; text: string }
  | { type: "reset"; reason: string }
  | { type: "tool"; run: ToolRun }
  | { type: "citations"; citations: Citation[] };

export interface AnswerDeps {
  config: Pick<AppConfig, "llm">;
  knowledge: KnowledgeBase;
  searcher: HybridSearcher;
  calculators: CalculatorPort;
  /** What understanding reads figures with: the calculators' data and the vocabulary of quantities. */
  reading: ReadingContext;
  llm: LlmClient | null;
  /** The LLM's system prompt, from prompts/system.zh.md. */
  systemPrompt: string;
  curated: CuratedAnswerIndex;
  /** The grammar of questions and of obligation the composer reads (knowledge/language). */
  language: {
    forms: QuestionFormsData;
    obligation: ObligationWords;
    unset: UnsetFigures;
    /** What the LLM answer check reads beyond figures: official acts, the person, absence. */
    answerCheck: AnswerCheckWords;
    /** How a question in English is read: the plan's terms and the question forms in Chinese. */
    english: EnglishWords;
  };
  /** Questions people ask of each clause (knowledge/model), a second retriever; null when absent. */
  bank: Pick<QuestionBank, "unitMatches"> | null;
  /** The plan as data (knowledge/model): summaries, obligation, targets, the industry map. */
  planModel: PlanModel | null;
  /** The lead-unit model's weights (knowledge/model/lead-weights.json). */
  leadWeights: LeadWeights;
  /** What the guard stops or routes before retrieval: the vocabulary of knowledge/guard/scope.json. */
  scope: ScopeGuard;
  /** Mends homophone slips ("入圆率") to the domain's words before the message is read. */
  speller: HomophoneSpeller;
}

/** The one object every stage reads and changes. Stages never return answers; they fill this in. */
export interface AnswerContext {
  readonly deps: AnswerDeps;
  readonly conversationId: string;
  readonly messageId: string;
  readonly history: Turn[];
  /** As received; only checkInput reads it. */
  readonly rawMessage: string;
  /** Control characters stripped and personal data redacted: what every later stage sees and stores. */
  message: string;
  redactions: string[];
  /** The question after follow-up resolution ("那水泥呢？" → "水泥熟料的能效标杆值是多少 水泥"). */
  question: string;
  intent: Intent;
  /** What kind of answer the question wants (yes/no, who, when, how much, a list…). */
  asks: Asks;
  /** The industry the question names, when the industry map knows it. */
  industry: IndustryMatch | null;
  /** Who seems to be asking, for the staff console only. */
  persona: Persona;
  /** Set when a reviewed answer by bureau staff was served. */
  reviewedAnswerId: number | null;
  /** The clause the conversation is about (the last answer's lead), for the lead model; null at its start. */
  subjectUnitId: string | null;
  /** Unit ids a follow-up pinned ("第二条由谁负责" → the second citation of the previous answer). */
  pinnedUnitIds: string[];
  passages: SearchResult[];
  /** The units rankUnits weighed for the lead, best first, with what it saw of each (for training and notes). */
  leadCandidates: Array<{ unitId: string; features: LeadFeatures; score: number }>;
  /** The passages numbered [1]..[n] for the LLM; citations in its answer index into these. */
  providedPassages: Passage[];
  calculatorRequest: CalculatorRequest | null;
  toolRuns: ToolRun[];
  answer: string;
  citations: Citation[];
  /** 猜你想问: questions to offer after the answer, from the plan's structure around what it cites. */
  suggestions: string[];
  mode: "offline" | "llm";
  status: Status | null;
  notes: string[];
  /** A standing against the levels the question names in words ("不达标的…会怎么样"), or null. */
  levelStatus: NamedStatus | null;
  /** The message was in English: it is answered from its Chinese reading, with a note in English. */
  english: boolean;
  timings: Record<string, number>;
  /** Set by a stage that has finished the answer; later stages are skipped. */
  stopped: boolean;
  emit: (event: AnswerEvent) => void;
  /** Aborted when nobody will read the answer; its reason is the status to record (see cancelledStatus). */
  signal: AbortSignal;
  /** Searches already made for this answer (the guard's is usually the retriever's too). */
  searches: Map<string, SearchResponse>;
  /** Ends the answer here with a canned reply (a refusal, a request for input): later stages are skipped. */
  stop(status: Status, reply: string): void;
  /** Sets the finished answer, its citations, status and mode, and sends it as one delta. */
  finish(answer: FinishedAnswer): void;
}

export interface FinishedAnswer {
  answer: string;
  citations: Citation[];
  status: Status;
  mode: "offline" | "llm";
}
