/**
 * A cash income that settles an invoice: one write books the cash entry, a cash payment and its
 * allocation, so the invoice is paid; a refused allocation or a refused entry writes neither.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CashBookView, InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let book: CashBookView;
let invoice: InvoiceView;

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper)).id;
  const p = await product(t.bookkeeper, { sku: 'KASSE-1', netPrice: '100', vatRate: '19' });
  invoice = await issued(t, { customerId, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] }); // 119.00
  book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '0' }));
});
afterEach(async () => app.stop());

const settle = (amount: string, date = '2026-11-27') =>
  t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date, time: '08:30', type: 'income', amount, vatRate: 19, category: 'Erlöse', text: `Barzahlung ${invoice.number}`, invoiceId: invoice.id });
const state = () => unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: invoice.id }));

describe('a cash income that settles an invoice', () => {
  it('records a cash payment allocated to the invoice, which is then paid', async () => {
    const entry = await unwrap(settle('119.00'));
    expect(entry).toMatchObject({ voucher: 2, amount: 11900, vatRate: 0, vat: 0, invoiceId: invoice.id, invoiceNumber: invoice.number, balance: 11900 });
    const paid = await state();
    expect(paid.item).toMatchObject({ state: 'paid', paid: 11900, open: 0 });
    expect(paid.payments).toHaveLength(1);
    const payment = await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }));
    expect(payment).toMatchObject({ method: 'cash', amount: 11900, date: '2026-11-27', allocations: [{ invoiceId: invoice.id, amount: 11900 }] });
  });

  it('a partial cash payment leaves the rest open', async () => {
    await unwrap(settle('19.00'));
    expect((await state()).item).toMatchObject({ state: 'partlyPaid', paid: 1900, open: 10000 });
  });

  it('a refused allocation writes neither the payment nor the entry', async () => {
    const result = await settle('200.00');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'invoiceId', problem: 'validation.exceedsOpen' })] } } });
    expect((await state()).payments).toEqual([]);
    expect(await unwrap(t.bookkeeper.invoke('cashbook.day', { cashBookId: book.id, date: '2026-11-27' }))).toMatchObject({ entries: [] });
  });

  it('an entry refused by the cash book takes the payment back with it', async () => {
    await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-26', counted: '0' }));
    const result = await settle('119.00', '2026-11-26');
    expect(result).toMatchObject({ ok: false, error: { details: { fields: [expect.objectContaining({ field: 'date', problem: 'validation.cashDayClosed' })] } } });
    expect((await state()).item).toMatchObject({ state: 'open', open: 11900 });
    expect((await state()).payments).toEqual([]);
    expect(await unwrap(t.bookkeeper.invoke('cashbook.list', {}))).toMatchObject([{ nextVoucher: 2, balance: 0 }]);
  });

  it('only an income settles an invoice', async () => {
    const expense = await t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:30', type: 'privateDeposit', amount: '1.00', category: 'Privat', text: 'Einlage', invoiceId: invoice.id });
    expect(expense).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'invoiceId', problem: 'validation.cashInvoiceIncomeOnly' }] } } });
  });
});
