import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import * as z from "zod";
import { messages } from "../messages.js";
import { faultOf } from "../storage/faults.js";
import { describeZodIssue } from "./zodMessages.js";

/**
 * Typed errors in the form `type:surface`. The type decides the HTTP status; the surface says where
 * it happened, for logs. Only bad_request/not_found messages reach the user verbatim: anything
 * internal is replaced by a generic message and logged with the request id.
 */
export type ErrorType =
  | "bad_request"
  | "not_found"
  | "payload_too_large"
  | "rate_limited"
  | "unauthorized"
  | "forbidden"
  | "internal"
  | "unavailable";
export type ErrorCode = `${ErrorType}:${string}`;

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }

  get type(): ErrorType {
    return this.code.split(":")[0] as ErrorType;
  }

  get status(): number {
    return statusByType[this.type];
  }
}

/** Turns a zod failure into a 400 whose message names each field at fault, in Chinese. */
export function validationError(surface: string, error: z.ZodError, input?: unknown): AppError {
  const fields = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(请求体)",
    message: describeZodIssue(issue, input),
  }));
  const message = fields.map((f) => messages.validation.field(f.field, f.message)).join(" ");
  return new AppError(`bad_request:${surface}`, message, { fields });
}

/** Parses with the schema or throws a 400 naming the fields at fault. */
export function parseOrThrow<S extends z.ZodType>(surface: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(surface, result.error, value);
  return result.data;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError("not_found:route", messages.http.notFound));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const requestId = (req as { id?: string }).id;
    if (appError.code === "unavailable:storage") {
      // The storage logged the fault once, as an error; each request it refuses is only a warning.
      logger.warn({ requestId, code: appError.code, fault: faultOf(err) }, "request refused: database fault");
      res.setHeader("Retry-After", "30");
    } else if (appError.status >= 500) {
      logger.error({ err, requestId, code: appError.code }, "request failed");
    } else {
      logger.info({ requestId, code: appError.code }, "request rejected");
    }
    if (res.headersSent) return;
    const { fields, ...rest } = appError.details;
    const shown = appError.status >= 500 ? {} : rest;
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: appError.message,
        ...(fields ? { fields } : {}),
        ...shown,
        requestId,
      },
    });
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number };
  // body-parser marks its own failures with a type; map them before anything generic.
  if (e?.type === "entity.parse.failed") return new AppError("bad_request:body", messages.http.invalidJson);
  if (e?.type === "entity.too.large")
    return new AppError("payload_too_large:body", messages.http.payloadTooLarge);
  if (e?.status && e.status >= 400 && e.status < 500)
    return new AppError("bad_request:request", messages.http.badRequest);
  // A write the database cannot take now (removed, locked, full …): the person may try again later.
  if (faultOf(err)) return new AppError("unavailable:storage", messages.http.storageUnavailable);
  return new AppError("internal:server", messages.http.internal);
}
