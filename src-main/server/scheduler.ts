/**
 * The one scheduler of the main process and the one clock it keeps time by. Due work registers
 * here (the outbox, the daily reminder run, later sync, backups and maintenance checks) instead
 * of keeping its own timer. A task never runs twice at once: a trigger while it runs asks for
 * one more run right after. Tests give it a fake clock and advance time instead of sleeping.
 */

/** Time and timers: the wall clock in the app, a fake one in tests. */
export interface Clock {
  now(): Date;
  setTimer(run: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export type TimerHandle = { readonly id: unknown };

/** The wall clock, optionally with a fixed "now" (tests that freeze the date but wait for real). */
export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    setTimer(run, ms) {
      const timer = setTimeout(run, Math.max(0, ms));
      timer.unref?.();
      return { id: timer };
    },
    clearTimer(handle) {
      clearTimeout(handle.id as ReturnType<typeof setTimeout>);
    },
  };
}

/** A task's answer: when it wants to run next (ms from now), or nothing for its regular interval. */
export type TaskResult = { nextInMs?: number } | void;

export type TaskOptions = {
  /** Regular interval between runs; absent for a task that runs only when triggered or asked. */
  everyMs?: number;
  /** Delay before the first run (default: the interval; 0 runs at once). */
  firstInMs?: number;
};

type Task = {
  name: string;
  run: () => Promise<TaskResult>;
  options: TaskOptions;
  timer: TimerHandle | null;
  running: Promise<void> | null;
  again: boolean;
};

export type SchedulerLogger = { error(message: string, error?: unknown): void };

export class Scheduler {
  private readonly tasks = new Map<string, Task>();
  private stopped = false;

  constructor(
    readonly clock: Clock,
    private readonly logger: SchedulerLogger = console,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** Registers due work; returns the function that unregisters it (waiting for a run in progress). */
  register(name: string, run: () => Promise<TaskResult>, options: TaskOptions = {}): () => Promise<void> {
    if (this.tasks.has(name)) throw new Error(`A task named ${name} is already scheduled`);
    const task: Task = { name, run, options, timer: null, running: null, again: false };
    this.tasks.set(name, task);
    const first = options.firstInMs ?? options.everyMs;
    if (first !== undefined) this.arm(task, first);
    return async () => {
      this.disarm(task);
      this.tasks.delete(name);
      await task.running;
    };
  }

  /** Run a task as soon as possible (now, or right after the run in progress). */
  trigger(name: string): void {
    const task = this.tasks.get(name);
    if (!task || this.stopped) return;
    if (task.running) {
      task.again = true;
      return;
    }
    this.arm(task, 0);
  }

  /** Plan a task's next run in `ms` (replaces the time planned so far; ignored while it runs). */
  runIn(name: string, ms: number): void {
    const task = this.tasks.get(name);
    if (!task || this.stopped || task.running) return;
    this.arm(task, ms);
  }

  isScheduled(name: string): boolean {
    return this.tasks.has(name);
  }

  /** Resolves when no task is running (a run started meanwhile is awaited too). */
  async idle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const running = [...this.tasks.values()].map((t) => t.running).filter((r): r is Promise<void> => r !== null);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** No new runs; waits for the runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.values()) this.disarm(task);
    await this.idle();
  }

  private arm(task: Task, ms: number): void {
    if (this.stopped) return;
    this.disarm(task);
    task.timer = this.clock.setTimer(() => {
      task.timer = null;
      this.start(task);
    }, ms);
  }

  private disarm(task: Task): void {
    if (task.timer) this.clock.clearTimer(task.timer);
    task.timer = null;
  }

  private start(task: Task): void {
    if (this.stopped || task.running) return;
    let next: number | undefined;
    task.running = (async () => {
      try {
        const result = await task.run();
        next = result && typeof result.nextInMs === 'number' ? result.nextInMs : undefined;
      } catch (error) {
        this.logger.error(`Scheduled task ${task.name} failed`, error);
      }
    })().finally(() => {
      task.running = null;
      if (!this.tasks.has(task.name) || this.stopped) return;
      if (task.again) {
        task.again = false;
        this.arm(task, 0);
      } else if (next !== undefined) {
        this.arm(task, task.options.everyMs !== undefined ? Math.min(next, task.options.everyMs) : next);
      } else if (task.options.everyMs !== undefined) {
        this.arm(task, task.options.everyMs);
      }
    });
  }
}
