/**
 * npm run eval — measures answer quality. Prints one JSON line per case, then summaries, writes a
 * JSON report to eval/reports/, and fails when a score falls below what the repository has reached
 * (eval/ratchet.json) or when hybrid retrieval falls below the plain BM25 baseline on R@1, R@5 or MRR.
 * `npm run eval -- --update-ratchet` raises the ratchet to today's scores.
 *
 * Blind sets (eval/blind/*.jsonl, or --blind-dir DIR) are graded too, and print aggregates only: per
 * set, per kind and overall. Their scores are printed, never ratcheted. They run only when asked
 * (`--blind`, or `--blind-only` for just them): a blind set measures once, not with every run.
 * `--llm` composes with the endpoint the environment configures (OPENAI_BASE_URL, OPENAI_MODEL) and
 * prints the same figures and the LLM's fallbacks; no ratchet. `--cases a001,a002` runs only those
 * answer cases (no retrieval, no ratchet); `--report-dir DIR` writes the report elsewhere.
 *
 * A full offline run also runs the guard and redaction evals (eval/guard.ts, eval/redaction.ts), each
 * in its own process with its own thresholds, and prints their figures; either failing fails the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { AppServices } from "../server/services.js";
import { loadConfig } from "../server/config.js";
import { createLogger, createServices } from "../server/services.js";
import { plainBm25Searcher } from "./lib/baseline.js";
import { compareWithBaseline, type GateRow } from "./lib/baselineGate.js";
import {
  compareWithRatchet,
  digestOf,
  raiseRatchet,
  readRatchet,
  type RatchetRun,
  type Scores,
} from "./lib/ratchet.js";
import { loadRetrievalCases, runRetrievalEval, type RetrievalRun } from "./lib/retrievalEval.js";
import { runRetiredSet, summariseRetired, type RetiredResult } from "./lib/retiredSets.js";
import { loadAnswerCases, runAnswerCase, summariseAnswers, type AnswerCaseResult } from "./lib/answerEval.js";
import {
  BlindSetError,
  describeBlindSet,
  loadBlindSets,
  runBlindSet,
  type BlindSet,
  type BlindSetSummary,
} from "./lib/blindSets.js";
import { describeFallbacks, tallyFallbacks } from "./lib/llmFallbacks.js";
import { OptionsError, parseEvalArgs, type EvalOptions } from "./lib/options.js";
import { runSideEval, SIDE_EVALS, type SideEvalResult } from "./lib/sideEvals.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const logger = createLogger({ logLevel: "warn" });
const configured = loadConfig();
let options: EvalOptions;
try {
  options = parseEvalArgs(process.argv.slice(2), here);
} catch (error) {
  if (!(error instanceof OptionsError)) throw error;
  console.error(`eval: ${error.message}`);
  process.exit(2);
}
// Retrieval is measured on the hashed vectors, whatever embeddings endpoint is configured; the LLM
// composes only with --llm, and createServices builds the pipeline from this as the server does.
const config = {
  ...configured,
  embeddings: null,
  databaseFile: ":memory:",
  llm: options.llm ? configured.llm : null,
};

/** The issue's targets; the ratchet keeps what has been reached above them. */
const TARGETS: Scores = {
  "retrieval.recallAt5": 0.95,
  "retrieval.mrr": 0.85,
  "answers.factsWithCitation": 0.95,
  "answers.calculationsExact": 1,
  "answers.refusalsCorrect": 1,
};
/** Lower is better; the target is zero. */
const ZERO_TARGETS = new Set(["answers.unsupported_figures"]);

/** The answer question sets: the plan's questions, and the freely phrased calculation requests. */
const ANSWER_SETS = ["answer-cases.jsonl", "calc-cases.jsonl"];

async function answerSuite(services: AppServices): Promise<{ scores: Scores; report: unknown }> {
  const sets = selectedSets();
  const results = [];
  const bySet: Array<{ file: string; results: AnswerCaseResult[] }> = [];
  for (const { file, cases } of sets) {
    const setResults: AnswerCaseResult[] = [];
    bySet.push({ file, results: setResults });
    for (const testCase of cases) {
      const result = await runAnswerCase(services.pipeline, services.knowledge, testCase);
      setResults.push(result);
      results.push(result);
      printCase(
        { suite: "answers", ...result, ms: Math.round(result.ms * 10) / 10 },
        result.passed && result.unsupportedFigures.length === 0,
      );
    }
  }
  const summary = summariseAnswers(results);
  console.log(`\n== Answers (${options.llm ? "LLM" : "offline"} mode) ==`);
  console.log(
    `cases ${summary.cases}  overall ${fmt(summary.overall)}  facts+citation ${fmt(summary.factsWithCitation)}  facts in the lead ${fmt(summary.leadHasFacts)}  calculations exact ${fmt(summary.calculationsExact)}  refusals correct ${fmt(summary.refusalsCorrect)}  answers with a figure in no source ${summary.answersWithUnsupportedFigures}`,
  );
  for (const [category, s] of Object.entries(summary.byCategory))
    console.log(`${category.padEnd(24)} n=${String(s.cases).padStart(3)}  passed ${fmt(s.passed)}`);
  const llm = tallyFallbacks(results);
  if (options.llm) for (const line of describeFallbacks(llm)) console.log(line);
  for (const set of bySet) {
    const s = summariseAnswers(set.results);
    console.log(
      `set ${set.file.padEnd(20)} n=${String(s.cases).padStart(3)}  passed ${fmt(s.overall)}  calculations exact ${fmt(s.calculationsExact)}  answers with a figure in no source ${s.answersWithUnsupportedFigures}`,
    );
  }
  return {
    scores: {
      "answers.overall": summary.overall,
      "answers.factsWithCitation": summary.factsWithCitation,
      "answers.leadHasFacts": summary.leadHasFacts,
      "answers.calculationsExact": summary.calculationsExact,
      "answers.refusalsCorrect": summary.refusalsCorrect,
      "answers.unsupported_figures": summary.answersWithUnsupportedFigures,
    },
    report: { summary, results, ...(options.llm ? { llm } : {}) },
  };
}

/** Every answer set, or with --cases only the cases named (from any set). */
function selectedSets() {
  const sets = ANSWER_SETS.map((file) => ({ file, cases: loadAnswerCases(path.join(here, file)) }));
  if (!options.cases) return sets;
  const all = sets.flatMap((set) => set.cases);
  const unknown = options.cases.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length) throw new OptionsError(`--cases: no answer case ${unknown.join(", ")}`);
  return sets.map((set) => ({ ...set, cases: set.cases.filter((c) => options.cases!.includes(c.id)) }));
}

/** Blind sets that have guided fixes: development sets now, graded by the blind rules, case by case. */
const RETIRED_DIR = path.join(here, "retired");

async function retiredSuite(
  services: AppServices,
): Promise<{ scores: Scores; report: unknown; results: RetiredResult[] }> {
  const sets = loadBlindSets(RETIRED_DIR);
  const results: RetiredResult[] = [];
  for (const set of sets) {
    const setResults = await runRetiredSet(services.pipeline, services.knowledge, set);
    for (const r of setResults)
      printCase({ suite: "retired", ...r }, r.passed && r.unsupportedFigures.length === 0);
    results.push(...setResults);
  }
  const summary = summariseRetired(results);
  console.log(`\n== Retired blind sets in eval/retired (development sets, graded by the blind rules) ==`);
  console.log(
    `cases ${results.length}  overall ${fmt(summary.overall)}  ${Object.entries(summary.byKind)
      .map(([kind, [p, n]]) => `${kind} ${p}/${n}`)
      .join("  ")}`,
  );
  return {
    scores: results.length ? { "retired.overall": summary.overall } : {},
    report: { summary, results },
    results,
  };
}

function retiredFiles(): string[] {
  if (!fs.existsSync(RETIRED_DIR)) return [];
  return fs
    .readdirSync(RETIRED_DIR)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .map((name) => path.join(RETIRED_DIR, name));
}

/** Aggregates only, whatever the options: see eval/lib/blindSets.ts. Never part of the scores or the ratchet. */
async function blindSuite(services: AppServices, sets: BlindSet[]): Promise<BlindSetSummary[]> {
  console.log(
    `\n== Blind sets in ${displayPath(options.blindDir)} (aggregates only; printed, never ratcheted) ==`,
  );
  if (!sets.length) console.log("none");
  const summaries = [];
  for (const set of sets) {
    const summary = await runBlindSet(services.pipeline, services.knowledge, set);
    for (const line of describeBlindSet(summary, { llm: options.llm })) console.log(line);
    summaries.push(summary);
  }
  if (summaries.length > 1) {
    const [passed, total] = summaries.reduce(([p, n], s) => [p + s.passed, n + s.total], [0, 0]);
    console.log(`all blind sets: overall ${passed}/${total} (${total ? fmt(passed / total) : "-"})`);
  }
  return summaries;
}

async function retrievalSuite(
  services: AppServices,
): Promise<{ scores: Scores; report: unknown; gate: GateRow[] }> {
  const { knowledge, searcher } = services;
  const cases = loadRetrievalCases(path.join(here, "retrieval-questions.jsonl"));
  const hybrid = await runRetrievalEval(searcher, cases);
  const baseline = await runRetrievalEval(plainBm25Searcher(knowledge), cases);
  for (const c of hybrid.cases) printCase({ suite: "retrieval", ...c }, c.firstHitRank === 1);
  printRetrievalTable(hybrid, baseline);
  const gate = compareWithBaseline(hybrid.summary, baseline.summary);
  console.log("\n== Gate: hybrid ≥ plain BM25 overall ==");
  for (const row of gate)
    console.log(
      `${row.metric.padEnd(10)} hybrid ${fmt(row.hybrid)} ${row.met ? "≥" : "<"} baseline ${fmt(row.baseline)}  ${row.met ? "ok" : "BELOW BASELINE"}`,
    );
  return {
    gate,
    scores: {
      "retrieval.recallAt1": hybrid.summary.recallAt1,
      "retrieval.recallAt3": hybrid.summary.recallAt3,
      "retrieval.recallAt5": hybrid.summary.recallAt5,
      "retrieval.mrr": hybrid.summary.mrr,
    },
    report: { hybrid, baseline },
  };
}

function printRetrievalTable(hybrid: RetrievalRun, baseline: RetrievalRun): void {
  const row = (label: string, h: RetrievalRun["summary"], b?: RetrievalRun["summary"]) =>
    `${label.padEnd(14)} n=${String(h.cases).padStart(3)}  R@1 ${fmt(h.recallAt1)} R@3 ${fmt(h.recallAt3)} R@5 ${fmt(h.recallAt5)} MRR ${fmt(h.mrr)}` +
    (b
      ? `   | baseline R@1 ${fmt(b.recallAt1)} R@3 ${fmt(b.recallAt3)} R@5 ${fmt(b.recallAt5)} MRR ${fmt(b.mrr)}`
      : "");
  console.log(
    "\n== Retrieval: hybrid (jieba + domain dictionary + synonyms + BM25, hashed n-gram vectors, RRF) vs plain BM25 ==",
  );
  console.log(row("overall", hybrid.summary, baseline.summary));
  for (const [persona, s] of Object.entries(hybrid.byPersona))
    console.log(row(`persona:${persona}`, s, baseline.byPersona[persona]));
  for (const [section, s] of Object.entries(hybrid.bySection))
    console.log(row(`section:${section}`, s, baseline.bySection[section]));
}

const fmt = (n: number) => n.toFixed(3);

/** Paths inside the project relative to it, others in full. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative || ".";
}

/** One JSON line per development case; with --quiet (CI) only the cases that did not fully pass. */
function printCase(line: object, passed: boolean): void {
  if (!options.quiet || !passed) console.log(JSON.stringify(line));
}

/** The question sets are data: their own checkers prove them consistent with the plan before they are used. */
function checkQuestionSets(): void {
  for (const checker of ["check-retrieval-questions.mjs", "check-answer-cases.mjs", "check-calc-cases.mjs"]) {
    const run = spawnSync(process.execPath, [path.join(here, checker)], { encoding: "utf8" });
    if (run.status !== 0) {
      console.log(run.stdout, run.stderr);
      throw new Error(`eval/${checker} found problems in the question set`);
    }
  }
  console.log(
    "question sets checked: eval/retrieval-questions.jsonl, eval/answer-cases.jsonl, eval/calc-cases.jsonl",
  );
}

/** The guard and redaction evals, as they run alone; their output (with --quiet: their figures) printed here. */
function sideEvals(): SideEvalResult[] {
  return SIDE_EVALS.map((side) => {
    const result = runSideEval(here, side, { quiet: options.quiet });
    console.log(`\n== ${side.title} ==`);
    console.log(result.output);
    return result;
  });
}

const NO_ENDPOINT =
  "eval --llm needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL and OPENAI_MODEL (and OPENAI_API_KEY if it wants one; see .env.example), or run the offline eval without --llm";

async function main(): Promise<void> {
  if (options.llm && !config.llm) {
    console.error(NO_ENDPOINT);
    process.exitCode = 2;
    return;
  }
  if (config.llm)
    console.log(
      `LLM mode: ${config.llm.model} at ${new URL(config.llm.baseURL).host}; figures only, no ratchet`,
    );
  // Read first, so that a malformed blind set fails before the development sets have run.
  const blindSets = options.blind ? loadBlindSets(options.blindDir) : [];
  const services = await createServices(config, logger);
  if (options.blindOnly) {
    await blindSuite(services, blindSets);
    return;
  }
  checkQuestionSets();
  // A handful of cases (--cases) is a quick look at the answers: no retrieval, no ratchet.
  const retrieval = options.cases ? null : await retrievalSuite(services);
  const answers = await answerSuite(services);
  const retired = options.cases ? null : await retiredSuite(services);
  const blind = options.blind ? await blindSuite(services, blindSets) : [];
  const side = options.cases || options.llm ? [] : sideEvals();
  const suites = { ...(retrieval ? { retrieval } : {}), answers, ...(retired ? { retired } : {}) };
  // Only the development sets score: blind figures are reported beside them, never in them.
  const scores: Scores = Object.assign({}, ...Object.values(suites).map((s) => s.scores));
  const belowBaseline = retrieval?.gate.filter((row) => !row.met) ?? [];
  const reportDir = options.reportDir;
  fs.mkdirSync(reportDir, { recursive: true });
  const reportFile = path.join(reportDir, `eval-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    reportFile,
    JSON.stringify(
      {
        mode: options.llm ? "llm" : "offline",
        scores,
        gate: retrieval?.gate ?? [],
        suites: Object.fromEntries(Object.entries(suites).map(([k, v]) => [k, v.report])),
        blind,
        sideEvals: Object.fromEntries(side.map((r) => [r.name, { passed: r.passed, summary: r.summary }])),
      },
      null,
      2,
    ),
  );
  fs.copyFileSync(reportFile, path.join(reportDir, "latest.json"));

  console.log("\n== Scores ==");
  for (const [metric, value] of Object.entries(scores)) {
    const target = TARGETS[metric];
    const met = ZERO_TARGETS.has(metric) ? value === 0 : target !== undefined && value >= target;
    const shown = ZERO_TARGETS.has(metric)
      ? `  (target 0${met ? ", met" : ", NOT met"})`
      : target !== undefined
        ? `  (target ${target}${met ? ", met" : ", NOT met"})`
        : "";
    console.log(`${metric.padEnd(28)} ${fmt(value)}${shown}`);
  }
  console.log(`report: ${displayPath(reportFile)}`);
  // An LLM's answers vary from run to run, and a handful of cases is not the sets the ratchet holds.
  if (options.llm || options.cases) {
    console.log(`eval: figures only (${options.llm ? "--llm" : "--cases"}); the ratchet is not enforced`);
    return;
  }

  // Raising the ratchet never excuses retrieval that loses to plain BM25.
  for (const row of belowBaseline)
    console.log(
      `BELOW BASELINE retrieval.${row.metric}: hybrid ${fmt(row.hybrid)}, plain BM25 ${fmt(row.baseline)}`,
    );
  if (belowBaseline.length) process.exitCode = 1;

  const ratchetFile = path.join(here, "ratchet.json");
  const ratchet = readRatchet(ratchetFile);
  const results = (answers.report as { results: AnswerCaseResult[] }).results;
  // The development sets only: a blind set is never held by id nor part of the digest.
  const run: RatchetRun = {
    setsDigest: digestOf([
      path.join(here, "retrieval-questions.jsonl"),
      ...ANSWER_SETS.map((file) => path.join(here, file)),
      ...retiredFiles(),
    ]),
    scores,
    passing: [
      ...results.filter((r) => r.passed && r.unsupportedFigures.length === 0).map((r) => r.id),
      ...(retired?.results ?? [])
        .filter((r) => r.passed && r.unsupportedFigures.length === 0)
        .map((r) => r.id),
    ],
    leading: results.filter((r) => r.leadHasFacts === true).map((r) => r.id),
  };
  const failures = compareWithRatchet(ratchet, run);
  for (const r of side.filter((r) => !r.passed)) {
    console.log(`eval: the ${r.name} eval failed its own thresholds (npm run eval:${r.name})`);
    process.exitCode = 1;
  }
  if (options.updateRatchet) {
    // Raising is for a run that holds every earlier pass; a regression is mended, not written down.
    if (failures.some((f) => f.metric.startsWith("case "))) {
      for (const f of failures) console.log(`REGRESSION ${f.metric}`);
      console.log("ratchet not raised: cases that passed before fail now");
      process.exitCode = 1;
      return;
    }
    fs.writeFileSync(ratchetFile, JSON.stringify(raiseRatchet(ratchet, run), null, 2) + "\n");
    console.log(
      ratchet.setsDigest === run.setsDigest
        ? "ratchet raised: eval/ratchet.json"
        : "question sets changed: scores measured afresh in eval/ratchet.json",
    );
    return;
  }
  if (ratchet.setsDigest !== run.setsDigest)
    console.log(
      "note: the question sets changed since the ratchet was set; only the cases that passed then are held (npm run eval -- --update-ratchet records the new scores)",
    );
  for (const f of failures) console.log(`REGRESSION ${f.metric}: reached ${f.reached}, now ${f.now}`);
  console.log(
    failures.length
      ? `eval: ${failures.length} score(s) below the ratchet`
      : "eval: every score at or above the ratchet",
  );
  if (belowBaseline.length)
    console.log(
      `eval: hybrid retrieval below plain BM25 on ${belowBaseline.map((r) => r.metric).join(", ")}`,
    );
  if (failures.length) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  if (!(error instanceof OptionsError || error instanceof BlindSetError)) throw error;
  console.error(`eval: ${error.message}`);
  process.exitCode = 2;
}
