/**
 * The report data read by SQLite projections agrees with the books as the handlers wrote them:
 * issued invoices and credit notes (drafts never), payments, allocations with their payment's
 * date, products; kept up to date after the first read, and a write that rolled back is not seen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { inTransaction } from '../store/index.js';
import { reportData } from './data.js';

let app: TestApp;
let t: Team;

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
});
afterEach(async () => app.stop());

describe('report data', () => {
  it('reads issued documents, payments and allocations as the handlers wrote them', async () => {
    const buyer = await customer(t.bookkeeper, { name: 'Müller & Söhne GmbH' });
    const p = await product(t.bookkeeper, { sku: 'DATA-1', netPrice: '100', vatRate: '19' });
    const invoice = await issued(t, { customerId: buyer.id, lines: [{ productId: p.id, quantity: '2', unit: 'HUR' }] });
    // A draft never shows in the reports.
    await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: buyer.id, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] }));
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-26', amount: '100.00', customerId: buyer.id, allocations: [{ invoiceId: invoice.id, amount: '100.00' }] }));

    const data = reportData(app.services.books);
    const invoices = data.invoices();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      id: invoice.id,
      number: invoice.number,
      documentType: 'invoice',
      customerId: buyer.id,
      customerName: 'Müller & Söhne GmbH',
      currency: 'EUR',
      amountDue: 23800,
      taxExclusive: 20000,
      vatTotal: 3800,
      vatBreakdown: [{ category: 'S', rate: '19', taxableAmount: 20000, taxAmount: 3800 }],
    });
    expect(data.invoiceLines()).toEqual([expect.objectContaining({ invoiceId: invoice.id, productId: p.id, netAmount: 20000 })]);
    expect(data.payments()).toEqual([expect.objectContaining({ direction: 'incoming', date: '2026-11-26', amount: 10000, method: 'bankTransfer', customerId: buyer.id })]);
    expect(data.allocations()).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: 10000, skonto: 0, writeOff: 0, paymentDate: '2026-11-26' })]);
    expect(data.products()).toEqual([expect.objectContaining({ id: p.id, sku: 'DATA-1' })]);
    expect(data.customers().map((c) => c.name)).toContain('Müller & Söhne GmbH');
  });
});

describe('report data kept up to date', () => {
  it('follows writes after its first read, and a rolled-back write read inside a write never stays', async () => {
    const buyer = await customer(t.bookkeeper);
    const p = await product(t.bookkeeper, { sku: 'LIVE-1', netPrice: '10', vatRate: '19' });
    const { books } = app.services;
    // The first read happens inside a write that then rolls back: the rows hold only what was committed.
    await expect(
      inTransaction(books.filename, async () => {
        await books.db.facts.insert({
          id: '01KREPORTLIVEROLLEDBACK000',
          kind: 'payment',
          subjectId: buyer.id,
          occurredAt: '2026-11-27T09:00:00.000Z',
          deviceId: books.deviceId,
          seq: 0,
          payment: { direction: 'incoming', date: '2026-11-27', amount: 500, currency: 'EUR', method: 'cash', source: 'manual', customerId: buyer.id },
        });
        expect(reportData(books).payments()).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const data = reportData(books);
    expect(data.invoices()).toEqual([]);
    const invoice = await issued(t, { customerId: buyer.id, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] });
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '11.90', customerId: buyer.id, allocations: [{ invoiceId: invoice.id, amount: '11.90' }] }));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(data.invoices().map((i) => [i.number, i.amountDue])).toEqual([[invoice.number, 1190]]);
    expect(data.payments().map((x) => x.amount)).toEqual([1190]);
    expect(data.allocations().map((a) => [a.invoiceId, a.amount, a.paymentDate])).toEqual([[invoice.id, 1190, '2026-11-27']]);
  });
});
