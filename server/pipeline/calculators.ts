import { createCalculatorPort } from "../calculators/port.js";
import type { CalculatorContext } from "../calculators/registry.js";
import { beijingDay } from "../time.js";
import type { CalculatorPort } from "./calculatorPort.js";

/** The benchmark and the target answer the question; the sector's measures are cited after them. */
const citeOrder = (id: string) => (id.endsWith(".benchmark") ? 0 : id.endsWith(".target") ? 1 : 2);

/** The calculators' port (server/calculators/port.ts) as the pipeline uses it. */
export function calculatorPort(context: CalculatorContext): CalculatorPort {
  const port = createCalculatorPort(() => ({ ...context, asOf: beijingDay() }));
  return {
    tools: port.tools,
    data: context.data,
    run: port.run,
    describe: (name, output, options) => {
      const description = port.describe(name, output, options);
      return {
        ...description,
        unitIds: [...description.unitIds].sort((a, b) => citeOrder(a) - citeOrder(b)),
      };
    },
  };
}
