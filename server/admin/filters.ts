import * as z from "zod";
import { messages } from "../messages.js";
import { STATUSES, type Status } from "../pipeline/statuses.js";
import type { Persona } from "../pipeline/understand/persona.js";
import type { EnquiryFilter } from "../storage/types.js";
import { BEIJING_OFFSET_MS } from "../time.js";
import { queryString } from "./html.js";

export const PAGE_SIZE = 50;
/** "pending" is not an answer status: it marks an enquiry stored and not yet answered. */
export const FILTER_STATUSES = [...(Object.keys(STATUSES) as Status[]), "pending"] as const;
export const PERSONAS = ["staff", "provider", "sme", "public"] as const satisfies readonly Persona[];
export const FEEDBACK = ["any", "up", "down", "none"] as const;

const v = messages.admin.validation;
// A form sends every field, empty ones as "": empty means "no condition".
const blank = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, v.date)
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
      new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    v.date,
  );

/** The enquiry list's query (also the CSV export's and the JSON API's). Dates are Beijing calendar days. */
export const enquiryQuerySchema = z
  .object({
    from: optional(date),
    to: optional(date),
    status: optional(z.enum(FILTER_STATUSES)),
    persona: optional(z.enum(PERSONAS)),
    feedback: optional(z.enum(FEEDBACK)),
    unanswered: optional(z.enum(["1", "true", "on"])).transform((value) => value !== undefined),
    q: optional(z.string().trim().max(200)),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    message: v.toBeforeFrom,
  });

export type EnquiryQuery = z.output<typeof enquiryQuerySchema>;

/** A Beijing calendar day's first instant, in UTC ISO form as stored. */
function dayStart(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + plusDays * 86_400_000).toISOString();
}

export function toFilter(
  query: EnquiryQuery,
  limit = PAGE_SIZE,
  offset = (query.page - 1) * PAGE_SIZE,
): EnquiryFilter {
  return {
    from: query.from ? dayStart(query.from) : undefined,
    // "to" is inclusive: everything before the next day starts.
    to: query.to ? dayStart(query.to, 1) : undefined,
    status: query.status,
    persona: query.persona,
    feedback: query.feedback,
    unanswered: query.unanswered || undefined,
    text: query.q || undefined,
    limit,
    offset,
  };
}

/** The conditions a query set, as the audit log records them: empty fields and the page left out. */
export function auditedFilter(query: EnquiryQuery): Record<string, unknown> {
  const { page: _page, ...conditions } = query;
  return Object.fromEntries(
    Object.entries(conditions).filter(([, value]) => value !== undefined && value !== false),
  );
}

/** The query as a link's query string, e.g. for the pager or the CSV link; `page` only if asked. */
export function querySuffix(query: EnquiryQuery, page?: number): string {
  const { page: _current, ...conditions } = query;
  return queryString({ ...conditions, page: page && page > 1 ? page : undefined });
}
