/**
 * A small pool of worker threads that each take one request at a time: requests queue until a
 * worker is free, a worker that dies fails only its own request and is replaced on demand, and
 * idle workers do not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry.js';

/** What a worker answers: the request's id, then its result or the error's message. */
export type PoolResponse<R> = { id: number; ok: true; result: R } | { id: number; ok: false; message: string; name?: string; stack?: string };

type Job<Q, R> = { request: Q & { id: number }; resolve(result: R): void; reject(error: Error): void };
type Slot<Q, R> = { worker: Worker; job: Job<Q, R> | null };

export class WorkerPool<Q extends object, R> {
  private readonly slots: Slot<Q, R>[] = [];
  private readonly queue: Job<Q, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string | URL,
    private readonly options: { size: number; workerData?: unknown; name: string },
  ) {}

  run(request: Q): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`The ${this.options.name} is closed`));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  /** Runs `request` once on every worker (starting them all), e.g. to load what they need. */
  each(request: Q): Promise<R[]> {
    return Promise.all(Array.from({ length: this.options.size }, () => this.run(request)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error(`The ${this.options.name} was closed`));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.job?.reject(new Error(`The ${this.options.name} was closed`));
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot<Q, R> {
    const worker = new Worker(workerEntry(this.file), { workerData: this.options.workerData, execArgv: [...process.execArgv] });
    const slot: Slot<Q, R> = { worker, job: null };
    worker.on('message', (response: PoolResponse<R>) => {
      const job = slot.job;
      if (!job || job.request.id !== response.id) return;
      slot.job = null;
      worker.unref();
      if (response.ok) job.resolve(response.result);
      else job.reject(Object.assign(new Error(response.message), { name: response.name ?? 'Error' }, response.stack ? { stack: response.stack } : {}));
      this.dispatch();
    });
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The ${this.options.name} worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}

type RequestPort<Q, R> = {
  on(event: 'message', listener: (request: Q & { id: number }) => void): unknown;
  postMessage(message: PoolResponse<R>, transfer?: readonly ArrayBuffer[]): void;
};

/**
 * The worker side: answers each request with `handle`'s result or its error. `transfer` names
 * buffers of the result that move to the main thread instead of being copied.
 */
export function answerRequests<Q, R>(port: RequestPort<Q, R>, handle: (request: Q) => Promise<R> | R, transfer?: (result: R) => ArrayBuffer[]): void {
  port.on('message', async (request) => {
    try {
      const result = await handle(request);
      port.postMessage({ id: request.id, ok: true, result }, transfer?.(result) ?? []);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: request.id, ok: false, message: e.message, name: e.name, ...(e.stack ? { stack: e.stack } : {}) });
    }
  });
}
