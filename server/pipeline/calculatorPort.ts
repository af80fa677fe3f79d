import type * as z from "zod";
import type { CalculatorData } from "../calculators/data.js";

/** A calculator offered to the pipeline and, as a tool, to the LLM. */
export interface CalculatorTool {
  name: string;
  description: string;
  schema: z.ZodType;
}

export type { CalculatorRequest } from "../conversation/records.js";

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
