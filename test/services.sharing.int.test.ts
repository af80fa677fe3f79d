import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCurated, publishCurated, setCuratedActive } from "../server/admin/curatedAnswers.js";
import { buildApp, type BuiltApp } from "./support/appWith.js";
import { startPostgres, type TestPostgres } from "./support/postgres.js";

const QUESTION = "企业申请节能技改补贴需要准备哪些材料";
const ANSWER = "需要准备项目申请表、可行性研究报告和节能量审核意见（示例答复）。";

let postgres: TestPostgres;
let a: BuiltApp;
let b: BuiltApp;

/** Two instances in one process, on one database and one PostgreSQL for what they share. */
beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase("sharing");
  a = await buildApp({ config: { databaseUrl, cacheRereadMs: 3_600_000 } });
  b = await buildApp({ config: { databaseUrl, cacheRereadMs: 3_600_000 }, dataDir: a.dataDir });
}, 120_000);

afterAll(async () => {
  await b?.close({ keepData: true });
  await a?.close();
  postgres?.stop();
});

const ask = (built: BuiltApp) => request(built.app).post("/api/chat").send({ message: QUESTION });

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!probe()) throw new Error(`${what}: not within 2 s`);
}

describe("two instances sharing a database", () => {
  it("serve a reviewed answer published on one from the other, and stop serving it everywhere when it is withdrawn", async () => {
    const id = await createCurated(a.services, { question: QUESTION, answer: ANSWER }, "admin");
    expect((await ask(b)).body.status).not.toBe("answered_reviewed");
    await publishCurated(a.services, id, "admin");
    await until(
      () => b.services.curated.match(QUESTION)?.id === id,
      "published answer reaching the other instance",
    );
    const served = (await ask(b)).body;
    expect(served.status).toBe("answered_reviewed");
    expect(served.answer).toContain(ANSWER);

    await setCuratedActive(a.services, id, false, "admin");
    await until(() => b.services.curated.match(QUESTION) === null, "withdrawal reaching the other instance");
    expect((await ask(b)).body.status).not.toBe("answered_reviewed");
    expect((await ask(a)).body.status).not.toBe("answered_reviewed");
  });

  it("count one client's chats once over both: the per-address limit is the sum", async () => {
    const limited = await Promise.all(
      [a, b].map((built) =>
        buildApp({
          config: {
            databaseUrl: built.config.databaseUrl,
            // One address of its own (the first test's chats were counted for 127.0.0.1).
            trustProxy: true,
            rateLimits: { perIpPerMinute: 3, perConversationPerMinute: 100 },
          },
          dataDir: a.dataDir,
        }),
      ),
    );
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await request(limited[i % 2]!.app)
              .post("/api/chat")
              .set("X-Forwarded-For", "203.0.113.50")
              .send({ message: "你好" })
          ).status,
        );
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    } finally {
      for (const built of limited) await built.close({ keepData: true });
    }
  });
});
