/** The bureau works in Beijing time (UTC+8, no daylight saving); stored times are UTC. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant: "2026-12-01". */
export function beijingDay(at: Date = new Date()): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
