import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StorageFault } from "../../../server/storage/faults.js";
import { pgFaultKind } from "../../../server/storage/postgres/faults.js";
import { openPostgresStorage, postgresStorage } from "../../../server/storage/postgres/postgresStorage.js";
import { createPgPool } from "../../../server/storage/postgres/pool.js";
import { startPostgres, type TestPostgres } from "../../support/postgres.js";
import { CONV } from "../contract/fixtures.js";

const start = () => ({
  messageId: "m-fault",
  conversationId: CONV,
  question: "钢铁行业2025年的目标是什么",
  redactions: [],
  createdAt: new Date(),
});

/** A port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("PostgreSQL errors that mean the database cannot take writes", () => {
  it("are told apart from a request's own errors by SQLSTATE", () => {
    const kind = (code: string) => pgFaultKind(Object.assign(new Error("x"), { code }));
    expect(kind("08006")).toBe("unreachable"); // connection failure
    expect(kind("57P01")).toBe("unreachable"); // admin shutdown
    expect(kind("57P03")).toBe("unreachable"); // cannot connect now (starting up)
    expect(kind("53300")).toBe("unreachable"); // too many connections
    expect(kind("53100")).toBe("full"); // disk full
    expect(kind("53200")).toBe("io"); // out of memory
    expect(kind("25006")).toBe("read_only"); // read-only transaction (a standby)
    expect(kind("ECONNREFUSED")).toBe("unreachable");
    expect(kind("23505")).toBeNull(); // a unique violation is a bug, not a fault
    expect(kind("42601")).toBeNull(); // syntax error
    expect(pgFaultKind(new Error("Connection terminated unexpectedly"))).toBe("unreachable");
  });

  it("a server that refuses the connection is a StorageFault (unreachable), for writes and reads", async () => {
    const storage = postgresStorage(
      createPgPool(`postgres://postgres@127.0.0.1:${await closedPort()}/none`),
      { from: 1, to: 1 },
      { longestAnswerMs: 0 },
    );
    try {
      const refused = await storage.startEnquiry(start()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StorageFault);
      expect(refused).toMatchObject({ kind: "unreachable" });
      await expect(storage.conversationExists(CONV)).rejects.toMatchObject({ kind: "unreachable" });
      expect(await storage.checkWritable()).toBe(false);
    } finally {
      await storage.close();
    }
  });

  it("stops the start when the server cannot be reached, with the fault", async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/none`;
    await expect(openPostgresStorage(url, { longestAnswerMs: 0 })).rejects.toBeInstanceOf(StorageFault);
  });

  describe("on a running server", () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());

    it("a database that became read-only refuses writes as a read_only fault; reads go on", async () => {
      const url = await server.createDatabase("read_only");
      const storage = await openPostgresStorage(url, { longestAnswerMs: 0 });
      try {
        await storage.startEnquiry(start());
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        await admin.query("ALTER DATABASE read_only SET default_transaction_read_only = on");
        // The setting applies to new sessions: the pool's open ones are ended (it opens others).
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'read_only'",
        );
        await admin.end();
        const later = { ...start(), messageId: "m-later" };
        let refused: unknown;
        for (
          let attempt = 0;
          attempt < 5 && !(refused instanceof StorageFault && refused.kind === "read_only");
          attempt++
        )
          refused = await storage.startEnquiry(later).catch((error: unknown) => error);
        expect(refused).toMatchObject({ kind: "read_only" });
        expect(await storage.countMessages()).toBe(1);
      } finally {
        await storage.close();
      }
    });
  });
});
