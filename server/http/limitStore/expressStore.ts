import { createHash } from "node:crypto";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterStore } from "./counters.js";

/** Keys longer than this (a conversation id is whatever the client sent) are stored as their hash. */
const LONGEST_KEY = 128;

/**
 * express-rate-limit's Store over one of rate-limiter-flexible's counters, so the public API's limits
 * live in the same shared table as the sign-in limiter's. express-rate-limit still decides (limit,
 * headers, 429); the counter only counts hits per key in a fixed window.
 */
export class CounterStore implements Store {
  /** Counts are shared across instances, not kept in this process. */
  readonly localKeys = false;
  private counter: RateLimiterAbstract | undefined;

  /** `prefix` names the limit: two limits counting the same address must not share a count. */
  constructor(
    readonly prefix: string,
    private readonly store: LimiterStore,
  ) {}

  init(options: Options): void {
    this.counter = this.store({
      keyPrefix: this.prefix,
      // express-rate-limit compares the count with its own limit; the counter never refuses.
      points: Number.MAX_SAFE_INTEGER,
      duration: Math.max(1, Math.ceil(options.windowMs / 1000)),
    });
  }

  private get limiter(): RateLimiterAbstract {
    if (!this.counter) throw new Error("CounterStore used before express-rate-limit called init()");
    return this.counter;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const res = await this.limiter.get(storedKey(key));
    return res
      ? { totalHits: res.consumedPoints, resetTime: new Date(Date.now() + res.msBeforeNext) }
      : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const res = await this.limiter.penalty(storedKey(key), 1);
    return { totalHits: res.consumedPoints, resetTime: new Date(Date.now() + res.msBeforeNext) };
  }

  async decrement(key: string): Promise<void> {
    await this.limiter.reward(storedKey(key), 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.limiter.delete(storedKey(key));
  }
}

function storedKey(key: string): string {
  return key.length <= LONGEST_KEY ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}
