// A second process that loads POST /api/chat with the eval's questions, so the server under test has
// the other core to itself. Usage: node chatLoad.mjs <url>[,<url>…] <questions.jsonl> <connections> <seconds>
// With several URLs (instances), the connections are shared out among them and loaded at once; the
// figures are summed (requests, throughput) or the worst of them (p99, max).
import fs from "node:fs";
import autocannon from "autocannon";

const [urls, questionsFile, connections, seconds] = process.argv.slice(2);
const questions = fs
  .readFileSync(questionsFile, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line).question);
let next = 0;
const targets = urls.split(",");
const load = (url, share) =>
  autocannon({
    url,
    method: "POST",
    connections: share,
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
const results = await Promise.all(
  targets.map((url, i) =>
    load(
      url,
      Math.max(
        1,
        Math.floor(Number(connections) / targets.length) + (i < Number(connections) % targets.length ? 1 : 0),
      ),
    ),
  ),
);
const sum = (pick) => results.reduce((total, r) => total + pick(r), 0);
const worst = (pick) => Math.max(...results.map(pick));
process.stdout.write(
  JSON.stringify({
    requests: sum((r) => r.requests.total),
    ok: sum((r) => r["2xx"]),
    rps: sum((r) => r.requests.average),
    p50: worst((r) => r.latency.p50),
    p99: worst((r) => r.latency.p99),
    max: worst((r) => r.latency.max),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  }),
);
