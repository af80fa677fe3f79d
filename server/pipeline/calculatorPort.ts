import type * as z from "zod";

/** A calculator offered to the pipeline and, as a tool, to the LLM. */
export interface CalculatorTool {
  name: string;
  description: string;
  schema: z.ZodType;
}

/** What the message parser understood: which calculator, its input so far, and what is still missing. */
export interface CalculatorRequest {
  tool: string;
  input: Record<string, unknown>;
  /** Questions to ask the person, one per missing input, in Chinese. */
  missing: string[];
  /** Why no figure can make this calculation (the plan's benchmark does not cover the product): an answer, not a question. */
  verdict?: string;
}

export type CalculatorOutcome =
  { ok: true; output: unknown } | { ok: false; message: string; details?: unknown };

export interface CalculatorPort {
  tools: CalculatorTool[];
  /** Reads figures out of a message; `previous` lets a follow-up supply what an earlier turn lacked. */
  parseMessage(message: string, previous: CalculatorRequest | null): CalculatorRequest | null;
  /** A question about the plan's benchmark figures themselves ("电炉钢标杆是多少"), read as a lookup. */
  parseLookup(message: string): CalculatorRequest | null;
  run(name: string, input: unknown): CalculatorOutcome;
  /** A benchmark comparison with nothing known yet: asks for the product and its figure. */
  blankBenchmarkRequest(): CalculatorRequest;
  /** A short Markdown rendering of a result: the lead sentence, the formula, the sources. */
  describe(
    name: string,
    output: unknown,
  ): { lead: string; details: string[]; unitIds: string[]; nextStep?: string };
}
