/**
 * Login throttling: after a few failed attempts each further attempt waits, and the wait grows
 * with every failure. Counted per user and per connection (a window, a socket, a test client),
 * so neither guessing one user's password nor trying many users from one connection is fast.
 * The handler of `auth.login` is the one place every transport goes through; the clock is the
 * app's injected clock, so tests advance it instead of sleeping.
 */

export type ThrottleRule = {
  /** Failures without any wait (typing errors). */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; doubled with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
};

export const LOGIN_THROTTLE: ThrottleRule = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** The wait after `failures` consecutive failures. */
export function delayAfter(failures: number, rule: ThrottleRule = LOGIN_THROTTLE): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (failures - rule.freeFailures));
}

type Failures = { count: number; lastAt: number };

/** How long the next attempt must still wait after these failures, at `now`; 0 when it may go. */
export function remainingWait(failures: Failures | undefined, now: number, rule: ThrottleRule = LOGIN_THROTTLE): number {
  if (!failures || now - failures.lastAt >= rule.forgetAfterMs) return 0;
  return Math.max(0, failures.lastAt + delayAfter(failures.count, rule) - now);
}

/** Unknown names typed at the login are counted too; the table stays bounded. */
const MAX_TRACKED_USERS = 10_000;

export class LoginThrottle {
  private readonly byUser = new Map<string, Failures>();
  private readonly byConnection = new WeakMap<object, Failures>();

  constructor(
    private readonly clock: () => Date,
    private readonly rule: ThrottleRule = LOGIN_THROTTLE,
  ) {}

  /** Milliseconds before `userKey` may try again on `connection`; 0: go ahead. */
  waitMs(userKey: string, connection: object): number {
    const now = this.clock().getTime();
    return Math.max(remainingWait(this.byUser.get(userKey), now, this.rule), remainingWait(this.byConnection.get(connection), now, this.rule));
  }

  failed(userKey: string, connection: object): void {
    const now = this.clock().getTime();
    const count = (previous: Failures | undefined) => (previous && now - previous.lastAt < this.rule.forgetAfterMs ? previous.count + 1 : 1);
    const user = { count: count(this.byUser.get(userKey)), lastAt: now };
    this.byUser.delete(userKey);
    this.byUser.set(userKey, user);
    if (this.byUser.size > MAX_TRACKED_USERS) this.byUser.delete(this.byUser.keys().next().value!);
    this.byConnection.set(connection, { count: count(this.byConnection.get(connection)), lastAt: now });
  }

  succeeded(userKey: string, connection: object): void {
    this.byUser.delete(userKey);
    this.byConnection.delete(connection);
  }
}
