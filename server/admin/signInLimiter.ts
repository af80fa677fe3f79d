import type { RateLimiterAbstract } from "rate-limiter-flexible";
import {
  inThisProcess,
  memoryStore,
  type Exclusive,
  type LimiterStore,
} from "../http/limitStore/counters.js";

export { memoryStore, type CounterOptions, type LimiterStore } from "../http/limitStore/counters.js";

/**
 * Sign-in throttling that slows guessing without handing strangers a way to lock staff out
 * (rate-limiter-flexible's login-protection recipe, with growing waits instead of a lock-out):
 *
 * - per address and username: failures in a row from one address for one account; past the limit
 *   that pair waits out the window (only someone at that address can cause it). A success forgets them.
 * - per address: attempts from one address across usernames (spraying); successes are given back.
 * - per username, from addresses it has not signed in from: past a few free failures, each further
 *   attempt from such an address must wait, 1 s, 2 s, 4 s … up to a few minutes. Never a lock: the
 *   person signing in from the address they used before (remembered for 20 days after a success) is
 *   not held up by what strangers did, and a new address waits minutes at most.
 *
 * An attempt is counted before its password is checked (as a failure until succeed() says otherwise),
 * under one in-process queue, so a burst of parallel requests cannot slip past the limits. The counters
 * come from a store factory: memory for one instance; RateLimiterPostgres (same options plus a pool)
 * when several instances share a database (docs/adr/0004-storage.md). With several instances the
 * queue alone is not enough (each has its own): `exclusive` then holds a lock all of them see.
 */
export interface SignInLimits {
  perAddressAndUsername: number;
  perAddress: number;
  windowMs: number;
  /** Failures for a username from unfamiliar addresses (per day) before such attempts must wait. */
  strangerFreeFailures: number;
  /** The first wait; each further failure doubles it, up to strangerMaxDelayMs. */
  strangerFirstDelayMs: number;
  strangerMaxDelayMs: number;
  /**
   * How long an address stays the username's usual one after a successful sign-in from it (at most
   * 24 days: the memory store keeps each key with a timer, and Node's timers stop at 2^31 ms).
   */
  familiarForMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  perAddressAndUsername: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  strangerFreeFailures: 5,
  strangerFirstDelayMs: 1000,
  strangerMaxDelayMs: 5 * 60_000,
  familiarForMs: 20 * 86_400_000,
};

/** Which limit refused a sign-in, for the audit log. */
export type SignInScope = "address_username" | "username" | "address";

export interface SignInRefusal {
  /** Seconds until the attempt may be made again (Retry-After). */
  retryAfter: number;
  scope: SignInScope;
}

const STRANGER_WINDOW_S = 86_400;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class SignInLimiter {
  readonly limits: SignInLimits;
  private readonly address: RateLimiterAbstract;
  private readonly pair: RateLimiterAbstract;
  private readonly strangerFailures: RateLimiterAbstract;
  private readonly strangerWait: RateLimiterAbstract;
  private readonly familiar: RateLimiterAbstract;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    limits: Partial<SignInLimits> = {},
    store: LimiterStore = memoryStore,
    private readonly exclusive: Exclusive = inThisProcess,
  ) {
    const merged = { ...SIGN_IN_LIMITS, ...limits };
    this.limits = { ...merged, familiarForMs: Math.min(merged.familiarForMs, 24 * 86_400_000) };
    const window = seconds(this.limits.windowMs);
    this.address = store({ keyPrefix: "signin_addr", points: this.limits.perAddress, duration: window });
    this.pair = store({
      keyPrefix: "signin_pair",
      points: this.limits.perAddressAndUsername,
      duration: window,
    });
    this.strangerFailures = store({
      keyPrefix: "signin_user",
      points: Number.MAX_SAFE_INTEGER,
      duration: STRANGER_WINDOW_S,
    });
    this.strangerWait = store({ keyPrefix: "signin_user_wait", points: 1, duration: 1 });
    this.familiar = store({
      keyPrefix: "signin_known",
      points: Number.MAX_SAFE_INTEGER,
      duration: seconds(this.limits.familiarForMs),
    });
  }

  private keys(ip: string, username: string) {
    const name = username.trim().toLowerCase();
    return { ip, name, pair: `${ip}\n${name}` };
  }

  /** One attempt's check-and-count at a time: what one reads, no other changes before it is counted. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const locked = () => this.exclusive(work);
    const next = this.queue.then(locked, locked);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Before the password is checked: null when the attempt may go ahead (it is then counted as a
   * failure until succeed() says otherwise), or how long to wait and which limit holds it back. A
   * refused attempt is not counted: waiting it out is always enough.
   */
  attempt(ip: string, username: string): Promise<SignInRefusal | null> {
    const { name, pair } = this.keys(ip, username);
    return this.serially(async () => {
      const familiar = (await this.familiar.get(pair)) !== null;
      const refusals: SignInRefusal[] = [];
      const address = await this.address.get(ip);
      if (address && address.consumedPoints >= this.limits.perAddress)
        refusals.push({ scope: "address", retryAfter: seconds(address.msBeforeNext) });
      const tries = await this.pair.get(pair);
      if (tries && tries.consumedPoints >= this.limits.perAddressAndUsername)
        refusals.push({ scope: "address_username", retryAfter: seconds(tries.msBeforeNext) });
      if (!familiar) {
        const wait = await this.strangerWait.get(name);
        if (wait && wait.consumedPoints > 1 && wait.msBeforeNext > 0)
          refusals.push({ scope: "username", retryAfter: seconds(wait.msBeforeNext) });
      }
      if (refusals.length) return refusals.reduce((a, b) => (b.retryAfter > a.retryAfter ? b : a));

      await this.address.penalty(ip, 1);
      await this.pair.penalty(pair, 1);
      if (!familiar) {
        const failures = (await this.strangerFailures.penalty(name, 1)).consumedPoints;
        const beyond = failures - this.limits.strangerFreeFailures;
        if (beyond > 0) {
          const delay = Math.min(
            this.limits.strangerFirstDelayMs * 2 ** Math.min(beyond - 1, 30),
            this.limits.strangerMaxDelayMs,
          );
          await this.strangerWait.block(name, delay / 1000);
        }
      }
      return null;
    });
  }

  /**
   * The attempt was right. The pair's failures are forgotten (it was the person mistyping) and the
   * address becomes the username's usual one; the address gets this attempt back. What strangers did
   * to the username stays: a real sign-in does not hand a guesser elsewhere a fresh budget.
   */
  succeed(ip: string, username: string): Promise<void> {
    const { name, pair } = this.keys(ip, username);
    return this.serially(async () => {
      if ((await this.familiar.get(pair)) === null) await this.strangerFailures.reward(name, 1);
      await this.pair.delete(pair);
      await this.address.reward(ip, 1);
      await this.familiar.set(pair, 1, seconds(this.limits.familiarForMs));
    });
  }
}
