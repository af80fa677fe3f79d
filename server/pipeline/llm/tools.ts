import * as z from "zod";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import type { CalculatorTool } from "../../calculators/registry.js";

/** The calculators as OpenAI function tools: the same zod schemas the HTTP routes validate with. */
export function toOpenAiTools(tools: CalculatorTool[]): ChatCompletionTool[] {
  return tools.map((tool) => ({
    type: "function" as const,
    function: {
      name: tool.name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.schema, { io: "input", unrepresentable: "any" }) as Record<
        string,
        unknown
      >,
    },
  }));
}
