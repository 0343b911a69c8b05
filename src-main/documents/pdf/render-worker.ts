/** Worker-thread entry of the PDF renderer pool (renderer.ts): renders one document per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../../server/worker-pool.js';
import { renderPdf, type PdfSource } from './render-invoice.js';
import { warmupView } from './warmup.js';

export type RenderRequest = { kind: 'render'; source: PdfSource; logo?: Uint8Array } | { kind: 'warm' };

const { fontsDir } = (workerData ?? {}) as { fontsDir?: string };
const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread only');

answerRequests<RenderRequest, Uint8Array>(
  port,
  async (request) => {
    const source: PdfSource = request.kind === 'warm' ? { kind: 'invoice', view: warmupView() } : request.source;
    const logo = request.kind === 'render' ? request.logo : undefined;
    const bytes = await renderPdf(source, { ...(fontsDir ? { fontsDir } : {}), ...(logo ? { logo } : {}) });
    // A buffer of its own, so that its memory moves to the main thread instead of being copied.
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
  },
  (pdf) => [pdf.buffer as ArrayBuffer],
);
