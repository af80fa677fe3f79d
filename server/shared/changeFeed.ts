import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";

/** What instances cache from the database and must re-read when another instance changes it. */
export type Topic = "curated";

/**
 * Tells the other instances that something they cache has changed, and re-reads what this one caches
 * when they say so. With one instance there is nobody to tell (noChanges).
 */
export interface Changes {
  /** After a change is committed: every other instance re-reads the topic. */
  announce(topic: Topic): Promise<void>;
  /**
   * Re-reads the topic whenever another instance announces a change to it. Resolves once listening:
   * the first read is made after it, so no change can fall between that read and the listening.
   */
  follow(topic: Topic, reread: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export const noChanges: Changes = {
  announce: async () => {},
  follow: async () => {},
  close: async () => {},
};

/** LISTEN/NOTIFY channel of a topic (docs/adr/0004-storage.md names curated_changed). */
export const channelOf = (topic: Topic) => `${topic}_changed`;

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;

export interface ChangeFeedOptions {
  /** The database every instance shares; the listener holds a connection of its own to it. */
  databaseUrl: string;
  /** For announcing (one NOTIFY is one statement: any pooled connection will do). */
  pool: pg.Pool;
  /** Every topic is also re-read this often: a notification missed (listener reconnecting) is caught up. */
  rereadMs: number;
  logger: Logger;
}

/**
 * Changes over PostgreSQL's LISTEN/NOTIFY. NOTIFY is delivered only to connections listening at the
 * time, so the listener is a dedicated client (not one from the pool, which would be handed to other
 * queries); when its connection drops it reconnects with growing waits, and re-reads every topic once
 * listening again, since changes made meanwhile were not heard. A periodic re-read is the safety net
 * for anything else (a NOTIFY that failed after its change was committed).
 *
 * Re-reads of one topic never overlap: notifications arriving during one are folded into one more.
 */
export class PostgresChanges implements Changes {
  /** Announcements carry it, so an instance does not re-read what it has just changed itself. */
  readonly instance = randomUUID();
  private readonly topics = new Map<Topic, Reread>();
  private client: pg.Client | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retry: NodeJS.Timeout | undefined;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** Resolves once the first LISTEN is in place. */
  readonly listening: Promise<void>;

  constructor(private readonly options: ChangeFeedOptions) {
    this.listening = this.connect(false);
    this.timer = setInterval(() => this.rereadAll(), options.rereadMs);
    this.timer.unref();
  }

  async follow(topic: Topic, reread: () => Promise<void>): Promise<void> {
    this.topics.set(
      topic,
      new Reread(reread, (err) =>
        this.options.logger.error({ err, topic }, "re-reading a shared cache failed"),
      ),
    );
    const client = this.client;
    // Not connected: the reconnection listens to every topic followed, and re-reads them.
    await client?.query(`LISTEN ${channelOf(topic)}`).catch(() => this.dropped(client));
  }

  async announce(topic: Topic): Promise<void> {
    try {
      await this.options.pool.query("SELECT pg_notify($1, $2)", [channelOf(topic), this.instance]);
    } catch (err) {
      // The change itself is committed; the others catch up at their next periodic re-read.
      this.options.logger.warn(
        { err, topic, rereadMs: this.options.rereadMs },
        "other instances could not be told of a change; they re-read it within the period",
      );
    }
  }

  /** Re-reads every followed topic now (also what the periodic timer does). */
  rereadAll(): void {
    for (const reread of this.topics.values()) reread.request();
  }

  private async connect(reconnecting: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: "tandafeng-change-listener",
      keepAlive: true,
    });
    client.on("error", () => this.dropped(client));
    client.on("end", () => this.dropped(client));
    client.on("notification", (message) => {
      if (message.payload === this.instance) return;
      const topic = [...this.topics.keys()].find((t) => channelOf(t) === message.channel);
      if (topic) this.topics.get(topic)!.request();
    });
    try {
      await client.connect();
      for (const topic of this.topics.keys()) await client.query(`LISTEN ${channelOf(topic)}`);
    } catch (err) {
      client.removeAllListeners("end");
      client.end().catch(() => {});
      this.options.logger.warn({ err, retryMs: this.retryMs }, "change listener could not connect; retrying");
      this.scheduleReconnect();
      return;
    }
    if (this.closed) return void client.end().catch(() => {});
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    if (reconnecting) {
      this.options.logger.info("change listener reconnected; shared caches re-read");
      this.rereadAll();
    }
  }

  private dropped(client: pg.Client | null): void {
    if (!client || client !== this.client || this.closed) return;
    this.client = null;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    this.options.logger.warn("change listener lost its connection; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect(true);
    }, wait);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

/** One topic's re-read: never two at once, and requests made during one give exactly one more. */
class Reread {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly failed: (err: unknown) => void,
  ) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(this.failed)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }
}
