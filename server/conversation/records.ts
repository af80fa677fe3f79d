import type { ResponsibleUnits } from "../knowledge/types.js";
import type { Status } from "../pipeline/statuses.js";

/*
 * What a conversation leaves behind: the turns, their citations and tool runs. The pipeline makes
 * them and storage keeps them, so they live here, below both, rather than in either.
 */

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
  /** The title of the document quoted; absent in turns stored before it was added. */
  document?: string;
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

/** What understanding read from the conversation: which calculator, its input so far, and what is still missing. */
export interface CalculatorRequest {
  tool: string;
  input: Record<string, unknown>;
  /** Questions to ask the person, one per missing input, in Chinese. */
  missing: string[];
  /** Why no figure can make this calculation (the plan's benchmark does not cover the product): an answer, not a question. */
  verdict?: string;
  /** What reading assumed or set aside ("未写单位，按千克标准煤/吨理解"), for the calculation section. */
  notes?: string[];
  /** While something is missing, the input of an answer that can already be given, and what it assumes. */
  provisional?: { input: Record<string, unknown>; note: string; label?: string };
  /** The messages the request was read from, in order: a correction ("不对，是15万吨") re-reads them. */
  said?: string[];
  /** What the question asks of the result (the aims vocabulary: "planTarget", "co2" …), for its description. */
  aims?: string[];
}
