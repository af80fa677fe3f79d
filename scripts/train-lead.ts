/**
 * Trains the lead-unit model (server/pipeline/rank) and saves its weights to
 * knowledge/model/lead-weights.json. Examples: every question of the question bank (asked with itself
 * left out of the bank, labelled with the unit it was written for) and the development answer cases
 * that name the clause to cite (eval/answer-cases.jsonl) and the retired blind sets (eval/retired). The
 * blind sets in eval/blind are never read.
 *
 *   npm run train:lead
 */
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config.js";
import { createLogger, createServices } from "../server/services.js";
import { AnswerPipeline } from "../server/pipeline/index.js";
import { createOffTopicDetector } from "../server/pipeline/createPipeline.js";
import type { AnswerDeps, Turn } from "../server/pipeline/context.js";
import { toTurn } from "../server/pipeline/turn.js";
import { FEATURE_NAMES, type LeadFeatures } from "../server/pipeline/rank/features.js";
import { LEAD_WEIGHTS_FILE, UNTRAINED_WEIGHTS, type LeadWeights } from "../server/pipeline/rank/leadModel.js";
import { loadAnswerCases } from "../eval/lib/answerEval.js";
import { loadBlindSets } from "../eval/lib/blindSets.js";
import { QuestionBank } from "../server/retrieval/questionBank.js";

interface Example {
  features: LeadFeatures[];
  positive: boolean[];
}

const config = { ...loadConfig(), embeddings: null, databaseFile: ":memory:", llm: null };
const services = await createServices(config, createLogger({ logLevel: "silent" }));
const deps = (services.pipeline as unknown as { deps: AnswerDeps }).deps;
const offTopic = createOffTopicDetector(config.knowledgeDir, services.knowledge, services.searcher);

async function candidatesFor(pipelineDeps: AnswerDeps, turns: string[], question: string) {
  const pipeline = new AnswerPipeline(pipelineDeps, offTopic);
  const history: Turn[] = [];
  for (const message of turns)
    history.push(toTurn(await pipeline.answer({ message, conversationId: "train", history: [...history] })));
  const ctx = await pipeline.answer({ message: question, conversationId: "train", history });
  return ctx.leadCandidates;
}

function example(
  candidates: Array<{ unitId: string; features: LeadFeatures }>,
  wanted: Set<string>,
): Example | null {
  const positive = candidates.map((c) => wanted.has(c.unitId));
  if (!positive.some(Boolean) || positive.every(Boolean)) return null;
  return { features: candidates.map((c) => c.features), positive };
}

const examples: Example[] = [];
const bank = deps.bank instanceof QuestionBank ? deps.bank : null;
for (const [index, q] of (bank?.questions ?? []).entries()) {
  const found = await candidatesFor({ ...deps, bank: bank!.without(index) }, [], q.question);
  const e = example(found, new Set([q.unitId]));
  if (e) examples.push(e);
}
const bankExamples = examples.length;
const cases = loadAnswerCases(path.resolve("eval/answer-cases.jsonl")).filter(
  (c) => c.expect.status === "answered" && (c.expect.cite?.length ?? 0) > 0,
);
for (const c of cases) {
  const e = example(await candidatesFor(deps, c.turns, c.question), new Set(c.expect.cite));
  if (e) examples.push(e);
}

// Retired blind sets are development sets now: their conversations teach the follow-ups.
for (const set of loadBlindSets(path.resolve("eval/retired"))) {
  for (const item of set.items) {
    if (!item.units?.length || item.kind === "calc" || item.kind === "refuse") continue;
    const e = example(
      await candidatesFor(deps, item.turns.slice(0, -1), item.turns.at(-1)!),
      new Set(item.units),
    );
    if (e) examples.push(e);
  }
}

const vector = (f: LeadFeatures) => FEATURE_NAMES.map((name) => f[name]);

function accuracy(weights: number[]): number {
  const right = examples.filter((e) => {
    const scores = e.features.map((f) => dot(weights, vector(f)));
    return e.positive[scores.indexOf(Math.max(...scores))];
  });
  return right.length / Math.max(1, examples.length);
}

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** Softmax over each question's candidates; the loss is minus the log of the positives' share. */
function train(start: number[], epochs = 600, rate = 0.5, l2 = 1e-3): number[] {
  const w = [...start];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = w.map((x) => l2 * x);
    for (const e of examples) {
      const xs = e.features.map(vector);
      const scores = xs.map((x) => dot(w, x));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const z = exp.reduce((a, b) => a + b, 0);
      const p = exp.map((v) => v / z);
      const pos = p.reduce((sum, v, i) => sum + (e.positive[i] ? v : 0), 0);
      xs.forEach((x, i) => {
        const q = e.positive[i] ? p[i]! / pos : 0;
        x.forEach((xi, k) => (grad[k]! += ((p[i]! - q) * xi) / examples.length));
      });
    }
    grad.forEach((g, k) => (w[k]! -= rate * g));
  }
  return w;
}

const start = FEATURE_NAMES.map((name) => UNTRAINED_WEIGHTS[name]);
const before = accuracy(start);
const trained = train(start);
const after = accuracy(trained);
const weights = Object.fromEntries(
  FEATURE_NAMES.map((name, i) => [name, Math.round(trained[i]! * 1e4) / 1e4]),
) as LeadWeights;
const file = path.join(config.knowledgeDir, LEAD_WEIGHTS_FILE);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(
  file,
  `${JSON.stringify(
    {
      about:
        "Weights of the lead-unit model (server/pipeline/rank): a linear score over generic features of each candidate unit, trained by scripts/train-lead.ts (npm run train:lead) with a softmax over each question's candidates. Regenerate after changing the plan, the question bank or the features.",
      trainedOn: `${bankExamples} question-bank questions (each with itself left out) and ${examples.length - bankExamples} development cases (answer cases and retired blind sets); top-1 accuracy ${before.toFixed(3)} untrained → ${after.toFixed(3)} trained`,
      weights,
    },
    null,
    2,
  )}\n`,
);
console.log(
  `lead model: ${examples.length} examples (${bankExamples} from the bank); top-1 ${before.toFixed(3)} → ${after.toFixed(3)}`,
);
console.log(weights);
await services.storage.close?.();
process.exit(0);
