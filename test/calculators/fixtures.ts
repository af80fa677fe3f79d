import path from "node:path";
import { loadCalculatorData, type CalculatorData } from "../../server/calculators/data.js";
import type { CalculatorContext } from "../../server/calculators/registry.js";
import type { ReadingContext } from "../../server/pipeline/understand/calculation/context.js";
import {
  loadQuantityWords,
  QUANTITY_WORDS_FILE,
  type QuantityWords,
} from "../../server/pipeline/understand/quantities/vocabulary.js";

export const dataDir = path.resolve(import.meta.dirname, "../../knowledge/data");

let cached: CalculatorData | undefined;

/** The real reviewed data: the hand-computed cases are about these figures. */
export function realData(): CalculatorData {
  cached ??= loadCalculatorData(dataDir);
  return cached;
}

/** The vocabulary of figures (knowledge/data/quantity-words.json). */
export function quantityWords(): QuantityWords {
  return loadQuantityWords(path.resolve(dataDir, "..", QUANTITY_WORDS_FILE));
}

/** What the calculation readers need: the real data and the vocabulary. */
export function readingContext(): ReadingContext {
  return { data: realData(), words: quantityWords() };
}

export function context(gridFactorId = "grid-national-2023"): CalculatorContext {
  return { data: realData(), gridFactorId };
}

/** Runs `fn` and returns the error it throws, or fails. */
export function thrown(
  fn: () => unknown,
): Error & { problem?: string; field?: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

/** Ten 55 kW four-pole motors, grade 3 to grade 1, 6,000 hours a year at 75 % load. */
export const TEN_MOTORS = {
  ratedPowerKw: 55,
  poles: 4,
  count: 10,
  hoursPerYear: 6000,
  loadFactorPercent: 75,
  presentGrade: 3,
  targetGrade: 1,
};
