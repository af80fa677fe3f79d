import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * The guard and redaction evals (eval/guard.ts, eval/redaction.ts) as part of `npm run eval`: each
 * runs in its own process exactly as `npm run eval:guard` and `npm run eval:redaction` run it, with its
 * own thresholds, and prints what it prints alone (with --quiet: anything that did not go as expected,
 * then its figures). Their summary line ({"summary": …}) goes into the eval's report.
 */
export interface SideEvalResult {
  name: "guard" | "redaction";
  passed: boolean;
  summary: Record<string, unknown> | null;
  output: string;
}

/** The project, where tsx and the knowledge the evals read are found. */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export const SIDE_EVALS = [
  { name: "guard", file: "guard.ts", title: "Guard eval (npm run eval:guard)" },
  { name: "redaction", file: "redaction.ts", title: "Redaction eval (npm run eval:redaction)" },
] as const;

export function runSideEval(
  evalDir: string,
  { name, file }: (typeof SIDE_EVALS)[number],
  { quiet }: { quiet: boolean },
): SideEvalResult {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(evalDir, file), ...(quiet ? ["--quiet"] : [])],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trimEnd();
  return { name, passed: run.status === 0, summary: summaryOf(output, name), output };
}

function summaryOf(output: string, name: string): Record<string, unknown> | null {
  for (const line of output.split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.summary === name) return parsed;
    } catch {
      // a line of the output that merely starts with a brace
    }
  }
  return null;
}
