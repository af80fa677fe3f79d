/**
 * Failed sign-ins per client address and username, in memory: after `maxFailures` within `windowMs`
 * the pair is refused until the window has passed. In memory is enough for one instance (a restart
 * forgets, which costs an attacker a restart they cannot cause); several instances would keep this in
 * the shared database. The map is bounded so that a flood of made-up usernames cannot exhaust memory.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(ip: string, username: string): string {
    return `${ip}\n${username.trim().toLowerCase()}`;
  }

  private current(key: string): { count: number; since: number } | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds until the pair may try again, or 0 when it may try now. */
  retryAfter(ip: string, username: string): number {
    const entry = this.current(this.key(ip, username));
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.since + this.windowMs - this.now()) / 1000));
  }

  fail(ip: string, username: string): void {
    const key = this.key(ip, username);
    const entry = this.current(key);
    if (entry) {
      entry.count++;
      return;
    }
    if (this.failures.size >= this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, { count: 1, since: this.now() });
  }

  succeed(ip: string, username: string): void {
    this.failures.delete(this.key(ip, username));
  }
}
