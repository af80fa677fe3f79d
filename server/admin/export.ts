import type { Response } from "express";
import { messages } from "../messages.js";
import { STATUSES } from "../pipeline/statuses.js";
import type { EnquiryStore } from "../storage/types.js";
import { BOM, csvLine } from "./csv.js";
import { toFilter, type EnquiryQuery } from "./filters.js";
import { beijingTime } from "./html.js";
import { intentLabel, modeLabel, personaLabel } from "./views/labels.js";

const t = messages.admin;
const BATCH = 500;
/** More than a year of enquiries at the expected volume; a bigger export would be a mistake. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * Writes every enquiry that matches the query (not just one page) as CSV, in batches. The end of the
 * range is fixed when the export starts, so enquiries arriving meanwhile cannot shift the batches.
 */
export async function writeEnquiriesCsv(
  storage: Pick<EnquiryStore, "listEnquiries">,
  query: EnquiryQuery,
  res: Response,
): Promise<number> {
  const filter = toFilter(query, BATCH, 0);
  filter.to ??= new Date().toISOString();
  const day = beijingTime(new Date().toISOString()).slice(0, 10).replace(/-/g, "");
  res.attachment(t.csv.filename(day));
  res.type("text/csv; charset=utf-8");
  res.write(BOM + csvLine(t.csv.columns));
  let written = 0;
  for (;;) {
    const { rows } = await storage.listEnquiries({ ...filter, offset: written });
    for (const row of rows) {
      res.write(
        csvLine([
          beijingTime(row.createdAt),
          row.conversationId,
          row.messageId,
          row.question,
          row.status,
          t.statuses[row.status] ?? (STATUSES as Record<string, string>)[row.status] ?? "",
          intentLabel(row.intent),
          personaLabel(row.persona),
          modeLabel(row.mode),
          row.durationMs,
          row.rating ? t.ratings[row.rating] : "",
          row.feedbackComment,
        ]),
      );
    }
    written += rows.length;
    if (rows.length < BATCH || written >= MAX_EXPORT_ROWS) break;
  }
  res.end();
  return written;
}
