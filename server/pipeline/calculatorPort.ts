import type * as z from "zod";
import type { CalculatorData } from "../calculators/data.js";

/** A calculator offered to the pipeline and, as a tool, to the LLM. */
export interface CalculatorTool {
  name: string;
  description: string;
  schema: z.ZodType;
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

export type CalculatorOutcome =
  { ok: true; output: unknown } | { ok: false; message: string; details?: unknown };

export interface CalculatorPort {
  tools: CalculatorTool[];
  /** The reviewed data the calculators run on; understanding reads products and carriers from it. */
  data: CalculatorData;
  run(name: string, input: unknown): CalculatorOutcome;
  /** A short Markdown rendering of a result: the lead sentence, the formula, the sources. */
  describe(
    name: string,
    output: unknown,
    options?: { aims?: string[] },
  ): { lead: string; details: string[]; unitIds: string[]; nextStep?: string };
}
