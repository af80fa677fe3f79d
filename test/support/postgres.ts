import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";

/** A throw-away PostgreSQL cluster on 127.0.0.1, in a temporary directory: never the system's own. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** A fresh, empty database on the same cluster, for one test file or one test. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/** Debian's server binaries (`apt-get install postgresql`), newest major first. */
export function postgresBinDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const majors = fs
    .readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = path.join(base, major, "bin");
    if (fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The server refuses to run as root: as root, each command runs as the `postgres` user. */
function run(bin: string, command: string, args: string[]): void {
  const file = path.join(bin, command);
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? "runuser" : file, asRoot ? ["-u", "postgres", "--", file, ...args] : args, {
    stdio: "pipe",
  });
}

/**
 * Starts a cluster with trust authentication on a free port. Throws, saying how to install it, when
 * Debian's postgresql is missing: the tests that need it fail rather than skip (CI installs it).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error("PostgreSQL server binaries not found: apt-get install -y postgresql (.ci/run does)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const data = path.join(dir, "db");
  run(bin, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  run(bin, "pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name: string) {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A test file's throw-away cluster (started before its tests, stopped after) and the stores its tests
 * open, each closed after the test that opened it.
 */
export function usePostgresCluster<Store extends { close(): Promise<void> }>(): {
  server: () => TestPostgres;
  opened: Store[];
} {
  let server: TestPostgres | undefined;
  const opened: Store[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  afterAll(() => server?.stop());
  return {
    server: () => {
      if (!server) throw new Error("the PostgreSQL cluster is not started yet");
      return server;
    },
    opened,
  };
}
