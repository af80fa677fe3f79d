import type { BenchmarkGapResult } from "../calculators/computeBenchmarkGap.js";
import type { CalculatorData } from "../calculators/data.js";
import { parseCalculatorRequest } from "../calculators/parseCalculatorRequest.js";
import { calculatorTools, runCalculatorTool, type CalculatorContext } from "../calculators/registry.js";
import { messages } from "../messages.js";
import type { CalculatorPort, CalculatorRequest } from "./calculatorPort.js";

export type MessageParser = (message: string, previous: CalculatorRequest | null) => CalculatorRequest | null;

const t = messages.answer.calc;

/** The calculators' Chinese message reader, in the pipeline's terms. */
export function messageParser(data: CalculatorData): MessageParser {
  // The parser reads product names back from earlier input; give it the name, not the catalogue id.
  const nameOf = (product: unknown) => data.products.find((p) => p.id === product)?.name ?? product;
  return (message, previous) => {
    const earlier = previous ? { tool: previous.tool, input: { ...previous.input, ...(previous.input.product ? { product: nameOf(previous.input.product) } : {}) } } : null;
    const parsed = parseCalculatorRequest(message, data, earlier);
    return parsed ? { tool: parsed.tool, input: parsed.input, missing: parsed.missing.map((m) => m.question) } : null;
  };
}

/** The calculators as the pipeline sees them: the registry's tools, the message parser, and how results read. */
export function calculatorPort(context: CalculatorContext, parseMessage: MessageParser): CalculatorPort {
  return {
    tools: calculatorTools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      schema: tool.schema,
      run: (input: unknown) => tool.run(input as never, context),
    })),
    parseMessage,
    run: (name, input) => runCalculatorTool(name, input, context),
    blankBenchmarkRequest: () => ({
      tool: "benchmark_gap",
      input: {},
      missing: [
        messages.calculators.questions.product(context.data.products.filter((p) => p.inPlan).map((p) => p.name).join("、")),
        messages.calculators.questions.unitConsumption("单位产品"),
      ],
    }),
    describe: (name, output) => (name === "benchmark_gap" ? describeGap(output as BenchmarkGapResult) : describeGeneric(output)),
  };
}

function describeGap(r: BenchmarkGapResult) {
  const gap =
    r.gapToBenchmark > 0
      ? t.aboveBenchmark(r.gapToBenchmark, r.gapToBenchmarkPercent)
      : t.atOrBelowBenchmark(Math.abs(r.gapToBenchmark));
  const lead = t.gapLead(r.product.name, r.unitConsumption, r.benchmark, r.statusLabel, gap);
  const details = [
    ...r.formula.map((line) => `- ${line}`),
    ...(r.annualSavingTce !== null && r.annualSavingTce > 0 ? [`- ${t.saving(r.annualSavingTce, r.co2SavingT)}`] : []),
    `- ${r.policy.summary}`,
    ...(r.policy.deadline ? [`- ${r.policy.deadline.text}`] : []),
    ...r.notes.map((note) => `- ${note}`),
    `- ${t.sources}${r.sources.map((s) => s.title).join("；")}`,
  ];
  // The benchmark and the target answer the question; the sector's measures come after them.
  const rank = (id: string) => (id.endsWith(".benchmark") ? 0 : id.endsWith(".target") ? 1 : 2);
  const unitIds = r.planUnits.map((u) => u.id).sort((a, b) => rank(a) - rank(b));
  return { lead, details, unitIds };
}

function describeGeneric(output: unknown) {
  const o = output as { formula?: unknown; summary?: unknown; planUnits?: Array<{ id: string }> };
  const formula = Array.isArray(o.formula) ? o.formula.map(String) : [];
  const lead = typeof o.summary === "string" ? o.summary : (formula[formula.length - 1] ?? "");
  return { lead, details: formula.map((line) => `- ${line}`), unitIds: (o.planUnits ?? []).map((u) => u.id) };
}
