import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger, createServices } from "./services.js";

const config = loadConfig();
const logger = createLogger(config);
const started = performance.now();
const services = await createServices(config, logger);
const app = createApp(services);
const server = app.listen(config.port, config.host, () => {
  logger.info(
    { url: `http://${config.host}:${config.port}`, mode: config.llm ? "llm" : "offline", readyMs: Math.round(performance.now() - started) },
    "碳达峰政策助手 ready",
  );
});

function shutdown(signal: string): void {
  logger.info({ signal }, "shutting down");
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
