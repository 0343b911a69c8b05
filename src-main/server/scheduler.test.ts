import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { Scheduler } from './scheduler.js';

function setup() {
  const clock = new FakeClock('2026-12-01T09:00:00Z');
  const errors: string[] = [];
  const scheduler = new Scheduler(clock, { error: (message) => errors.push(message) });
  return { clock, scheduler, errors, settle: () => scheduler.idle() };
}

describe('the scheduler', () => {
  it('runs a task at its interval by the clock it is given, never by the wall clock', async () => {
    const { clock, scheduler, settle } = setup();
    const runs: string[] = [];
    scheduler.register('outbox', async () => void runs.push(clock.now().toISOString()), { everyMs: 60_000 });
    await clock.advance(59_999, settle);
    expect(runs).toEqual([]);
    await clock.advance(1, settle);
    await clock.advance(120_000, settle);
    expect(runs).toEqual(['2026-12-01T09:01:00.000Z', '2026-12-01T09:02:00.000Z', '2026-12-01T09:03:00.000Z']);
  });

  it('never runs a task twice at once: a trigger during a run asks for exactly one more run', async () => {
    const { clock, scheduler, settle } = setup();
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    scheduler.register('reminders', async () => {
      active++;
      most = Math.max(most, active);
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    scheduler.trigger('reminders');
    await clock.advance(0);
    scheduler.trigger('reminders');
    scheduler.trigger('reminders');
    release();
    await clock.advance(0, settle);
    await clock.advance(0, settle);
    expect({ runs, most }).toEqual({ runs: 2, most: 1 });
  });

  it('takes the next run time a task asks for, and keeps going after a task fails', async () => {
    const { clock, scheduler, errors, settle } = setup();
    const runs: number[] = [];
    scheduler.register(
      'retry',
      async () => {
        runs.push(clock.now().getTime());
        if (runs.length === 1) throw new Error('server away');
        return { nextInMs: 5_000 };
      },
      { everyMs: 60_000, firstInMs: 0 },
    );
    await clock.advance(0, settle);
    await clock.advance(60_000 + 5_000, settle);
    const start = Date.parse('2026-12-01T09:00:00Z');
    expect(runs.map((t) => (t - start) / 1000)).toEqual([0, 60, 65]);
    expect(errors).toEqual(['Scheduled task retry failed']);
  });

  it('stops: no timer left, the run in progress finished, and a stopped task is not run again', async () => {
    const { clock, scheduler, settle } = setup();
    let runs = 0;
    const unregister = scheduler.register('daily', async () => void runs++, { everyMs: 1_000 });
    await clock.advance(1_000, settle);
    await unregister();
    await clock.advance(10_000, settle);
    expect(runs).toBe(1);
    expect(clock.pending()).toBe(0);
    scheduler.register('other', async () => void runs++, { everyMs: 1_000 });
    await scheduler.stop();
    await clock.advance(10_000, settle);
    expect(runs).toBe(1);
    expect(() => scheduler.register('other', async () => undefined)).toThrow(/already scheduled/);
  });
});
