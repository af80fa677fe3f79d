import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

/** Every request carries an id, echoed in the response so a user's report can be matched to the logs. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    (req as { id?: string }).id = id;
    res.setHeader("X-Request-Id", id);
    next();
  };
}
