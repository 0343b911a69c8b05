/**
 * A hybrid logical clock: stamps that follow the wall clock where they can and never run
 * backwards, so two devices' changes of the same record can be put in order when sync meets them.
 *
 * A stamp is `<physical ms, 15 digits>-<counter, 6 digits>-<deviceId>` and sorts as a string:
 * the later physical time first, then the counter, then the device id, so no two devices ever
 * make equal stamps. Pure: the wall clock comes in as a function.
 */

const PHYSICAL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_PHYSICAL = 10 ** PHYSICAL_DIGITS - 1;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** How far ahead another device's clock may be and still count (a day ahead does; years do not). */
const MAX_AHEAD_MS = 31 * 24 * 60 * 60 * 1000;
/** The schema's bound for `hlc` (fields.ts AUDIT_STAMPS). */
export const MAX_STAMP_LENGTH = 80;
const MAX_DEVICE_ID_LENGTH = MAX_STAMP_LENGTH - PHYSICAL_DIGITS - COUNTER_DIGITS - 2;
const STAMP = /^(\d{15})-(\d{6})-(\S+)$/;

export type ParsedStamp = { physical: number; counter: number; deviceId: string };

export function parseStamp(s: unknown): ParsedStamp | null {
  if (typeof s !== 'string' || s.length > MAX_STAMP_LENGTH) return null;
  const match = STAMP.exec(s);
  if (!match) return null;
  return { physical: Number(match[1]), counter: Number(match[2]), deviceId: match[3]! };
}

export function formatStamp(physical: number, counter: number, deviceId: string): string {
  return `${String(physical).padStart(PHYSICAL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${deviceId}`;
}

/**
 * Orders two stamps: negative when `a` is earlier. A missing or malformed stamp sorts before
 * every valid one (a record written before stamps existed is the older change); two of them
 * compare as plain strings so every device decides alike.
 */
export function compareStamps(a?: string, b?: string): number {
  const pa = parseStamp(a);
  const pb = parseStamp(b);
  if (pa && pb) {
    if (pa.physical !== pb.physical) return pa.physical < pb.physical ? -1 : 1;
    if (pa.counter !== pb.counter) return pa.counter < pb.counter ? -1 : 1;
    return compareStrings(pa.deviceId, pb.deviceId);
  }
  if (pa) return 1;
  if (pb) return -1;
  return compareStrings(a ?? '', b ?? '') || (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function wallMs(wallClock: () => number): number {
  const ms = Math.floor(wallClock());
  if (!Number.isFinite(ms) || ms < 0) return 0;
  return Math.min(ms, MAX_PHYSICAL);
}

export class HybridClock {
  readonly #deviceId: string;
  readonly #wallClock: () => number;
  #physical = 0;
  #counter = 0;

  /** `last`: the stamp kept from the previous run, so a restart never goes back in time. */
  constructor(deviceId: string, wallClock: () => number, last?: string) {
    if (!deviceId || deviceId.length > MAX_DEVICE_ID_LENGTH || /\s/.test(deviceId)) {
      throw new Error(`A clock needs a device id of 1 to ${MAX_DEVICE_ID_LENGTH} characters without spaces, not "${deviceId}"`);
    }
    this.#deviceId = deviceId;
    this.#wallClock = wallClock;
    this.receive(last);
  }

  /** A stamp for a change made here: later than every stamp made or received before. */
  now(): string {
    const wall = wallMs(this.#wallClock);
    if (wall > this.#physical) {
      this.#physical = wall;
      this.#counter = 0;
    } else if (this.#counter < MAX_COUNTER) {
      this.#counter += 1;
    } else {
      // A million changes in one millisecond (or a clock pinned ahead): the logical time moves on.
      this.#physical += 1;
      this.#counter = 0;
    }
    return this.last;
  }

  /**
   * Takes in a stamp seen on a synced record, so changes made here afterwards sort after it.
   * A stamp more than a month ahead of this device's clock is no clock that is merely off: it is
   * ignored, so one bad record cannot pin every later change of the office to its time.
   */
  receive(stamp: string | undefined): void {
    const seen = parseStamp(stamp);
    if (!seen) return;
    if (seen.physical > wallMs(this.#wallClock) + MAX_AHEAD_MS) return;
    if (seen.physical > this.#physical || (seen.physical === this.#physical && seen.counter > this.#counter)) {
      this.#physical = seen.physical;
      this.#counter = seen.counter;
    }
  }

  /** The clock's state as a stamp of this device, to keep for the next start. */
  get last(): string {
    return formatStamp(this.#physical, this.#counter, this.#deviceId);
  }
}
