import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What chatLoad.mjs prints: counts, answers per second and latencies in ms. */
export interface ChatLoad {
  requests: number;
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs the load client (chatLoad.mjs) in its own process, so the load does not share an event loop
 * with the server it measures. With several URLs the connections are split among them.
 */
export function loadFromSecondProcess(
  urls: string[],
  connections: number,
  seconds: number,
): Promise<ChatLoad> {
  const client = fileURLToPath(new URL("./chatLoad.mjs", import.meta.url));
  const questions = fileURLToPath(new URL("../../eval/answer-cases.jsonl", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [client, urls.join(","), questions, String(connections), String(seconds)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ChatLoad)
        : reject(new Error(`load client exited with ${code}`)),
    );
  });
}
