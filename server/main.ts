import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger, createServices, databaseName } from "./services.js";
import { StorageFault } from "./storage/faults.js";
import { SchemaTooNewError } from "./storage/schema.js";

const config = loadConfig();
const logger = createLogger(config);
const started = performance.now();
const services = await createServices(config, logger).catch((error: unknown) => {
  // A database the service must not run on is said plainly (in Chinese and English), not as a stack trace.
  if (error instanceof SchemaTooNewError) {
    logger.fatal({ found: error.found, known: error.known, database: databaseName(config) }, error.message);
    process.exit(1);
  }
  // PostgreSQL down or unreachable at start: said as what it is, with the database named (no password).
  if (error instanceof StorageFault) {
    logger.fatal({ fault: error.kind, database: databaseName(config), err: error }, error.message);
    process.exit(1);
  }
  throw error;
});
const app = createApp(services);
const server = app.listen(config.port, config.host, () => {
  logger.info(
    {
      url: `http://${config.host}:${config.port}`,
      mode: config.llm ? "llm" : "offline",
      readyMs: Math.round(performance.now() - started),
    },
    "碳达峰政策助手 ready",
  );
});

let stopping = false;

/**
 * SIGTERM: stop accepting connections, let answers in flight (and their streams) finish within the
 * grace period, then cut what is left (each stream gets an `error` event saying why, each JSON
 * request a 503, and its answer is stored as error_interrupted), close the database and exit. Every
 * enquiry was stored when it arrived, so one cut short is still on record.
 */
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
  const force = setTimeout(async () => {
    const cut = await services.inflight.cutAll(1000);
    if (cut) logger.warn({ cut }, "answers still streaming after the grace period were cut short");
    server.closeAllConnections();
  }, config.shutdownGraceMs);
  force.unref();
  // A kept-alive connection would otherwise stay open (and take new requests) until keepAliveTimeout:
  // each is closed once its answer is done, and a request that still arrives on one is its last.
  server.prependListener("request", (_req, res) => res.setHeader("Connection", "close"));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  idle.unref();
  server.close(async () => {
    clearTimeout(force);
    clearInterval(idle);
    // Answers whose connection was cut still finish (offline) and are stored before the database closes.
    const drained = await services.inflight.drain((config.llm?.totalTimeoutMs ?? 0) + 5000);
    if (!drained)
      logger.warn(
        { inflight: services.inflight.size },
        "answers still running at exit; they will be marked error_interrupted",
      );
    // The listener first: the storage's close() ends the pool the limits and announcements use.
    await services.sharing.close();
    await services.storage.close();
    logger.info("stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
