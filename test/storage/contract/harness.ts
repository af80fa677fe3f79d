import type { Storage } from "../../../server/storage/types.js";

/**
 * A storage on a fresh, empty database, with a way in beside it for what a test must set up that the
 * interface does not offer (backdating a row, a row written by an older release). The SQL is written
 * once for both databases: `?` placeholders, ISO strings for times, CAST for a JSON column's text.
 */
export interface StorageHarness {
  storage: Storage;
  db: BackDoor;
}

export interface BackDoor {
  exec(sql: string, ...args: unknown[]): Promise<void>;
  /** The first row, times as ISO strings. */
  get(sql: string, ...args: unknown[]): Promise<Record<string, unknown> | undefined>;
  count(table: string, where?: string, ...args: unknown[]): Promise<number>;
}

export type OpenHarness = () => Promise<StorageHarness>;
