import type { RequestHandler } from "express";
import type { Logger } from "pino";

/**
 * One structured line per request: method, route path, status, duration, request id. Never the
 * query string or the body — they carry people's questions — and never cookies or authorization.
 */
export function requestLog(
  logger: Logger,
  observe?: (route: string, method: string, status: number, seconds: number) => void,
): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // When a route throws, its error is answered after the router has reset req.baseUrl ("/api"), so
    // the label is taken when the route is matched: a 400 on /api/chat counts as "/api/chat", not "/chat".
    let matched: string | undefined;
    let current: unknown;
    Object.defineProperty(req, "route", {
      configurable: true,
      enumerable: true,
      get: () => current,
      set(value: { path?: unknown } | undefined) {
        current = value;
        if (typeof value?.path === "string") matched = `${req.baseUrl}${value.path}`;
      },
    });
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req.baseUrl, matched, res.statusCode);
      observe?.(route, req.method, res.statusCode, seconds);
      // req.path is relative to the router that answered ("/chat"); the log wants the path asked for.
      const path = req.originalUrl.split("?")[0]!;
      if (path === "/healthz" || path === "/readyz" || path === "/metrics") return;
      logger.info(
        {
          requestId: (req as { id?: string }).id,
          method: req.method,
          path: path.slice(0, 200),
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        "request",
      );
    });
    next();
  };
}

/** A bounded label for metrics: the matched route pattern, never the raw path. */
function routeLabel(baseUrl: string, matched: string | undefined, status: number): string {
  if (matched !== undefined) return matched;
  return status === 404 ? "unmatched" : `${baseUrl || ""}*`;
}
