import type { QuestionFormsData } from "../../language/questionForms.js";
import type { BenchmarkStatus } from "../../calculators/data.js";

/** The standings a question can name in words; an unknown baseline is a calculator's finding, not a question's. */
export type NamedStatus = Exclude<BenchmarkStatus, "baseline_unknown">;

/**
 * "不达标的生产线会怎么样", "在基准和标杆之间，方案要我们做什么": a standing against the levels named in
 * words, with a question of what follows from it. Null when either is missing. Between is read first:
 * its words ("达不到标杆") hold a shortfall that is not below the baseline.
 */
export function levelStatusAsked(question: string, forms: QuestionFormsData): NamedStatus | null {
  const words = forms.levelStatus;
  const has = (list: string[]) => list.some((w) => question.includes(w));
  if (!has(words.consequence)) return null;
  if (has(words.between)) return "between_benchmark_and_baseline";
  if (has(words.worse)) return "worse_than_baseline";
  if (has(words.better)) return "at_or_better_than_benchmark";
  return null;
}
