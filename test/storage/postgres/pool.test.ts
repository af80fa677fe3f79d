import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../server/storage/postgres/postgresStorage.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";
import { CONV } from "../contract/fixtures.js";

let server: TestPostgres;
const opened: PostgresStorage[] = [];
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});
afterAll(() => server?.stop());

describe("the PostgreSQL storage's queries", () => {
  it("stores text with a NUL character (which PostgreSQL cannot hold) without it, rather than refusing it on every replay", async () => {
    const storage = await openPostgresStorage(await server.createDatabase("nul_characters"), {
      longestAnswerMs: 0,
    });
    opened.push(storage);
    const messageId = randomUUID();
    await storage.startEnquiry({
      messageId,
      conversationId: CONV,
      question: "钢铁\u0000行业",
      redactions: [],
      createdAt: new Date(),
    });
    expect(
      await storage.addFormToolRun({
        id: "run-nul",
        conversationId: CONV,
        createdAt: new Date(),
        name: "benchmark_gap",
        input: { product: "水泥\u0000熟料", note: "\\u0000 stays as typed" },
        output: null,
      }),
    ).toBe("stored");
    expect((await storage.conversation(CONV))[0]!.question).toBe("钢铁行业");
    expect((await storage.formToolRuns(CONV))[0]!.input).toEqual({
      product: "水泥熟料",
      note: "\\u0000 stays as typed",
    });
  });
});
