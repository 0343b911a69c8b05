import { AppError, type PublicUser } from '../../src-shared/contract/index.js';
import { newId } from '../ids.js';
import type { EventBus } from './events.js';
import type { Logger } from './dispatcher.js';

export type JobControl = {
  /** Report progress; throttled to one event per percent. */
  progress(done: number): void;
  cancelled(): boolean;
};

type Running = { ownerId: string; cancelled: boolean; done: Promise<void> };

/** A job is cancelled by whoever started it, or by an administrator. */
export function mayCancelJob(ownerId: string, user: Pick<PublicUser, 'id' | 'role'>): boolean {
  return user.role === 'admin' || user.id === ownerId;
}

/**
 * Long work (batch invoicing, imports, PDF batches) runs in the background in steps; each
 * step commits on its own, so cancelling between steps leaves nothing half-written. Progress
 * goes to every screen as `job.progress` events.
 */
export class Jobs {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger = console,
  ) {}

  /** `ownerId`: the user on whose behalf the job runs; only they or an administrator may cancel it. */
  start(label: string, total: number, ownerId: string, work: (control: JobControl) => Promise<void>): { jobId: string; done: Promise<void> } {
    const jobId = newId();
    const state: Running = { ownerId, cancelled: false, done: Promise.resolve() };
    let lastPercent = -1;
    let doneCount = 0;
    const emit = (s: 'running' | 'done' | 'cancelled' | 'failed') => this.bus.emit('job.progress', { jobId, label, done: doneCount, total, state: s });
    const control: JobControl = {
      progress: (done) => {
        doneCount = done;
        const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
        if (percent !== lastPercent) {
          lastPercent = percent;
          emit('running');
        }
      },
      cancelled: () => state.cancelled,
    };
    state.done = (async () => {
      emit('running');
      try {
        await work(control);
        emit(state.cancelled ? 'cancelled' : 'done');
      } catch (error) {
        this.logger.error(`Job ${label} failed`, error);
        emit('failed');
      } finally {
        this.running.delete(jobId);
      }
    })();
    this.running.set(jobId, state);
    return { jobId, done: state.done };
  }

  /** False when no such job runs (any more); FORBIDDEN for someone else's job. */
  cancel(jobId: string, by: Pick<PublicUser, 'id' | 'role'>): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    if (!mayCancelJob(job.ownerId, by)) throw new AppError('FORBIDDEN', 'Only whoever started a job, or an administrator, may cancel it.');
    job.cancelled = true;
    return true;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.cancelled = true;
  }

  /** Waits for every running job (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((j) => j.done));
  }
}
