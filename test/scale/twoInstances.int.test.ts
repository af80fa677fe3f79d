import http from "node:http";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/admin/passwords.js";
import { openPostgresStorage } from "../../server/storage/postgres/postgresStorage.js";
import type { Storage } from "../../server/storage/types.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { startInstance, type Instance } from "../support/instances.js";
import { hiddenCsrf, STAFF_PASSWORD } from "../support/staffAgent.js";

const PER_IP = 5;
const REVIEWED_QUESTION = "企业申请节能技改补贴需要准备哪些材料";
const REVIEWED_ANSWER = "需要准备项目申请表、可行性研究报告和节能量审核意见（示例答复）。";
const QUESTIONS = [
  "规上工业单位增加值能耗到2025年要降多少",
  "水泥行业有什么节能降碳要求",
  "钢铁行业的碳达峰目标是什么",
  "什么是能效标杆水平",
];

let postgres: TestPostgres;
let databaseUrl: string;
let storage: Storage;
let a: Instance;
let b: Instance;
let reviewedId: number;

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase("scale");
  const env = {
    DATABASE_URL: databaseUrl,
    TRUST_PROXY: "1",
    RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP),
    ADMIN_ALLOW_HTTP: "true",
    // Far longer than the test: a withdrawal reaching the other instance is NOTIFY's doing, not a re-read.
    CACHE_REREAD_SECONDS: "3600",
  };
  a = await startInstance(env);
  b = await startInstance(env, { indexFrom: path.join(a.dataDir, "index") });
  // The test reads what the instances stored through the storage itself; and makes the admin it signs in as.
  storage = await openPostgresStorage(databaseUrl, { longestAnswerMs: 0 });
  await storage.createStaffUser("admin", "管理员", await hashPassword(STAFF_PASSWORD), "admin");
}, 180_000);

afterAll(async () => {
  for (const instance of [a, b]) await instance?.kill();
  await storage?.close();
  postgres?.stop();
});

interface Reply {
  status: number;
  body: { messageId?: string; status?: string; answer?: string; error?: { code: string } };
}

/** One chat to an instance, from the client address named (nginx's X-Forwarded-For, TRUST_PROXY=1). */
function chat(instance: Instance, message: string, client: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: instance.port,
        path: "/api/chat",
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ message }));
  });
}

describe("two instances of the service on one PostgreSQL", () => {
  it("hold one client to the per-address limit summed over both", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP * 2; i++)
      statuses.push((await chat(i % 2 ? b : a, QUESTIONS[0]!, "203.0.113.10")).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(PER_IP);
    expect(statuses.slice(PER_IP)).toEqual(Array(PER_IP).fill(429));
  });

  it("stop serving, on the other instance within a second, a reviewed answer withdrawn on one", async () => {
    // Published through instance A's console, as staff do it.
    const admin = request.agent(`http://127.0.0.1:${a.port}`);
    const form = await admin.get("/admin/sign-in");
    const signedIn = await admin
      .post("/admin/sign-in")
      .type("form")
      .send({ username: "admin", password: STAFF_PASSWORD, _csrf: hiddenCsrf(form.text) });
    expect(signedIn.status).toBe(303);
    const csrf = hiddenCsrf((await admin.get("/admin/curated/new")).text);
    const saved = await admin.post("/admin/curated").type("form").send({
      question: REVIEWED_QUESTION,
      answer: REVIEWED_ANSWER,
      unitIds: "",
      _csrf: csrf,
      action: "publish",
    });
    expect(saved.status).toBe(303);
    reviewedId = (await storage.listCuratedAnswers()).find((x) => x.question === REVIEWED_QUESTION)!.id;
    const served = await until(async () => {
      const reply = await chat(b, REVIEWED_QUESTION, "198.51.100.1");
      return reply.body.status === "answered_reviewed" ? reply : undefined;
    }, 1000);
    expect(served.body.answer).toContain(REVIEWED_ANSWER);

    const withdrawn = await admin
      .post(`/admin/curated/${reviewedId}/deactivate`)
      .type("form")
      .send({ _csrf: csrf });
    expect(withdrawn.status).toBe(303);
    const at = performance.now();
    let client = 2;
    await until(async () => {
      const reply = await chat(b, REVIEWED_QUESTION, `198.51.100.${client++}`);
      expect(reply.status).toBe(200);
      return reply.body.status !== "answered_reviewed" ? true : undefined;
    }, 1000);
    expect(performance.now() - at).toBeLessThan(1000);
  });

  it("store every chat that got a 200 exactly once, when one instance is killed (SIGKILL) in the middle of the load", async () => {
    const TOTAL = 80;
    const PARALLEL = 6;
    const KILL_AFTER = 20;
    const ok: Array<{ messageId: string; status: string; from: "a" | "b" }> = [];
    let failed = 0;
    let done = 0;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        // A client address of its own for each: this is about storage, not the limits.
        const client = `10.${Math.floor(n / 250)}.${n % 250}.1`;
        try {
          const to = n % 2 ? "b" : "a";
          const reply = await chat(to === "b" ? b : a, QUESTIONS[n % QUESTIONS.length]!, client);
          if (reply.status === 200)
            ok.push({ messageId: reply.body.messageId!, status: reply.body.status!, from: to });
          else failed++;
        } catch {
          failed++; // the killed instance's connections
        }
        if (++done === KILL_AFTER && !killed) {
          killed = true;
          b.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(killed).toBe(true);
    expect((await b.exited).signal).toBe("SIGKILL");
    // Some were refused by the dead instance, and every one sent to the living one was answered.
    expect(failed).toBeGreaterThan(0);
    expect(ok.filter((x) => x.from === "a")).toHaveLength(TOTAL / 2);
    expect(ok.filter((x) => x.from === "b").length).toBeGreaterThan(0);

    const { rows } = await storage.listEnquiries({ limit: 10_000, offset: 0 });
    const stored = new Map<string, string[]>();
    for (const row of rows) stored.set(row.messageId, [...(stored.get(row.messageId) ?? []), row.status]);
    for (const answer of ok)
      expect(stored.get(answer.messageId), `${answer.messageId} from ${answer.from}`).toEqual([
        answer.status,
      ]);
  });
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
