/**
 * A cash receipt that settled an invoice stays one with its payment: Payments does not take its
 * allocation back alone; the cash book's reversal takes back the entry and the allocation in one
 * write, so a mistyped receipt is corrected and the invoice is open again. Such an entry carries
 * no VAT of its own (the invoice carries it).
 */
import { addMinutes, format } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CashBookView, InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { reversalFact } from '../payments/allocation-facts.js';

let app: TestApp;
let t: Team;
let book: CashBookView;
let invoice: InvoiceView;

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper)).id;
  const p = await product(t.bookkeeper, { sku: 'KASSE-2', netPrice: '100', vatRate: '19' });
  invoice = await issued(t, { customerId, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] }); // 119.00
  book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '0' }));
});
afterEach(async () => app.stop());

const settle = (vatRate: 0 | 7 | 19 = 19) =>
  unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:30', type: 'income', amount: '119.00', vatRate, category: 'Erlöse', text: `Barzahlung ${invoice.number}`, invoiceId: invoice.id }));
const state = async () => (await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: invoice.id }))).item;

describe('a cash receipt that settled an invoice', () => {
  it('is not taken apart in Payments: its allocation is reversed in the cash book only', async () => {
    const entry = await settle();
    const payment = await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }));
    const result = await t.bookkeeper.invoke('payments.reverseAllocation', { id: payment.allocations[0]!.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'id', problem: 'validation.cashPaymentReverseInCashbook' }] } } });
    expect(await state()).toMatchObject({ state: 'paid', open: 0 });
  });

  it('a bank payment allocation is still reversed in Payments', async () => {
    const payment = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '119.00', allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
    await unwrap(t.bookkeeper.invoke('payments.reverseAllocation', { id: payment.allocations[0]!.id }));
    expect(await state()).toMatchObject({ state: 'open', open: 11900 });
  });

  it('reversing the entry takes back its allocation in the same write: the invoice is open again', async () => {
    const entry = await settle();
    const reversal = await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Falscher Betrag' }));
    expect(reversal).toMatchObject({ reversesId: entry.id, amount: -11900, vat: 0, balance: 0 });
    expect(await state()).toMatchObject({ state: 'open', open: 11900, paid: 0 });
    const payment = await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }));
    expect(payment.allocations).toMatchObject([{ reversed: true }]);
    // The receipt typed again settles the invoice once.
    await settle();
    expect(await state()).toMatchObject({ state: 'paid', open: 0, paid: 11900 });
    expect(await t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Nochmal' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'entryId', problem: 'validation.cashReversedAlready' }] } } });
  });

  it('reversing the entry reverses its payment too: no credit is left, the payment shows as reversed, the statement nets it out', async () => {
    const entry = await settle();
    const customerId = invoice.customerId;
    await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Karte statt bar' }));
    expect(await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).toMatchObject({ credit: 0, balance: 11900 });
    const payments = (await unwrap(t.bookkeeper.invoke('payments.list', { customerId }))).items;
    const reversal = payments.find((p) => p.purpose === 'reversal')!;
    expect(reversal).toMatchObject({ direction: 'outgoing', method: 'cash', amount: 11900, date: '2026-11-27', customerId, reverses: { paymentId: entry.paymentId } });
    expect(await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }))).toMatchObject({ reversedBy: { paymentId: reversal.id, date: '2026-11-27' }, allocations: [{ reversed: true }] });
    const open = await unwrap(t.bookkeeper.invoke('reports.openItems', {}));
    expect(open.check).toMatchObject({ credit: 0, receivables: 11900, balance: 11900, agrees: true });
    const statement = await unwrap(t.bookkeeper.invoke('reports.statement', { customerId, from: '2026-11-01', to: '2026-11-30' }));
    expect(statement.lines.map((l) => [l.kind, l.debit, l.credit])).toEqual([['invoice', 11900, 0], ['payment', 0, 11900], ['reversal', 11900, 0]]);
    expect(statement.closing).toBe(11900);
    // Reversed once: the receipt typed again is a payment of its own, the first stays reversed.
    await settle();
    expect(await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).toMatchObject({ credit: 0, balance: 0 });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', { customerId }))).items.filter((p) => p.purpose === 'reversal')).toHaveLength(1);
  });

  it('a refused reversal takes nothing back', async () => {
    const entry = await settle();
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:45', type: 'expense', amount: '100.00', vatRate: 19, category: 'Ware', text: 'Einkauf' }));
    const result = await t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Irrtum' });
    expect(result).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'entryId', problem: 'validation.cashNegativeBalance' }] } } });
    expect(await state()).toMatchObject({ state: 'paid', open: 0 });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).items.map((p) => p.purpose)).toEqual(['customerPayment']);
  });

  it('an allocation reversed already (an older version) leaves just the entry to reverse', async () => {
    const entry = await settle();
    const payment = await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }));
    const facts = app.services.books.db.facts;
    const allocation = (await facts.findOne(payment.allocations[0]!.id).exec())!.toMutableJSON();
    await facts.insert(reversalFact({ deviceId: app.services.books.deviceId, userId: t.ids.bookkeeper!, occurredAt: '2026-11-27T08:50:00.000Z' }, allocation));
    await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Irrtum' }));
    expect(await state()).toMatchObject({ state: 'open', open: 11900, paid: 0 });
    const after = await unwrap(t.bookkeeper.invoke('payments.get', { id: entry.paymentId }));
    expect(after.allocations.filter((a) => !a.reversed)).toEqual([]);
  });

  it('carries no VAT of its own, whatever rate is sent: neither in the day nor in the VAT by rate', async () => {
    const entry = await settle(19);
    expect(entry).toMatchObject({ vatRate: 0, vat: 0, net: 11900 });
    await settle(0).catch(() => undefined); // the invoice is paid: refused, nothing changes
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:40', type: 'income', amount: '10.70', vatRate: 7, category: 'Erlöse', text: 'Barverkauf' }));
    const month = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-11' }));
    expect(month.totals.vat).toEqual([{ rate: 7, direction: 'income', gross: 1070, net: 1000, vat: 70 }]);
    await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Irrtum' }));
    const after = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-11' }));
    expect(after.totals.vat).toEqual([{ rate: 7, direction: 'income', gross: 1070, net: 1000, vat: 70 }]);
  });
});

describe('refusals of the cash book', () => {
  it('an unknown entry or a cash book id is a validation problem of entryId', async () => {
    for (const entryId of ['nope', book.id]) {
      expect(await t.bookkeeper.invoke('cashbook.reverse', { entryId, reason: 'Irrtum' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'entryId', problem: 'validation.cashUnknownEntry' }] } } });
    }
  });

  it('an entry later today than the clock is refused; one up to now is taken (local wall time of the device)', async () => {
    const now = new Date('2026-11-27T09:00:00.000Z');
    const [today, time] = [format(now, 'yyyy-MM-dd'), format(now, 'HH:mm')];
    const at = (date: string, hhmm: string) => t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date, time: hhmm, type: 'privateDeposit', amount: '5.00', category: 'Privat', text: 'Einlage' });
    expect(await at(today, '23:59')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'time', problem: 'validation.cashFutureTime' }] } } });
    expect(await at(today, format(addMinutes(now, 1), 'HH:mm'))).toMatchObject({ ok: false });
    expect(await at(today, time)).toMatchObject({ ok: true });
  });
});
