/**
 * Payments through the contract: allocation rules (partial, several invoices, overpayment as
 * credit, Skonto within and after its term, write-off by role), open items with aging, the
 * reversal of an allocation, the "payment received" mail and the receipt PDF read back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued, linesOf, pdfPages } from '../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
let customerId: string;
/** The books' clock, moved by a test. */
let now: Date;

beforeEach(async () => {
  now = new Date('2026-11-27T09:00:00.000Z');
  app = await startTestApp(() => now);
  t = await team(app);
  customerId = (await customer(t.bookkeeper, { invoiceEmails: ['buchhaltung@kunde.example'], skontoPercent: '2', skontoDays: 10 })).id;
});
afterEach(async () => app.stop());

/** An invoice of `euros` gross (19 % VAT on a net price that gives exactly that). */
let products = 0;
async function invoiceOf(net: string): Promise<InvoiceView> {
  const p = await product(t.bookkeeper, { sku: `PAY-${++products}`, netPrice: net, vatRate: '19' });
  return issued(t, { customerId, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] });
}

const open = async () => unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }));

describe('payments and allocations', () => {
  it('a partial payment leaves the rest open; a second one settles the invoice', async () => {
    const invoice = await invoiceOf('100'); // 119.00 €
    const first = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '50.00', customerId, allocations: [{ invoiceId: invoice.id, amount: '50.00' }] }));
    expect(first).toMatchObject({ amount: 5000, unallocated: 0, allocations: [{ invoiceNumber: invoice.number, amount: 5000 }] });
    expect((await open()).items[0]).toMatchObject({ number: invoice.number, paid: 5000, open: 6900, state: 'partlyPaid' });
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '69.00', allocations: [{ invoiceId: invoice.id, amount: '69.00' }] }));
    expect((await open()).items).toEqual([]);
    const state = await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: invoice.id }));
    expect(state.item).toMatchObject({ state: 'paid', paid: 11900, open: 0, lastPaymentDate: '2026-11-27' });
    expect(state.payments.map((p) => p.amount)).toEqual([5000, 6900]);
  });

  it('one payment for several invoices, the rest a credit of the customer', async () => {
    const a = await invoiceOf('100'); // 119.00
    const b = await invoiceOf('50'); // 59.50
    const payment = await unwrap(
      t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '200.00', allocations: [{ invoiceId: a.id, amount: '119.00' }, { invoiceId: b.id, amount: '59.50' }] }),
    );
    expect(payment).toMatchObject({ customerId, unallocated: 2150 });
    expect(await open()).toMatchObject({ items: [], credit: 2150, balance: -2150 });
  });

  it('Skonto within its term settles the invoice; after the term it is refused and nothing is written', async () => {
    const invoice = await invoiceOf('100'); // 119.00, 2 % Skonto = 2.38 within 10 days of 27.11.
    const late = await t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '116.61', allocations: [{ invoiceId: invoice.id, amount: '116.61', skonto: '2.39' }] });
    expect(late).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'allocations.0.skonto', problem: 'validation.skontoTooHigh' }] } } });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);

    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '116.62', allocations: [{ invoiceId: invoice.id, amount: '116.62', skonto: '2.38' }] }));
    expect((await open()).items).toEqual([]);

    // Skonto counts per invoice, not per payment: a second part cannot take it again.
    const split = await invoiceOf('100');
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '50.00', allocations: [{ invoiceId: split.id, amount: '50.00', skonto: '2.38' }] }));
    expect(await t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '60.00', allocations: [{ invoiceId: split.id, amount: '60.00', skonto: '1.00' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'allocations.0.skonto', problem: 'validation.skontoTooHigh' }] } },
    });

    // Paid on the 18th of December: the 10 days from the 27th of November are over.
    const second = await invoiceOf('100');
    now = new Date('2026-12-20T09:00:00Z');
    expect(await t.bookkeeper.invoke('payments.record', { date: '2026-12-18', amount: '116.62', allocations: [{ invoiceId: second.id, amount: '116.62', skonto: '2.38' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'allocations.0.skonto', problem: 'validation.skontoExpired' }] } },
    });
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-07', amount: '116.62', allocations: [{ invoiceId: second.id, amount: '116.62', skonto: '2.38' }] }));
  });

  it('refuses an allocation beyond the open amount, a future date, a bad amount, and a write-off by a bookkeeper', async () => {
    const invoice = await invoiceOf('100');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ date: '2026-12-28', amount: '119.00', allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }, 'date', 'validation.futureDate'],
      [{ date: '2026-11-27', amount: '200.00', allocations: [{ invoiceId: invoice.id, amount: '120.00' }] }, 'allocations.0.amount', 'validation.exceedsOpen'],
      [{ date: '2026-11-27', amount: '10.00', allocations: [{ invoiceId: invoice.id, amount: '20.00' }] }, 'allocations', 'validation.allocationsExceedPayment'],
      [{ date: '2026-11-27', amount: '118.00', allocations: [{ invoiceId: invoice.id, amount: '118.00', writeOff: '1.00' }] }, 'allocations.0.writeOff', 'validation.writeOffNotAllowed'],
      [{ date: '2026-11-27', amount: '0', allocations: [] }, 'amount', 'validation.positive'],
      [{ date: '2026-11-27', amount: '1.505', allocations: [] }, 'amount', 'validation.amount'],
    ];
    for (const [input, field, problem] of cases) {
      const result = await t.bookkeeper.invoke('payments.record', input as never);
      expect(result.ok ? null : result.error.details?.fields?.find((f) => f.field === field)?.problem, `${field} ${problem}`).toBe(problem);
    }
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);
    // A write-off settles the rest; it does not lower what is owed.
    expect(await t.supervisor.invoke('payments.record', { date: '2026-11-27', amount: '100.00', allocations: [{ invoiceId: invoice.id, amount: '100.00', writeOff: '1.00' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'allocations.0.writeOff', problem: 'validation.writeOffNotClosing' }] } },
    });
    // A supervisor may write off a small remainder.
    await unwrap(t.supervisor.invoke('payments.record', { date: '2026-11-27', amount: '118.00', allocations: [{ invoiceId: invoice.id, amount: '118.00', writeOff: '1.00' }] }));
    expect((await open()).items).toEqual([]);
  });

  it('a credit note lowers what is open on its invoice (half an hour of one charged)', async () => {
    const invoice = await invoiceOf('100'); // 119.00
    const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Preisnachlass', lines: [{ lineId: invoice.lines[0]!.id, quantity: '0.5' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: note.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: note.id }));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: note.id }));
    expect((await open()).items[0]).toMatchObject({ number: invoice.number, amountDue: 5950, open: 5950 });
    expect(await t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '119.00', allocations: [{ invoiceId: invoice.id, amount: '119.00' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'allocations.0.amount', problem: 'validation.exceedsOpen' }] } },
    });
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '59.50', allocations: [{ invoiceId: invoice.id, amount: '59.50' }] }));
    expect((await open()).items).toEqual([]);
  });

  it('a reversed allocation opens the invoice again and leaves the money as credit', async () => {
    const invoice = await invoiceOf('100');
    const payment = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-27', amount: '119.00', allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
    const back = await unwrap(t.bookkeeper.invoke('payments.reverseAllocation', { id: payment.allocations[0]!.id }));
    expect(back).toMatchObject({ unallocated: 11900, allocations: [{ reversed: true }] });
    expect(await open()).toMatchObject({ items: [{ open: 11900, state: 'open' }], credit: 11900 });
    expect(await t.bookkeeper.invoke('payments.reverseAllocation', { id: payment.allocations[0]!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // Allocated again later from the same payment.
    await unwrap(t.bookkeeper.invoke('payments.allocate', { paymentId: payment.id, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
    expect(await open()).toMatchObject({ items: [], credit: 0 });
  });

  it('ages open items by days past due', async () => {
    const invoice = await invoiceOf('100');
    const asOf = (days: number) => new Date(Date.parse(`${invoice.dueDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const at = async (days: number) => (await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId, asOf: asOf(days) }))).aging;
    expect(await at(0)).toMatchObject({ notDue: 11900 });
    expect(await at(30)).toMatchObject({ d0_30: 11900 });
    expect(await at(31)).toMatchObject({ d31_60: 11900 });
    expect(await at(90)).toMatchObject({ d61_90: 11900 });
    expect(await at(91)).toMatchObject({ over90: 11900 });
    const item = (await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId, asOf: asOf(45) }))).items[0]!;
    expect(item).toMatchObject({ overdue: true, daysOverdue: 45 });
  });

  it('a cashier records payments; an account manager may not', async () => {
    const cashier = app.client();
    await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
    const manager = await unwrap(t.admin.invoke('users.create', { name: 'Karl Kundenbetreuer', email: 'karl@example.org', role: 'accountManager', password: PASSWORD }));
    const accountManager = app.client();
    await unwrap(accountManager.invoke('auth.login', { userId: manager.id, password: PASSWORD }));
    const invoice = await invoiceOf('10');
    expect((await cashier.invoke('payments.record', { date: '2026-11-27', amount: '11.90', allocations: [{ invoiceId: invoice.id, amount: '11.90' }] })).ok).toBe(true);
    expect(await accountManager.invoke('payments.record', { date: '2026-11-27', amount: '1.00' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('payment confirmation', () => {
  it('queues the "payment received" mail and prints a receipt that reads back', async () => {
    const invoice = await invoiceOf('100');
    const payment = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-26', amount: '150.00', method: 'bankTransfer', reference: invoice.number, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
    const messages = (await unwrap(t.bookkeeper.invoke('mail.outbox', {}))).items.filter((m) => m.event === 'paymentReceived');
    expect(messages).toMatchObject([{ to: ['buchhaltung@kunde.example'], subject: 'Zahlungseingang 150,00 € – vielen Dank' }]);
    const mail = await unwrap(t.bookkeeper.invoke('mail.message', { id: messages[0]!.id }));
    expect(mail.text).toContain(`wir haben Ihre Zahlung über 150,00 € am 26.11.2026 erhalten und mit der Rechnung ${invoice.number} verrechnet.`);

    const receipt = await unwrap(t.bookkeeper.invoke('payments.receipt', { id: payment.id }));
    const lines = linesOf(pdfPages(Buffer.from(receipt.dataBase64, 'base64'))[0]!);
    expect(lines).toContain('Zahlungsbestätigung');
    expect(lines.some((l) => l.includes('wir bestätigen den Eingang Ihrer Zahlung über 150,00 € am 26.11.2026 per Überweisung.'))).toBe(true);
    expect(lines).toContain(`${invoice.number} 27.11.2026 119,00 € 0,00 €`);
    expect(lines.some((l) => l.endsWith('Guthaben auf Ihrem Konto 31,00 €'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Erhaltener Betrag 150,00 €'))).toBe(true);
  });
});
