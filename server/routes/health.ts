import { Router } from "express";
import type { AppServices } from "../services.js";
import { AppError } from "../http/errors.js";
import { isDirectLoopback } from "../http/loopback.js";
import { sameSecret } from "../http/secrets.js";
import { messages } from "../messages.js";
import { healthOf } from "../storage/guardedStorage.js";

export function healthRouter({
  knowledge,
  searcher,
  storage,
  config,
  metrics,
}: Pick<AppServices, "knowledge" | "searcher" | "storage" | "config" | "metrics">): Router {
  const router = Router();
  /** Liveness: the process answers. */
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  /**
   * Readiness: the index is loaded, the database takes a write now (and, when it does not, the fault
   * the storage noticed: locked, missing, replaced, read_only, full, io), and the answer mode is known.
   */
  router.get("/readyz", async (_req, res) => {
    // A real write (one row, committed): a removed, replaced, locked, read-only or full database fails it.
    const database = await storage.checkWritable();
    const fault = healthOf(storage)?.fault;
    const checks = {
      index: knowledge.passages.length > 0 && searcher.vectorEnabled,
      database,
      ...(!database && fault ? { databaseFault: fault.kind } : {}),
      llm: config.llm ? "configured" : "offline",
    };
    const ready = checks.index && checks.database;
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not_ready",
      checks,
      documents: knowledge.documents.length,
      passages: knowledge.passages.length,
    });
  });
  /**
   * With METRICS_TOKEN set: the Bearer token from anyone, compared in constant time. Without it: only a
   * client on this machine talking to it directly (a Prometheus or an agent on the host), in every
   * NODE_ENV, since a deployment started with npm start does not say it is production. Through a
   * reverse proxy, or from elsewhere, a token is needed.
   */
  router.get("/metrics", async (req, res) => {
    if (config.metricsToken) {
      const given = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
      if (!given || !sameSecret(given, config.metricsToken))
        throw new AppError("unauthorized:metrics", messages.http.metricsUnauthorized);
    } else if (!isDirectLoopback(req)) {
      throw new AppError("forbidden:metrics", messages.http.metricsLocalOnly);
    }
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
