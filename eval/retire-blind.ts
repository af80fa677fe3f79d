/**
 * npx tsx eval/retire-blind.ts eval/blind/<set>.jsonl [--into eval/answer-cases.jsonl]
 *
 * Retires a blind set: once its figure has been quoted and people start reading its items, it stops
 * measuring, so it moves into the development sets. Each item is appended to the answer cases as a
 * new case (see eval/lib/retireBlind.ts for what the conversion keeps) and the blind file is removed.
 * Then: node eval/check-answer-cases.mjs, mend what it flags, npm run eval -- --update-ratchet.
 */
import fs from "node:fs";
import path from "node:path";
import { loadAnswerCases } from "./lib/answerEval.js";
import { parseBlindFile } from "./lib/blindSets.js";
import { nextIds, toAnswerCase } from "./lib/retireBlind.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const blindFile = args.find((arg) => !arg.startsWith("--") && args[args.indexOf(arg) - 1] !== "--into");
const into = args.includes("--into")
  ? path.resolve(args[args.indexOf("--into") + 1] ?? "")
  : path.join(here, "answer-cases.jsonl");

if (!blindFile || !fs.existsSync(blindFile)) {
  console.error(
    "usage: npx tsx eval/retire-blind.ts eval/blind/<set>.jsonl [--into eval/answer-cases.jsonl]",
  );
  process.exit(2);
}
const items = parseBlindFile(blindFile);
const ids = nextIds(
  loadAnswerCases(into).map((c) => c.id),
  items.length,
);
const existing = fs.readFileSync(into, "utf8");
const lines = items.map((item, i) => JSON.stringify(toAnswerCase(item, ids[i]!)));
fs.writeFileSync(into, `${existing}${existing.endsWith("\n") || !existing ? "" : "\n"}${lines.join("\n")}\n`);
fs.rmSync(blindFile);
console.log(
  `${path.basename(blindFile)} retired: ${items.length} cases ${ids[0]}–${ids.at(-1)} appended to ${path.relative(process.cwd(), into)}, the blind file removed.`,
);
console.log(
  "Next: node eval/check-answer-cases.mjs, mend what it flags, then npm run eval -- --update-ratchet.",
);
