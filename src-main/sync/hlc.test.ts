import { describe, expect, it } from 'vitest';
import { compareStamps, HybridClock, parseStamp } from './hlc.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-12-07T09:00:00.000Z');

/** A wall clock the test sets by hand. */
function wall(start: number): { now: () => number; set: (ms: number) => void } {
  let ms = start;
  return { now: () => ms, set: (next) => (ms = next) };
}

describe('hybrid logical clock', () => {
  it('writes stamps as <15-digit ms>-<6-digit counter>-<device> within 80 characters', () => {
    const clock = new HybridClock('01JEXAMPLEDEVICEA0000000000', () => T0);
    const stamp = clock.now();
    expect(stamp).toBe(`${String(T0).padStart(15, '0')}-000000-01JEXAMPLEDEVICEA0000000000`);
    expect(parseStamp(stamp)).toEqual({ physical: T0, counter: 0, deviceId: '01JEXAMPLEDEVICEA0000000000' });
    expect(() => new HybridClock('x'.repeat(58), () => T0)).toThrow(/device id/);
    expect(() => new HybridClock('', () => T0)).toThrow(/device id/);
    expect(new HybridClock('x'.repeat(57), () => T0).now().length).toBe(80);
  });

  it('keeps going forward when the wall clock is set back', () => {
    const time = wall(T0);
    const clock = new HybridClock('A', time.now);
    const stamps = [clock.now(), clock.now()];
    time.set(T0 - 60 * 60 * 1000);
    stamps.push(clock.now(), clock.now());
    time.set(T0 + 5);
    stamps.push(clock.now());
    for (let i = 1; i < stamps.length; i++) expect(compareStamps(stamps[i - 1], stamps[i])).toBe(-1);
    expect(stamps.map((s) => parseStamp(s)!.counter)).toEqual([0, 1, 2, 3, 0]);
    // Plain string order agrees, so a database index sorts them alike.
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('restarts after the last stamp it kept, even when the wall clock is behind it', () => {
    const first = new HybridClock('A', () => T0);
    first.now();
    const kept = first.now();
    const restarted = new HybridClock('A', () => T0 - 1000, kept);
    expect(compareStamps(restarted.now(), kept)).toBe(1);
  });

  it('after seeing a stamp of a device whose clock is a day ahead, sorts its own later changes after it', () => {
    const ahead = new HybridClock('B', () => T0 + DAY);
    const remote = ahead.now();
    const here = new HybridClock('A', () => T0);
    const before = here.now();
    expect(compareStamps(before, remote)).toBe(-1);
    here.receive(remote);
    const after = here.now();
    expect(compareStamps(after, remote)).toBe(1);
    expect(parseStamp(after)).toEqual({ physical: T0 + DAY, counter: 1, deviceId: 'A' });
    // An older stamp seen later changes nothing.
    here.receive(before);
    expect(compareStamps(here.now(), after)).toBe(1);
  });

  it('breaks a tie of time and counter by device id, the same on every device', () => {
    const a = new HybridClock('A', () => T0).now();
    const b = new HybridClock('B', () => T0).now();
    expect(compareStamps(a, b)).toBe(-1);
    expect(compareStamps(b, a)).toBe(1);
    expect(compareStamps(a, a)).toBe(0);
  });

  it('ignores malformed stamps and sorts missing ones first', () => {
    const clock = new HybridClock('A', () => T0, 'not-a-stamp');
    for (const bad of ['', 'garbage', '1-2-3', `${'9'.repeat(15)}-000000-`, `${'9'.repeat(15)}-000000-${'x'.repeat(70)}`, undefined]) {
      clock.receive(bad);
      expect(parseStamp(bad)).toBeNull();
    }
    const stamp = clock.now();
    expect(parseStamp(stamp)).toEqual({ physical: T0, counter: 0, deviceId: 'A' });
    expect(compareStamps(undefined, stamp)).toBe(-1);
    expect(compareStamps('garbage', stamp)).toBe(-1);
    expect(compareStamps(stamp, undefined)).toBe(1);
    expect(compareStamps(undefined, undefined)).toBe(0);
    expect(compareStamps(undefined, 'garbage')).toBe(-1);
  });

  it('moves the logical time on when a million changes share one millisecond', () => {
    const clock = new HybridClock('A', () => T0, `${String(T0).padStart(15, '0')}-999999-A`);
    expect(parseStamp(clock.now())).toEqual({ physical: T0 + 1, counter: 0, deviceId: 'A' });
  });
});

describe('a stamp from far in the future', () => {
  it('is ignored, so one bad record cannot pin this device past every real change', () => {
    const wall = Date.parse('2026-12-07T10:00:00Z');
    const clock = new HybridClock('DEVICEA', () => wall);
    clock.receive('999999999999999-999999-X');
    clock.receive(`${String(wall + 400 * 86_400_000).padStart(15, '0')}-000000-Y`);
    const next = clock.now();
    expect(parseStamp(next)?.physical).toBe(wall);
    // A device a day ahead still counts.
    clock.receive(`${String(wall + 86_400_000).padStart(15, '0')}-000003-Z`);
    expect(compareStamps(clock.now(), `${String(wall + 86_400_000).padStart(15, '0')}-000003-Z`)).toBe(1);
  });
});
