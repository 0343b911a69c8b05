/**
 * PDF rendering off the main thread: a small pool of worker threads, each rendering one document
 * at a time with `renderInvoicePdf`. Under tsx and vitest the worker runs the TypeScript source
 * (with tsx as its loader); a bundled app passes the built worker file as `workerFile`.
 */
import os from 'node:os';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { WorkerPool } from '../../server/worker-pool.js';
import { workerFileBeside } from '../../worker-entry.js';
import type { RenderRequest } from './render-worker.js';

export { renderInvoicePdf, renderPdf, type PdfSource, type RenderOptions } from './render-invoice.js';
import type { PdfSource } from './render-invoice.js';

export type PdfRendererOptions = {
  fontsDir?: string;
  /** The worker entry; default `render-worker.ts` (or `.js` when this file is built) next to this file. */
  workerFile?: string | URL;
  /** Number of worker threads, default 2 (1 on a single core). */
  size?: number;
};

export class PdfRenderer {
  private readonly pool: WorkerPool<RenderRequest, Uint8Array>;

  constructor(options: PdfRendererOptions = {}) {
    this.pool = new WorkerPool(options.workerFile ?? workerFileBeside(import.meta.url, 'render-worker'), {
      size: Math.max(1, options.size ?? Math.min(2, os.availableParallelism())),
      workerData: { fontsDir: options.fontsDir },
      name: 'PDF renderer',
    });
  }

  render(view: InvoiceView, logo?: Buffer): Promise<Buffer> {
    return this.renderSource({ kind: 'invoice', view }, logo);
  }

  /** Any document: an invoice, a reminder letter or a payment receipt. */
  async renderSource(source: PdfSource, logo?: Buffer): Promise<Buffer> {
    const pdf = await this.pool.run({ kind: 'render', source, ...(logo?.length ? { logo: new Uint8Array(logo) } : {}) });
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  /** Starts every worker and renders a small document in each, so the first real one is fast. */
  async warm(): Promise<void> {
    await this.pool.each({ kind: 'warm' });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
