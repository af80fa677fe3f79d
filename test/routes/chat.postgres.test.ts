import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SPOOL_FILE } from "../../server/storage/spool.js";
import { buildApp, listen, send, until, type BuiltApp } from "../support/appWith.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";

let postgres: TestPostgres;
let built: BuiltApp | undefined;
let server: Awaited<ReturnType<typeof listen>> | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterEach(async () => {
  await server?.close();
  server = undefined;
  await built?.close();
  built = undefined;
});
afterAll(() => postgres?.stop());

/**
 * A TCP relay in front of PostgreSQL that the test can cut (every connection dropped, new ones refused,
 * as when the server or the network goes away) and restore on the same port.
 */
async function relay(to: number) {
  const sockets = new Set<net.Socket>();
  const make = () =>
    net.createServer((client) => {
      const upstream = net.connect(to, "127.0.0.1");
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => {});
        socket.on("close", () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
  let listener = make();
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const port = (listener.address() as net.AddressInfo).port;
  return {
    port,
    async cut() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => listener.close(resolve));
    },
    async restore() {
      listener = make();
      await new Promise<void>((resolve) => listener.listen(port, "127.0.0.1", resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (listener.listening) await new Promise((resolve) => listener.close(resolve));
    },
  };
}

const spooledStarts = (dataDir: string) =>
  fs
    .readdirSync(dataDir)
    .filter((name) => name.startsWith(SPOOL_FILE))
    .flatMap((name) => fs.readFileSync(path.join(dataDir, name), "utf8").split("\n"))
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { kind: string; start?: { messageId: string } })
    .filter((write) => write.kind === "start")
    .map((write) => write.start!.messageId);

describe("chat on PostgreSQL (DATABASE_URL)", () => {
  it("stores enquiries there; when the server cannot be reached, answers, spools, says so on /readyz, and writes the spool in once it is back", async () => {
    const url = await postgres.createDatabase("chat_on_postgres");
    const gate = await relay(postgres.port);
    const direct = new pg.Pool({ connectionString: url });
    const stored = async () =>
      Number((await direct.query("SELECT count(*) AS n FROM messages WHERE status <> 'pending'")).rows[0].n);
    try {
      built = await buildApp({
        config: { databaseUrl: `postgres://postgres@127.0.0.1:${gate.port}/chat_on_postgres` },
      });
      server = await listen(built.app);
      const port = server.port;

      const first = await send(port, { path: "/api/chat", body: { message: "钢铁行业2025年的目标是什么" } });
      expect(first.body).toMatchObject({ status: "answered" });
      expect(await stored()).toBe(1);

      await gate.cut();
      const second = await send(port, { path: "/api/chat", body: { message: "水泥熟料的标杆值是多少" } });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ status: "answered" });
      expect(spooledStarts(built.dataDir)).toEqual([second.body!.messageId]);
      const notReady = await send(port, { path: "/readyz" });
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({ checks: { database: false, databaseFault: "unreachable" } });
      // One error line for the fault, whatever the number of enquiries it touches.
      expect(built.logs.filter((line) => Number(line.level) >= 50).map((line) => line.fault)).toEqual([
        "unreachable",
      ]);

      await gate.restore();
      expect((await send(port, { path: "/readyz" })).status).toBe(200);
      await until(async () => ((await stored()) === 2 ? true : undefined));
      expect(spooledStarts(built.dataDir)).toEqual([]);
    } finally {
      await direct.end();
      await gate.close();
    }
  });
});
