/**
 * Bench section for issue 13: two instances on one PostgreSQL against one instance on its SQLite file,
 * each a real process (`node --import tsx server/main.ts`, offline, storage on), loaded with POST
 * /api/chat from a second process (chatLoad.mjs). It reports answers per second, p99, and whether
 * every answer the instances sent (their own count of 200s, from /metrics) is stored, finished, once.
 * PostgreSQL is a throw-away cluster (test/support/postgres.ts); without Debian's postgresql the
 * section prints a skip line.
 */
import path from "node:path";
import type { Storage } from "../../server/storage/types.js";
import { openPostgresStorage } from "../../server/storage/postgres/postgresStorage.js";
import { SqliteStorage } from "../../server/storage/sqliteStorage.js";
import { startInstance, type Instance } from "../../test/support/instances.js";
import { postgresBinDir, startPostgres } from "../../test/support/postgres.js";
import { loadFromSecondProcess, type ChatLoad } from "./loadClient.js";
import type { BenchSection, Figure } from "./report.js";

const CONNECTIONS = 8;
const SECONDS = 10;
/** The bench is one client address: lift the per-address limits it would otherwise meet at once. */
const UNLIMITED = {
  RATE_LIMIT_PER_IP_PER_MINUTE: "1000000000",
  RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: "1000000000",
};

/** The instance's own count of 200s to POST /api/chat (its /metrics, open to direct loopback clients). */
async function answersSent(instance: Instance): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("tdf_http_requests_total{"))
    .filter(
      (line) => /route="\/api\/chat"/.test(line) && /method="POST"/.test(line) && /status="200"/.test(line),
    )
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

async function finished(storage: Storage): Promise<{ finished: number; pending: number }> {
  const all = (await storage.listEnquiries({ limit: 1, offset: 0 })).total;
  const pending = (await storage.listEnquiries({ status: "pending", limit: 1, offset: 0 })).total;
  return { finished: all - pending, pending };
}

interface Run {
  load: ChatLoad;
  /** Answers the instances made, each logged ("chat answered") once it is stored. */
  answered: number;
  /** Of them, those sent as a 200 before the client left (instances' /metrics). */
  sent: number;
  stored: number;
  pending: number;
}

const answeredBy = (instance: Instance) => instance.logs.filter((l) => l.msg === "chat answered").length;

/**
 * Warm-up, then the measured load; then every instance is stopped with SIGTERM (answers in flight
 * finish and are stored before it exits), so what is stored is final when it is counted. The counts
 * cover each instance's whole life (warm-up included) on a database of its own: nothing else wrote there.
 * An answer whose client had gone when it was ready (the load ends mid-request) is made, stored and
 * logged, but not sent: so stored is compared with answered, and sent is shown beside them.
 */
async function measure(instances: Instance[], open: () => Promise<Storage>): Promise<Run> {
  const urls = instances.map((i) => `http://127.0.0.1:${i.port}/api/chat`);
  await loadFromSecondProcess(urls, 4, 2);
  const measured = await loadFromSecondProcess(urls, CONNECTIONS, SECONDS);
  const sent = (await Promise.all(instances.map(answersSent))).reduce((a, b) => a + b, 0);
  for (const instance of instances) await instance.stop();
  const answered = instances.map(answeredBy).reduce((a, b) => a + b, 0);
  const storage = await open();
  try {
    const now = await finished(storage);
    return { load: measured, answered, sent, stored: now.finished, pending: now.pending };
  } finally {
    await storage.close();
  }
}

function figures(name: string, run: Run): Figure[] {
  const difference = run.stored - run.answered;
  const pending = run.pending ? `; ${run.pending} left pending` : "";
  return [
    {
      label: `${name}: throughput`,
      value: run.load.rps,
      unit: "req/s",
      note: `${run.load.requests} requests, ${run.load.non2xx} non-2xx, ${run.load.errors} errors, ${CONNECTIONS} connections, ${SECONDS} s`,
    },
    { label: `${name}: latency p50`, value: run.load.p50, unit: "ms" },
    { label: `${name}: latency p99`, value: run.load.p99, unit: "ms" },
    {
      label: `${name}: answers made (logged once stored)`,
      value: run.answered,
      unit: "count",
      note: `warm-up included; ${run.sent} sent as 200s, ${run.answered - run.sent} ready after their client left`,
    },
    {
      label: `${name}: enquiries stored, finished`,
      value: run.stored,
      unit: "count",
      note:
        difference === 0
          ? `stored = answered${pending}`
          : `${difference > 0 ? "more" : "fewer"} than answered by ${Math.abs(difference)}${pending}`,
    },
    {
      label: `${name}: stored − answered, absolute`,
      value: Math.abs(difference),
      unit: "count",
      targetBelow: 1,
    },
  ];
}

export const instancesBench: BenchSection<unknown> = {
  name: "instances: two on PostgreSQL vs one on SQLite",
  describe:
    `POST /api/chat offline with storage on, ${CONNECTIONS} connections for ${SECONDS} s from a second process: ` +
    "one instance on its SQLite file, then two instances (processes) on one throw-away PostgreSQL, connections shared between them",
  async run() {
    const result: Figure[] = [];
    const single = await startInstance(UNLIMITED);
    try {
      const file = path.join(single.dataDir, "assistant.sqlite");
      result.push(...figures("1 × SQLite", await measure([single], async () => SqliteStorage.open(file))));
    } finally {
      await single.kill();
    }
    if (!postgresBinDir()) {
      console.log(
        "\n   two instances on PostgreSQL: SKIPPED — PostgreSQL server binaries not found (apt-get install -y postgresql)",
      );
      return result;
    }
    const postgres = await startPostgres();
    const instances: Instance[] = [];
    try {
      const databaseUrl = await postgres.createDatabase("bench");
      const env = { ...UNLIMITED, DATABASE_URL: databaseUrl };
      instances.push(await startInstance(env));
      instances.push(await startInstance(env, { indexFrom: path.join(instances[0]!.dataDir, "index") }));
      result.push(
        ...figures(
          "2 × PostgreSQL",
          await measure(instances, () => openPostgresStorage(databaseUrl, { longestAnswerMs: 0 })),
        ),
      );
    } finally {
      for (const instance of instances) await instance.kill();
      postgres.stop();
    }
    return result;
  },
};
