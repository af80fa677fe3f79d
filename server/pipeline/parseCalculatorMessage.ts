import type { CalculatorRequest } from "./calculatorPort.js";

// TEMPORARY until the calculators' message parser lands.
export function parseCalculatorMessage(_message: string, _previous: CalculatorRequest | null): CalculatorRequest | null {
  return null;
}
