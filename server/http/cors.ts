import type { RequestHandler } from "express";
import { AppError } from "./errors.js";
import { messages } from "../messages.js";

/**
 * CORS for the sites that embed the widget: an allowed origin gets the headers, any other gets none
 * (so the browser refuses the response) and its preflight a 403. Requests without Origin (curl, the
 * service's own pages) are not cross-origin and pass untouched.
 */
export function corsAllowlist(allowed: string[]): RequestHandler {
  const origins = new Set(allowed);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary("Origin");
    if (!origin || origin === `${req.protocol}://${req.get("host")}`) return next();
    if (!origins.has(origin)) {
      if (req.method === "OPTIONS")
        return next(new AppError("forbidden:cors", messages.http.originNotAllowed));
      return next();
    }
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    next();
  };
}
