import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository (not services.ts's: that module loads vitest, and the bench starts instances too). */
const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/** One instance of the real service (`node --import tsx server/main.ts`), as a child process. */
export interface Instance {
  child: ChildProcess;
  port: number;
  dataDir: string;
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  /** How it ended, and when (performance.now()), for tests that time the shutdown. */
  exited: Promise<Exit>;
  /** Resolves with the first log line whose message includes the text. */
  logged(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM (answers in flight finish, the database is closed), and waits for the exit. */
  stop(): Promise<Exit>;
  /** SIGKILL if still running, and its DATA_DIR removed. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Keys of the test runner's environment an instance must not inherit: the test sets its own. */
const OWN_KEYS =
  /^(OPENAI_|DATABASE_|DATA_DIR|PORT|HOST|CORS_|TRUST_PROXY|METRICS_TOKEN|SHUTDOWN_|RATE_LIMIT_|LOG_LEVEL|CACHE_)/;

/**
 * Starts an instance as production would (NODE_ENV=production, offline unless env says otherwise), on
 * a free port with a DATA_DIR of its own, and waits for its ready line. `indexDir`, when given, is
 * copied in first so the instance loads the search index instead of building it.
 */
export async function startInstance(
  env: Record<string, string>,
  options: { indexFrom?: string } = {},
): Promise<Instance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "instance-"));
  if (options.indexFrom && fs.existsSync(options.indexFrom))
    fs.cpSync(options.indexFrom, path.join(dataDir, "index"), { recursive: true });
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OWN_KEYS.test(key)));
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const waiting: Array<{ text: string; resolve: (line: Record<string, unknown>) => void }> = [];
  let buffer = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (!line.trim()) continue;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      logs.push(parsed);
      for (const w of waiting.filter((w) => String(parsed.msg).includes(w.text))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(parsed);
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const instance: Instance = {
    child,
    port,
    dataDir,
    logs,
    stderr,
    exited,
    logged(text, timeoutMs = 60_000) {
      const seen = logs.find((l) => String(l.msg).includes(text));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no log line “${text}” within ${timeoutMs} ms; stderr: ${stderr.join("")}`)),
          timeoutMs,
        );
        waiting.push({ text, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exited.then(() =>
          setTimeout(
            () => reject(new Error(`exited before logging “${text}”; stderr: ${stderr.join("")}`)),
            50,
          ),
        );
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await instance.logged("ready");
  return instance;
}
