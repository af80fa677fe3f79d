/**
 * npm run ask -- "问题" ["追问" ...]   (or questions on stdin, one per line; a blank line starts a new conversation)
 *
 * Answers in the terminal, offline, the way POST /api/chat would: for trying a phrasing or reading what
 * a change did to the answers without starting the service. Arguments are one conversation (each a
 * follow-up of the one before). `--lead` prints only the status, the cited units and the first paragraph.
 */
import readline from "node:readline";
import { loadConfig } from "../server/config.js";
import type { Turn } from "../server/pipeline/context.js";
import { toTurn } from "../server/pipeline/turn.js";
import { createLogger, createServices } from "../server/services.js";

const args = process.argv.slice(2);
const leadOnly = args.includes("--lead");
const questions = args.filter((arg) => !arg.startsWith("--"));

const config = { ...loadConfig(), embeddings: null, llm: null, databaseFile: ":memory:" };
const services = await createServices(config, createLogger({ logLevel: "warn" }));

let history: Turn[] = [];

async function ask(question: string): Promise<void> {
  const ctx = await services.pipeline.answer({
    message: question,
    conversationId: "ask",
    history: [...history],
  });
  history.push(toTurn(ctx));
  const cited = [...new Set(ctx.citations.map((c) => c.unitId))].join(", ") || "—";
  const tools = ctx.toolRuns.map((run) => run.name).join(", ");
  console.log(`### ${question}\n[${ctx.status}] ${cited}${tools ? `  tools: ${tools}` : ""}`);
  console.log(leadOnly ? ctx.answer.split("\n\n")[0] : ctx.answer);
  console.log("");
}

if (questions.length) {
  for (const question of questions) await ask(question);
} else {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line.trim()) await ask(line.trim());
    else history = [];
  }
}
await services.storage.close();
