import type { RequestHandler } from "express";
import type { Logger } from "pino";

/**
 * One structured line per request: method, route path, status, duration, request id. Never the
 * query string or the body — they carry people's questions — and never cookies or authorization.
 */
export function requestLog(logger: Logger, observe?: (route: string, method: string, status: number, seconds: number) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req.baseUrl, req.route?.path, res.statusCode);
      observe?.(route, req.method, res.statusCode, seconds);
      if (req.path === "/healthz" || req.path === "/readyz" || req.path === "/metrics") return;
      logger.info({ requestId: (req as { id?: string }).id, method: req.method, path: req.path.slice(0, 200), route, status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
    });
    next();
  };
}

/** A bounded label for metrics: the matched route pattern, never the raw path. */
function routeLabel(baseUrl: string, routePath: unknown, status: number): string {
  if (typeof routePath === "string") return `${baseUrl}${routePath}`;
  return status === 404 ? "unmatched" : `${baseUrl || ""}*`;
}
