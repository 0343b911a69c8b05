import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team } from '../../../tests/support/books.js';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { PdfRenderer, renderInvoicePdf } from './renderer.js';
import { issued, pdfInfo, pngImage } from '../../../tests/support/pdf.js';
import { warmupView } from './warmup.js';

let app: TestApp;
let invoice: InvoiceView;
beforeAll(async () => {
  app = await startTestApp();
  const t = await team(app);
  const flour = await product(t.bookkeeper);
  const c = await customer(t.bookkeeper);
  invoice = await issued(t, { customerId: c.id, skontoPercent: '3', skontoDays: 7, lines: [{ productId: flour.id, quantity: '12' }, { description: 'Fracht „Express“', quantity: '1', netUnitPrice: '49.5' }] });
});
afterAll(async () => app?.stop());

describe('rendering the same document again', () => {
  it('gives the same bytes, dated from the invoice and not from the clock', async () => {
    // Only the date is faked: the clock moves on between the two renderings, timers run as they do.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T09:00:00.000Z') });
    let first: Buffer;
    let second: Buffer;
    try {
      first = await renderInvoicePdf(invoice);
      vi.setSystemTime(new Date('2027-02-03T17:45:13.000Z')); // weeks later: a clock-dated PDF would differ
      second = await renderInvoicePdf(invoice);
    } finally {
      vi.useRealTimers();
    }
    expect(second.equals(first)).toBe(true);
    const issuedAt = invoice.issuedAt.replace(/\.\d{3}Z$/, 'Z');
    expect(pdfInfo(first)).toMatchObject({ CreationDate: issuedAt, ModDate: issuedAt, Producer: 'Rechnungswerk', Creator: 'Rechnungswerk' });
  });
});

describe('PdfRenderer (worker threads)', () => {
  let pool: PdfRenderer;
  beforeAll(async () => {
    pool = new PdfRenderer({ size: 2 });
    await pool.warm();
  });
  afterAll(async () => pool?.close());

  it('renders the very bytes the main thread renders, logo included, several at once', async () => {
    const logo = pngImage(30, 30, [0, 90, 160]);
    const views = [invoice, warmupView(1), warmupView(40), warmupView(7, 'en')];
    const fromWorkers = await Promise.all([...views.map((v) => pool.render(v)), pool.render(invoice, logo)]);
    const here = [...(await Promise.all(views.map((v) => renderInvoicePdf(v)))), await renderInvoicePdf(invoice, { logo })];
    fromWorkers.forEach((pdf, i) => expect(pdf.equals(here[i]!), `document ${i}`).toBe(true));
  });

  it('keeps the main thread free while a 600-line invoice renders', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const pdf = await pool.render(warmupView(600));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    expect(pdf.equals(await renderInvoicePdf(warmupView(600)))).toBe(true);
  });

  it('reports a failed document and goes on with the next', async () => {
    await expect(pool.render(invoice, Buffer.from('GIF89a not a logo'))).rejects.toThrow('The logo must be a PNG or JPEG image');
    expect((await pool.render(invoice)).equals(await renderInvoicePdf(invoice))).toBe(true);
  });

  it('takes the worker file as an option (as a bundled app passes it) and refuses work once closed', async () => {
    const own = new PdfRenderer({ size: 1, workerFile: new URL('./render-worker.ts', import.meta.url) });
    const pdf = await own.render(invoice);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await own.close();
    await expect(own.render(invoice)).rejects.toThrow('closed');
  });
});
