import { BEIJING_OFFSET_MS, beijingDay } from "../time.js";

const DAY_MS = 86_400_000;

/**
 * A report's period: the last `days` Beijing calendar days, today included, so that every day on a
 * chart is a whole day (the first starts at midnight Beijing time) and the days can be listed.
 */
export interface Period {
  days: number;
  /** The first day's midnight, Beijing time, as an instant. */
  since: Date;
  /** The period before, as long: for trends. */
  previousSince: Date;
  /** "2026-03-01" … today. */
  dayList: string[];
}

export function periodOf(days: number, now = new Date()): Period {
  const today = Date.parse(`${beijingDay(now)}T00:00:00Z`) - BEIJING_OFFSET_MS;
  const since = new Date(today - (days - 1) * DAY_MS);
  return {
    days,
    since,
    previousSince: new Date(since.getTime() - days * DAY_MS),
    dayList: Array.from({ length: days }, (_, i) => beijingDay(new Date(since.getTime() + i * DAY_MS))),
  };
}

/** "2026-03-01" → "03-01", as the charts' axes write a day. */
export const shortDay = (day: string) => day.slice(5);
