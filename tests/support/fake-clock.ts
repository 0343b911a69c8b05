import type { Clock, TimerHandle } from '../../src-main/server/scheduler.js';

/**
 * A clock for tests: time stands still until the test advances it; timers due by then fire in
 * order of their due time, each followed by a chance for the work it started to go on.
 */
export class FakeClock implements Clock {
  private time: number;
  private timers: { handle: TimerHandle; due: number; run: () => void; order: number }[] = [];
  private order = 0;

  constructor(start: Date | string = '2026-12-01T09:00:00.000Z') {
    this.time = new Date(start).getTime();
  }

  now = (): Date => new Date(this.time);

  setTimer(run: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { id: Symbol('timer') };
    this.timers.push({ handle, due: this.time + Math.max(0, ms), run, order: this.order++ });
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  /** Timers waiting, for assertions. */
  pending(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way. `settle` is awaited
   * after each (pass the scheduler's `idle` to let a started task finish before time moves on).
   */
  async advance(ms: number, settle: () => Promise<void> = flush): Promise<void> {
    const until = this.time + ms;
    for (let fired = 0; fired < 100_000; fired++) {
      await settle();
      const next = this.timers.filter((t) => t.due <= until).sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.due);
      next.run();
    }
    this.time = until;
    await settle();
  }

  /** Sets the wall time without firing anything (a new day, a device clock put right). */
  set(time: Date | string): void {
    this.time = new Date(time).getTime();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}
