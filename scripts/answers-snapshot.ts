/**
 * npm run answers:snapshot -- <out.json> [--rounds N] [--profile]
 *
 * Answers every question of eval/answer-cases.jsonl and eval/retired/*.jsonl offline, each conversation
 * in turn, and writes what each answer said (status, answer, citations) to <out.json>, so two runs can
 * be diffed to show a change left every answer as it was. `--rounds N` answers everything N times (the
 * snapshot is written from the first round): a steady workload to profile with `node --cpu-prof`.
 */
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config.js";
import type { Turn } from "../server/pipeline/context.js";
import { toTurn } from "../server/pipeline/turn.js";
import { createLogger, createServices } from "../server/services.js";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 1;
const out = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--rounds");
if (!out) throw new Error("Name the file to write: npm run answers:snapshot -- /tmp/answers.json");

function conversations(): Array<{ id: string; messages: string[] }> {
  const read = (file: string) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; turns: string[]; question?: string });
  const retired = path.join("eval", "retired");
  const files = [
    path.join("eval", "answer-cases.jsonl"),
    ...fs
      .readdirSync(retired)
      .filter((name) => name.endsWith(".jsonl"))
      .sort()
      .map((name) => path.join(retired, name)),
  ];
  return files.flatMap((file) =>
    read(file).map((item) => ({
      id: item.id,
      messages: item.question === undefined ? item.turns : [...item.turns, item.question],
    })),
  );
}

const config = { ...loadConfig(), embeddings: null, llm: null, databaseFile: ":memory:" };
const services = await createServices(config, createLogger({ logLevel: "warn" }));
const cases = conversations();
const snapshot: Record<
  string,
  Array<{ message: string; status: unknown; answer: string; citations: unknown }>
> = {};
const started = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const { id, messages } of cases) {
    const history: Turn[] = [];
    const said = [];
    for (const message of messages) {
      const ctx = await services.pipeline.answer({
        message,
        conversationId: "snapshot",
        history: [...history],
      });
      history.push(toTurn(ctx));
      said.push({ message, status: ctx.status, answer: ctx.answer, citations: ctx.citations });
    }
    if (round === 0) snapshot[id] = said;
  }
}
const ms = performance.now() - started;
const answers = Object.values(snapshot).reduce((n, said) => n + said.length, 0);
fs.writeFileSync(out, JSON.stringify(snapshot, null, 1) + "\n");
console.log(
  `${answers} answers × ${rounds} round(s) in ${ms.toFixed(0)} ms (${((ms / answers / rounds) * 1000).toFixed(0)} µs each) → ${out}`,
);
await services.storage.close();
