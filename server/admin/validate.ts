import type * as z from "zod";
import { AppError } from "../http/errors.js";
import { describeZodIssue } from "../http/zodMessages.js";
import { messages } from "../messages.js";

/**
 * parseOrThrow for the console: the 400's message names each field by the label staff see on the
 * form (“问题”, “起始日期”), while `details.fields` keeps the field's key for scripts.
 */
export function parseFields<S extends z.ZodType>(surface: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const labels: Record<string, string> = messages.admin.fields;
  const fields = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    const label = labels[String(issue.path[0])] ?? (key || "(请求体)");
    return { field: key || "(请求体)", label, message: describeZodIssue(issue, value) };
  });
  const message = fields.map((f) => messages.validation.field(f.label, f.message)).join(" ");
  throw new AppError(`bad_request:${surface}`, message, {
    fields: fields.map(({ field, message }) => ({ field, message })),
  });
}

/** The problems of a 400 from parseFields, one sentence each, for showing beside a form. */
export function describeProblems(error: AppError): string[] {
  const labels: Record<string, string> = messages.admin.fields;
  const fields = error.details.fields ?? [];
  if (!fields.length) return [error.message];
  return fields.map((f) => messages.validation.field(labels[f.field.split(".")[0]!] ?? f.field, f.message));
}
