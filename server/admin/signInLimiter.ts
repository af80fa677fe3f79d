/**
 * Sign-in attempts, in memory, counted three ways within a fixed window from each key's first attempt:
 * per client address and username (a person mistyping), per username across addresses (one account
 * guessed from many addresses), and per address across usernames (one address spraying usernames;
 * every attempt costs a 32 MiB scrypt). An attempt is counted before its password is checked, so a
 * burst of parallel requests cannot slip past the limit, and given back when it succeeds.
 *
 * In memory is enough for one instance (a restart forgets, which costs an attacker a restart they
 * cannot cause); several instances would keep this in the shared database. Each table is bounded so
 * that a flood of made-up usernames cannot exhaust memory, and a key that is blocked is never evicted
 * to make room: a flood cannot reset a block. When a table is full of blocked keys, a new key goes
 * uncounted there; the other two tables still hold it.
 */
export interface SignInLimits {
  perAddressAndUsername: number;
  perUsername: number;
  perAddress: number;
  windowMs: number;
  /** Keys kept per table. */
  maxKeys: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  perAddressAndUsername: 5,
  perUsername: 10,
  perAddress: 20,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
};

/** Which budget refused a sign-in, for the audit log. */
export type SignInScope = "address_username" | "username" | "address";

interface Entry {
  count: number;
  since: number;
}

class AttemptTable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.expired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expired(entry: Entry): boolean {
    return this.now() - entry.since >= this.windowMs;
  }

  /** Seconds until the key may try again, or 0. */
  retryAfter(key: string): number {
    const entry = this.live(key);
    if (!entry || entry.count < this.max) return 0;
    return Math.max(1, Math.ceil((entry.since + this.windowMs - this.now()) / 1000));
  }

  count(key: string): void {
    const entry = this.live(key);
    if (entry) entry.count++;
    else if (this.makeRoom()) this.entries.set(key, { count: 1, since: this.now() });
  }

  giveBack(key: string): void {
    const entry = this.live(key);
    if (entry && --entry.count <= 0) this.entries.delete(key);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops expired keys, then the oldest key that is not blocked; false when every key is blocked. */
  private makeRoom(): boolean {
    if (this.entries.size < this.maxKeys) return true;
    for (const [key, entry] of this.entries) if (this.expired(entry)) this.entries.delete(key);
    if (this.entries.size < this.maxKeys) return true;
    for (const [key, entry] of this.entries) {
      if (entry.count < this.max) {
        this.entries.delete(key);
        return true;
      }
    }
    return false;
  }
}

export class SignInLimiter {
  readonly limits: SignInLimits;
  private readonly tables: Record<SignInScope, AttemptTable>;

  constructor(limits: Partial<SignInLimits> = {}, now: () => number = Date.now) {
    this.limits = { ...SIGN_IN_LIMITS, ...limits };
    const { windowMs, maxKeys } = this.limits;
    this.tables = {
      address_username: new AttemptTable(this.limits.perAddressAndUsername, windowMs, maxKeys, now),
      username: new AttemptTable(this.limits.perUsername, windowMs, maxKeys, now),
      address: new AttemptTable(this.limits.perAddress, windowMs, maxKeys, now),
    };
  }

  private keys(ip: string, username: string): Record<SignInScope, string> {
    const name = username.trim().toLowerCase();
    return { address_username: `${ip}\n${name}`, username: name, address: ip };
  }

  /**
   * Before the password is checked: null when the attempt may go ahead (it is then counted as a
   * failure until succeed() says otherwise), or how long to wait and which budget is spent.
   */
  attempt(ip: string, username: string): { retryAfter: number; scope: SignInScope } | null {
    const keys = this.keys(ip, username);
    let refused: { retryAfter: number; scope: SignInScope } | null = null;
    for (const scope of Object.keys(this.tables) as SignInScope[]) {
      const wait = this.tables[scope].retryAfter(keys[scope]);
      if (wait > (refused?.retryAfter ?? 0)) refused = { retryAfter: wait, scope };
    }
    if (refused) return refused;
    for (const scope of Object.keys(this.tables) as SignInScope[]) this.tables[scope].count(keys[scope]);
    return null;
  }

  /**
   * The attempt was right. The pair's failures are forgotten (it was the person mistyping); the
   * username's and the address's keep what others tried and only get this attempt back, so a real
   * sign-in does not hand a guesser on another address a fresh budget.
   */
  succeed(ip: string, username: string): void {
    const keys = this.keys(ip, username);
    this.tables.address_username.forget(keys.address_username);
    this.tables.username.giveBack(keys.username);
    this.tables.address.giveBack(keys.address);
  }

  /** Keys held per table (for tests and a look at memory). */
  sizes(): Record<SignInScope, number> {
    return {
      address_username: this.tables.address_username.size,
      username: this.tables.username.size,
      address: this.tables.address.size,
    };
  }
}
