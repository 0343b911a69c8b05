/**
 * PDF rendering off the main thread: a small pool of worker threads, each rendering one document
 * at a time with `renderInvoicePdf`. Under tsx and vitest the worker runs the TypeScript source
 * (with tsx as its loader); a bundled app passes the built worker file as `workerFile`.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { workerEntry } from '../../worker-entry.js';
import type { WorkerRequest, WorkerResponse } from './render-worker.js';

export { renderInvoicePdf, renderPdf, type PdfSource, type RenderOptions } from './render-invoice.js';
import type { PdfSource } from './render-invoice.js';

export type PdfRendererOptions = {
  fontsDir?: string;
  /** The worker entry; default `render-worker.ts` (or `.js` when this file is built) next to this file. */
  workerFile?: string | URL;
  /** Number of worker threads, default 2 (1 on a single core). */
  size?: number;
};

type Job = { request: WorkerRequest; resolve(pdf: Buffer): void; reject(error: Error): void };
type Slot = { worker: Worker; job: Job | null };

const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');

export class PdfRenderer {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PdfRendererOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism()));
  }

  render(view: InvoiceView, logo?: Buffer): Promise<Buffer> {
    return this.renderSource({ kind: 'invoice', view }, logo);
  }

  /** Any document: an invoice, a reminder letter or a payment receipt. */
  renderSource(source: PdfSource, logo?: Buffer): Promise<Buffer> {
    return this.submit({ id: this.nextId++, kind: 'render', source, ...(logo?.length ? { logo: new Uint8Array(logo) } : {}) });
  }

  /** Starts every worker and renders a small document in each, so the first real one is fast. */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.submit({ id: this.nextId++, kind: 'warm' })));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The PDF renderer was closed'));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.job?.reject(new Error('The PDF renderer was closed'));
        return slot.worker.terminate();
      }),
    );
  }

  private submit(request: WorkerRequest): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The PDF renderer is closed'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot {
    const file = this.options.workerFile ?? path.join(path.dirname(HERE), FROM_SOURCE ? 'render-worker.ts' : 'render-worker.js');
    const worker = new Worker(workerEntry(file), { workerData: { fontsDir: this.options.fontsDir }, execArgv: [...process.execArgv] });
    const slot: Slot = { worker, job: null };
    worker.on('message', (response: WorkerResponse) => {
      const job = slot.job;
      if (!job || job.request.id !== response.id) return;
      slot.job = null;
      worker.unref();
      if (response.ok) job.resolve(Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength));
      else job.reject(Object.assign(new Error(response.message), response.stack ? { stack: response.stack } : {}));
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
    worker.on('exit', (code) => fail(new Error(`The PDF worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
