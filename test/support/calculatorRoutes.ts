import express from "express";
import pino from "pino";
import { loadConfig } from "../../server/config.js";
import { errorHandler } from "../../server/http/errors.js";
import { benchmarksRouter } from "../../server/routes/benchmarks.js";
import { toolsRouter } from "../../server/routes/tools.js";
import { calculatorsFor } from "../../server/services.js";
import { root } from "./services.js";

/**
 * Only the calculator routes, on the calculators the services build, and the real error handler: no
 * knowledge base, search index or storage needed, nor the calculators' data until a request reads it.
 */
export function calculatorRoutesApp(env: Record<string, string> = {}): express.Express {
  const config = loadConfig({ NODE_ENV: "test", ...env }, root);
  const calculators = calculatorsFor(config);
  return express()
    .use(express.json())
    .use("/api", toolsRouter({ calculators }))
    .use("/api", benchmarksRouter({ config, calculators }))
    .use(errorHandler(pino({ level: "silent" })));
}
