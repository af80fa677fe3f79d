import { createCalculatorPort } from "../calculators/port.js";
import type { CalculatorContext } from "../calculators/registry.js";
import { messages } from "../messages.js";
import { beijingDay } from "../time.js";
import type { CalculatorPort } from "./calculatorPort.js";

/** The benchmark and the target answer the question; the sector's measures are cited after them. */
const citeOrder = (id: string) => (id.endsWith(".benchmark") ? 0 : id.endsWith(".target") ? 1 : 2);

/** The calculators' port (server/calculators/port.ts) as the pipeline uses it. */
export function calculatorPort(context: CalculatorContext): CalculatorPort {
  const port = createCalculatorPort(() => ({ ...context, asOf: beijingDay() }));
  return {
    tools: port.tools,
    run: port.run,
    parseMessage: (message, previous) => port.parseMessage(message, previous),
    parseLookup: (message) => port.parseLookup(message),
    describe: (name, output) => {
      const description = port.describe(name, output);
      return {
        ...description,
        unitIds: [...description.unitIds].sort((a, b) => citeOrder(a) - citeOrder(b)),
      };
    },
    blankBenchmarkRequest: () => ({
      tool: "benchmark_gap",
      input: {},
      missing: [
        messages.calculators.questions.product(
          context.data.products
            .filter((p) => p.inPlan)
            .map((p) => p.name)
            .join("、"),
        ),
        messages.calculators.questions.unitConsumption("单位产品"),
      ],
    }),
  };
}
