// A second process that loads POST /api/chat with the eval's questions, so the server under test has
// the other core to itself. Usage: node chatLoad.mjs <url> <questions.jsonl> <connections> <seconds>
import fs from "node:fs";
import autocannon from "autocannon";

const [url, questionsFile, connections, seconds] = process.argv.slice(2);
const questions = fs
  .readFileSync(questionsFile, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line).question);
let next = 0;
const result = await autocannon({
  url,
  method: "POST",
  connections: Number(connections),
  duration: Number(seconds),
  headers: { "content-type": "application/json" },
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ message: questions[next++ % questions.length] }),
      }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    ok: result["2xx"],
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
