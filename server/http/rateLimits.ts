import type { Request, RequestHandler } from "express";
import { normalizeReference } from "../handoff/codes.js";
import { ipKeyGenerator, rateLimit, type Store } from "express-rate-limit";
import { AppError } from "./errors.js";
import { messages } from "../messages.js";

const MINUTE = 60_000;

/** The store one limit counts in; undefined: express-rate-limit's memory store (one instance). */
export type StoreFor = (prefix: string) => Store | undefined;

/**
 * Per-client-address limits on the public API, and a tighter one per conversation for chat. The
 * client address is req.ip: with "trust proxy" unset it is the socket's, so a forged
 * X-Forwarded-For changes nothing; behind a configured proxy it is the proxy's X-Forwarded-For.
 * A refusal is a 429 with Retry-After and a Chinese message. Each limit counts in a store of its own
 * (named by its prefix): express-rate-limit's memory by default, PostgreSQL when several instances
 * share it (limitStore/).
 */
export function apiRateLimits(
  limits: { perIpPerMinute: number; perConversationPerMinute: number },
  store: StoreFor = () => undefined,
) {
  const refuse =
    (surface: string): RequestHandler =>
    (_req, _res, next) =>
      next(new AppError(`rate_limited:${surface}`, messages.http.rateLimited));
  const common = {
    windowMs: MINUTE,
    standardHeaders: "draft-7" as const,
    legacyHeaders: false,
    // We log our own way; the library's check only warns about X-Forwarded-For when trust proxy is off.
    validate: { xForwardedForHeader: false },
  };
  const perIp = rateLimit({
    ...common,
    limit: limits.perIpPerMinute,
    store: store("chat_ip"),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (req, res, next) => refuse("ip")(req, res, next),
  });
  const perConversation = rateLimit({
    ...common,
    store: store("chat_conversation"),
    limit: limits.perConversationPerMinute,
    keyGenerator: (req: Request) =>
      `conversation:${String((req.body as { conversationId?: unknown } | undefined)?.conversationId ?? "")}`,
    skip: (req) => typeof (req.body as { conversationId?: unknown } | undefined)?.conversationId !== "string",
    handler: (req, res, next) => refuse("conversation")(req, res, next),
  });
  // Feedback, handoffs, calculator runs and the conversations made for them have their own budget, so a
  // busy chat does not block them.
  const perIpOther = rateLimit({
    ...common,
    store: store("other_ip"),
    limit: limits.perIpPerMinute,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (req, res, next) => refuse("ip")(req, res, next),
  });
  // Reading endpoints are cheap; a generous limit still stops a scraper from crowding others out.
  const reading = rateLimit({
    ...common,
    limit: limits.perIpPerMinute * 10,
    store: store("reading_ip"),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (req, res, next) => refuse("ip")(req, res, next),
  });
  return { perIp, perConversation, perIpOther, reading };
}

const HOUR = 60 * MINUTE;
export const LOOKUP_FAILURES_PER_REFERENCE_PER_HOUR = 10;

/**
 * 查询办理进度 proves a request with four digits: a tight budget per address, and a budget of wrong
 * proofs per reference number across addresses, so the digits cannot be tried one by one.
 */
export function handoffLookupLimits(
  perIpPerMinute: number,
  store: StoreFor = () => undefined,
): RequestHandler[] {
  const common = {
    standardHeaders: "draft-7" as const,
    legacyHeaders: false,
    validate: { xForwardedForHeader: false },
    handler: ((_req, _res, next) =>
      next(new AppError("rate_limited:handoff_lookup", messages.http.rateLimited))) as RequestHandler,
  };
  const perIp = rateLimit({
    ...common,
    windowMs: MINUTE,
    limit: perIpPerMinute,
    store: store("lookup_ip"),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
  });
  const perReference = rateLimit({
    ...common,
    windowMs: HOUR,
    limit: LOOKUP_FAILURES_PER_REFERENCE_PER_HOUR,
    store: store("lookup_reference"),
    skipSuccessfulRequests: true,
    keyGenerator: (req: Request) => {
      const given = (req.body as { reference?: unknown } | undefined)?.reference;
      return `reference:${typeof given === "string" ? normalizeReference(given) : ""}`;
    },
  });
  return [perIp, perReference];
}
