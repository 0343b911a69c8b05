/**
 * Login throttling: after a few failed attempts each further attempt waits, and the wait grows
 * with every failure. Counted per user and per connection (a window, a socket, a test client),
 * so neither guessing one user's password nor trying many users from one connection is fast.
 * The handler of `auth.login` is the one place every transport goes through; the clock is the
 * app's injected clock, so tests advance it instead of sleeping.
 */

import { createHmac, randomBytes } from 'node:crypto';

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

/**
 * Who a login attempt is for: a user of the books, or a name or id that matches none. Users are
 * bounded by the users table, so each keeps its own count until its failures are forgotten; the
 * table is never trimmed to make room. Unknown names are made up freely by anyone: they share a
 * fixed number of slots, picked by a keyed hash of the name, so they never push a user out and
 * take no more memory however many there are.
 */
export type LoginSubject = { userId: string } | { unknown: string };

/** Slots the failures of unknown names share; the same name always lands in the same slot. */
export const UNKNOWN_NAME_SLOTS = 1024;

/** The slot of an unknown name; `key` is secret and made per start, so no one can aim at a slot. */
export function unknownSlot(name: string, key: Buffer, slots: number = UNKNOWN_NAME_SLOTS): number {
  return createHmac('sha256', key).update(name.normalize('NFC').toLowerCase()).digest().readUInt32BE(0) % slots;
}

export class LoginThrottle {
  private readonly byUser = new Map<string, Failures>();
  private readonly byUnknown = new Map<number, Failures>();
  /** Dropped with the connection: as many entries as open connections, no more. */
  private readonly byConnection = new WeakMap<object, Failures>();
  private readonly slotKey = randomBytes(32);

  constructor(
    private readonly clock: () => Date,
    private readonly rule: ThrottleRule = LOGIN_THROTTLE,
  ) {}

  /** Milliseconds before `subject` may try again on `connection`; 0: go ahead. */
  waitMs(subject: LoginSubject, connection: object): number {
    const now = this.clock().getTime();
    const [table, key] = this.entry(subject);
    return Math.max(remainingWait(table.get(key), now, this.rule), remainingWait(this.byConnection.get(connection), now, this.rule));
  }

  failed(subject: LoginSubject, connection: object): void {
    const now = this.clock().getTime();
    const count = (previous: Failures | undefined) => (previous && now - previous.lastAt < this.rule.forgetAfterMs ? previous.count + 1 : 1);
    const [table, key] = this.entry(subject);
    table.set(key, { count: count(table.get(key)), lastAt: now });
    this.byConnection.set(connection, { count: count(this.byConnection.get(connection)), lastAt: now });
  }

  succeeded(subject: LoginSubject, connection: object): void {
    const [table, key] = this.entry(subject);
    table.delete(key);
    this.byConnection.delete(connection);
  }

  private entry(subject: LoginSubject): [Map<string | number, Failures>, string | number] {
    if ('userId' in subject) return [this.byUser as Map<string | number, Failures>, subject.userId];
    return [this.byUnknown as Map<string | number, Failures>, unknownSlot(subject.unknown, this.slotKey)];
  }
}
