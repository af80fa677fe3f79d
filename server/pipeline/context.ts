import type { AppConfig } from "../config.js";
import type { KnowledgeBase } from "../knowledge/knowledgeBase.js";
import type { Passage, ResponsibleUnits } from "../knowledge/types.js";
import type { SearchResponse, SearchResult } from "../retrieval/hybridSearcher.js";
import type { HybridSearcher } from "../retrieval/hybridSearcher.js";
import type { CalculatorPort, CalculatorRequest } from "./calculatorPort.js";
import type { LlmClient } from "./llm/llmClient.js";
import type { CuratedAnswerIndex } from "./curated.js";
import type { Status } from "./statuses.js";
import type { ReadingContext } from "./understand/calculation/context.js";
import type { Persona } from "./understand/persona.js";

export type Intent =
  | "greeting"
  | "calculation"
  | "benchmark_lookup"
  | "responsible_unit"
  | "money_services"
  | "enterprise_advice"
  | "plan_fact";

export interface Citation {
  /** Passage id, e.g. hn2023:2.2.3#2 */
  id: string;
  unitId: string;
  breadcrumb: string;
  quote: string;
  /** The passage's 责任单位 as /api/search gives them; absent in turns stored before it was added. */
  responsibleUnits?: ResponsibleUnits | null;
}

export interface ToolRun {
  name: string;
  input: unknown;
  output: unknown;
  /** Set when the calculator refused the input; the message is for the person. */
  error?: string;
  /** Run on an assumption while the person is asked for what is missing ("暂按含原料用能口径"). */
  provisional?: boolean;
}

export interface Turn {
  messageId: string;
  question: string;
  resolvedQuestion: string;
  intent: Intent;
  status: Status;
  citations: Citation[];
  calculatorRequest: CalculatorRequest | null;
  answer: string;
}

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
  /** Who seems to be asking, for the staff console only. */
  persona: Persona;
  /** Set when a reviewed answer by bureau staff was served. */
  reviewedAnswerId: number | null;
  /** Unit ids a follow-up pinned ("第二条由谁负责" → the second citation of the previous answer). */
  pinnedUnitIds: string[];
  passages: SearchResult[];
  /** The passages numbered [1]..[n] for the LLM; citations in its answer index into these. */
  providedPassages: Passage[];
  calculatorRequest: CalculatorRequest | null;
  toolRuns: ToolRun[];
  answer: string;
  citations: Citation[];
  mode: "offline" | "llm";
  status: Status | null;
  notes: string[];
  timings: Record<string, number>;
  /** Set by a stage that has finished the answer; later stages are skipped. */
  stopped: boolean;
  emit: (event: AnswerEvent) => void;
  /** Aborted when nobody will read the answer; its reason is the status to record (see cancelledStatus). */
  signal: AbortSignal;
  /** Searches already made for this answer (the guard's is usually the retriever's too). */
  searches: Map<string, SearchResponse>;
}
