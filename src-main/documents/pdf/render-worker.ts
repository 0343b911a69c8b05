/** Worker-thread entry of the PDF renderer pool (renderer.ts): renders one document per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderPdf, type PdfSource } from './render-invoice.js';
import { warmupView } from './warmup.js';

export type WorkerRequest = { id: number; kind: 'render'; source: PdfSource; logo?: Uint8Array } | { id: number; kind: 'warm' };
export type WorkerResponse = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string; stack?: string };

const { fontsDir } = (workerData ?? {}) as { fontsDir?: string };
const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');

port.on('message', async (request: WorkerRequest) => {
  try {
    const source: PdfSource = request.kind === 'warm' ? { kind: 'invoice', view: warmupView() } : request.source;
    const logo = request.kind === 'render' ? request.logo : undefined;
    const bytes = await renderPdf(source, { ...(fontsDir ? { fontsDir } : {}), ...(logo ? { logo } : {}) });
    // A buffer of its own, so that its memory moves to the main thread instead of being copied.
    const pdf = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
    port.postMessage({ id: request.id, ok: true, pdf } satisfies WorkerResponse, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id: request.id, ok: false, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } satisfies WorkerResponse);
  }
});
