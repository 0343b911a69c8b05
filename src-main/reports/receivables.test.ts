/**
 * The receivables reports on books built through the real handlers, over three months: invoices
 * of two customers, Skonto, a credit note, a write-off, an allocation reversed, a reminder. Every
 * figure is worked out by hand below; open items as of a past date ignore what came later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let now: Date;
const at = (day: string) => (now = new Date(`${day}T09:00:00.000Z`));
const doc: Record<string, InvoiceView> = {};
const ids: Record<string, string> = {};

let products = 0;
async function invoiceOf(customerId: string, net: string): Promise<InvoiceView> {
  const p = await product(t.bookkeeper, { sku: `REP-${++products}`, netPrice: net, vatRate: '19' });
  return issued(t, { customerId, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] });
}

/*
 * Schmidt (A): 2 % Skonto in 10 days, 14 days to pay. Müller (B): no Skonto, 14 days.
 * 01.09. A1 119.00, B1 238.00 (due 15.09.)   05.09. A pays A1 116.62 + 2.38 Skonto
 * 01.10. A2 59.50, B2 357.00 (due 15.10.)    10.10. credit note on half of B2: 178.50
 * 20.10. B pays B1 237.00 + 1.00 written off  02.11. A pays A2 59.50; 10.11. that allocation is reversed
 * 20.11. A3 1,190.00 (due 04.12.)            25.11. B pays 100.00 on B2       27.11. reminder for A2
 */
beforeAll(async () => {
  at('2026-09-01');
  app = await startTestApp(() => now);
  t = await team(app);
  ids.a = (await customer(t.bookkeeper, { name: 'Bäckerei Schmidt GmbH', skontoPercent: '2', skontoDays: 10 })).id;
  ids.b = (await customer(t.bookkeeper, { name: 'Café Müller KG', invoiceEmails: ['kasse@mueller.example'] })).id;
  doc.a1 = await invoiceOf(ids.a, '100');
  doc.b1 = await invoiceOf(ids.b, '200');
  at('2026-09-05');
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-09-05', amount: '116.62', allocations: [{ invoiceId: doc.a1.id, amount: '116.62', skonto: '2.38' }] }));
  at('2026-10-01');
  doc.a2 = await invoiceOf(ids.a, '50');
  doc.b2 = await invoiceOf(ids.b, '300');
  at('2026-10-10');
  const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: doc.b2.id, reason: 'Hälfte nicht geliefert', lines: [{ lineId: doc.b2.lines[0]!.id, quantity: '0.5' }] }));
  doc.note = await approveAndIssue(t, note.id);
  at('2026-10-20');
  await unwrap(t.supervisor.invoke('payments.record', { date: '2026-10-20', amount: '237.00', allocations: [{ invoiceId: doc.b1.id, amount: '237.00', writeOff: '1.00' }] }));
  at('2026-11-02');
  const paid = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-02', amount: '59.50', allocations: [{ invoiceId: doc.a2.id, amount: '59.50' }] }));
  at('2026-11-10');
  await unwrap(t.bookkeeper.invoke('payments.reverseAllocation', { id: paid.allocations[0]!.id }));
  at('2026-11-20');
  doc.a3 = await invoiceOf(ids.a, '1000');
  at('2026-11-25');
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-25', amount: '100.00', allocations: [{ invoiceId: doc.b2.id, amount: '100.00' }] }));
  at('2026-11-27');
  await unwrap(t.bookkeeper.invoke('reminders.run', { invoiceIds: [doc.a2.id] }));
  await app.services.jobs.idle();
}, 120_000);
afterAll(async () => app.stop());

const openItems = (input: Record<string, unknown>) => unwrap(t.bookkeeper.invoke('reports.openItems', input));
const items = (r: Awaited<ReturnType<typeof openItems>>) => r.customers.flatMap((c) => c.items.map((i) => [i.number, i.open, i.bucket]));

describe('the books as built', () => {
  it('are dated as the comment above says', () => {
    expect([doc.a1, doc.b1, doc.a2, doc.b2, doc.a3].map((d) => [d!.issueDate, d!.dueDate])).toEqual([
      ['2026-09-01', '2026-09-15'],
      ['2026-09-01', '2026-09-15'],
      ['2026-10-01', '2026-10-15'],
      ['2026-10-01', '2026-10-15'],
      ['2026-11-20', '2026-12-04'],
    ]);
    expect(doc.note!.issueDate).toBe('2026-10-10');
  });
});

describe('open items (OPOS)', () => {
  it('today: A2 (allocation reversed), A3 not due, B2 after credit note and part payment; the check line agrees', async () => {
    const r = await openItems({});
    expect(r.asOf).toBe('2026-11-27');
    expect(items(r)).toEqual([
      [doc.a2!.number, 5950, 'd31_60'],
      [doc.a3!.number, 119000, 'notDue'],
      [doc.b2!.number, 7850, 'd31_60'],
    ]);
    expect(r.customers.map((c) => [c.customerName, c.open, c.aging])).toEqual([
      ['Bäckerei Schmidt GmbH', 124950, [119000, 0, 5950, 0, 0, 0]],
      ['Café Müller KG', 7850, [0, 0, 7850, 0, 0, 0]],
    ]);
    expect(r.buckets.map((b) => [b.key, b.amount])).toEqual([['notDue', 119000], ['d1_30', 0], ['d31_60', 13800], ['d61_90', 0], ['over90', 0], ['credit', 0]]);
    expect(r.total).toBe(132800);
    // Schmidt's 59.50 of 2 November is theirs as credit since its allocation was reversed: items 1,328.00 − 59.50 credit is
    // what the statements close at (Schmidt 1,190.00, Müller 78.50), worked out from the accounts apart from the items.
    // 119 + 238 + 59.50 + 357 + 1,190 invoiced; 178.50 credited; 119 + 238 + 100 settled (A2's reversed).
    expect(r.check).toEqual({ itemsTotal: 132800, credit: 5950, receivables: 126850, balance: 126850, invoiced: 196350, credited: 17850, settled: 45700, agrees: true });
    expect(r.table.rows.filter((row) => row.kind === 'check').map((row) => [row.customer, row.open])).toEqual([
      ['Prüfsumme: Summe der offenen Posten', 132800],
      ['Guthaben / nicht zugeordnete Zahlungen', -5950],
      ['Offene Posten − Guthaben = Forderungssaldo', 126850],
      ['Prüfsumme: Forderungssaldo lt. Kontoauszug', 126850],
      ['Die offenen Posten stimmen mit dem Forderungssaldo überein', 0],
    ]);
    const schmidt = await unwrap(t.bookkeeper.invoke('reports.statement', { customerId: ids.a!, from: '2026-09-01', to: '2026-11-27' }));
    expect((await openItems({ customerId: ids.a })).check).toMatchObject({ itemsTotal: 124950, credit: 5950, receivables: schmidt.closing, balance: schmidt.closing, agrees: true });
    expect(r.table.totals).toMatchObject({ open: 132800, notDue: 119000, d31_60: 13800 });
    expect(r.table.rows.filter((row) => row.kind === 'subtotal').map((row) => row.open)).toEqual([124950, 7850]);
  });

  it('as of 5 November: A3 not yet issued, A2 still paid (reversed on the 10th), B2 without the payment of the 25th', async () => {
    const r = await openItems({ asOf: '2026-11-05' });
    expect(items(r)).toEqual([[doc.b2!.number, 17850, 'd1_30']]);
    expect(r.customers[0]!.items[0]).toMatchObject({ daysOverdue: 21, amountDue: 17850, paid: 0 });
    expect(r.check).toEqual({ itemsTotal: 17850, credit: 0, receivables: 17850, invoiced: 77350, credited: 17850, settled: 41650, balance: 17850, agrees: true });
  });

  it('as of 5 October: neither the credit note of the 10th nor the payment of the 20th counts', async () => {
    const r = await openItems({ asOf: '2026-10-05' });
    expect(items(r)).toEqual([
      [doc.a2!.number, 5950, 'notDue'],
      [doc.b1!.number, 23800, 'd1_30'],
      [doc.b2!.number, 35700, 'notDue'],
    ]);
    expect(r.check).toMatchObject({ itemsTotal: 65450, credit: 0, balance: 65450, agrees: true });
  });

  it('as of 12 November: the reversal of the 10th opens A2 again', async () => {
    const r = await openItems({ asOf: '2026-11-12', customerId: ids.a });
    expect(items(r)).toEqual([[doc.a2!.number, 5950, 'd1_30']]);
  });

  it('ages by the buckets asked for', async () => {
    const r = await openItems({ buckets: [14, 45] });
    expect(r.buckets.map((b) => [b.key, b.label, b.amount])).toEqual([
      ['notDue', 'nicht fällig', 119000],
      ['d1_14', '1–14', 0],
      ['d15_45', '15–45', 13800],
      ['over45', '> 45', 0],
      ['credit', 'Gutschrift / Überzahlung', 0],
    ]);
    expect(r.table.columns.slice(-5).map((c) => c.label)).toEqual(['reports.aging.notDue', '1–14', '15–45', '> 45', 'reports.aging.credit']);
  });

  it('refuses a customer filter naming no customer, as the statement does', async () => {
    const unknown = { ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] } } };
    expect(await t.bookkeeper.invoke('reports.openItems', { customerId: 'nobody' })).toMatchObject(unknown);
    expect(await t.bookkeeper.invoke('reports.overdue', { customerId: 'nobody' })).toMatchObject(unknown);
    expect(await t.bookkeeper.invoke('reports.payments', { from: '2026-09-01', to: '2026-11-30', customerId: 'nobody' })).toMatchObject(unknown);
  });

  it('refuses buckets out of order, naming the field', async () => {
    expect(await t.bookkeeper.invoke('reports.openItems', { buckets: [60, 30] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'buckets', problem: 'validation.ascending' }] } },
    });
  });
});

describe('account statement', () => {
  it('Müller: invoices, credit note, payment with its write-off and a part payment, with the running balance', async () => {
    const s = await unwrap(t.bookkeeper.invoke('reports.statement', { customerId: ids.b!, from: '2026-09-01', to: '2026-11-30' }));
    expect(s.opening).toBe(0);
    expect(s.lines.map((l) => [l.date, l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['2026-09-01', 'invoice', 23800, 0, 23800],
      ['2026-10-01', 'invoice', 35700, 0, 59500],
      ['2026-10-10', 'creditNote', 0, 17850, 41650],
      ['2026-10-20', 'payment', 0, 23700, 17950],
      ['2026-10-20', 'writeOff', 0, 100, 17850],
      ['2026-11-25', 'payment', 0, 10000, 7850],
    ]);
    expect(s.lines[2]).toMatchObject({ number: doc.note!.number, reference: doc.b2!.number });
    expect(s.lines[3]).toMatchObject({ reference: doc.b1!.number });
    expect(s).toMatchObject({ debitTotal: 59500, creditTotal: 51650, closing: 7850 });
    expect(s.table.rows[0]).toMatchObject({ kind: 'Anfangssaldo', balance: 0 });
    expect(s.table.totals).toMatchObject({ kind: 'Endsaldo', balance: 7850 });
  });

  it('Schmidt from October: September (invoice, payment and Skonto) in the opening balance; the reversed payment stays as credit', async () => {
    const s = await unwrap(t.bookkeeper.invoke('reports.statement', { customerId: ids.a!, from: '2026-10-01', to: '2026-11-30' }));
    expect(s.opening).toBe(0);
    expect(s.lines.map((l) => [l.date, l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['2026-10-01', 'invoice', 5950, 0, 5950],
      ['2026-11-02', 'payment', 0, 5950, 0],
      ['2026-11-20', 'invoice', 119000, 0, 119000],
    ]);
    const september = await unwrap(t.bookkeeper.invoke('reports.statement', { customerId: ids.a!, from: '2026-09-01', to: '2026-09-30' }));
    expect(september.lines.map((l) => [l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['invoice', 11900, 0, 11900],
      ['payment', 0, 11662, 238],
      ['skonto', 0, 238, 0],
    ]);
    // The closing balance is what is open less the customer's credit: 1,249.50 − 59.50.
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId: ids.a! }))).balance).toBe(s.closing);
  });

  it('an unknown customer is refused at its field', async () => {
    expect(await t.bookkeeper.invoke('reports.statement', { customerId: 'nobody', from: '2026-09-01', to: '2026-11-30' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] } },
    });
  });
});

describe('payment history', () => {
  it('payments with the invoices they settled, days-to-pay weighted by amount, DSO by the stated formula', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.payments', { from: '2026-09-01', to: '2026-11-30' }));
    expect(r.payments.map((p) => [p.date, p.customerName, p.amount, p.invoices.map((i) => [i.number, i.amount, i.skonto, i.writeOff])])).toEqual([
      ['2026-09-05', 'Bäckerei Schmidt GmbH', 11662, [[doc.a1!.number, 11662, 238, 0]]],
      ['2026-10-20', 'Café Müller KG', 23700, [[doc.b1!.number, 23700, 0, 100]]],
      ['2026-11-02', 'Bäckerei Schmidt GmbH', 5950, []],
      ['2026-11-25', 'Café Müller KG', 10000, [[doc.b2!.number, 10000, 0, 0]]],
    ]);
    expect(r.total).toBe(51312);
    expect(r.byMethod).toEqual([{ key: 'bankTransfer', label: 'Überweisung', count: 4, amount: 51312 }]);
    // Schmidt: 116.62 after 4 days (10 days early). Müller: 237.00 after 49 days (35 late), 100.00 after 55 (41 late).
    // (23700 × 49 + 10000 × 55) / 33700 = 50.78; (23700 × 35 + 10000 × 41) / 33700 = 36.78.
    const byName = Object.fromEntries(r.byCustomer.map((c) => [c.customerName, c]));
    expect(byName['Bäckerei Schmidt GmbH']).toMatchObject({ count: 2, amount: 17612, daysToPay: 4, daysLate: -10 });
    expect(byName['Café Müller KG']).toMatchObject({ count: 2, amount: 33700, daysToPay: 50.8, daysLate: 36.8 });
    // Gross revenue (Soll) of the 91 days: 1,963.50 invoiced − 178.50 credited − 2.38 Skonto − 1.00 written off.
    // Receivables at the end: the balances the statements close at, net of Schmidt's 59.50 credit (1,190.00 + 78.50).
    expect(r).toMatchObject({ days: 91, receivablesAtEnd: 126850, revenue: 178162, dsoFormula: 'reports.formula.dso' });
    expect(r.dso).toBe(64.8); // 126,850 / 178,162 × 91
    expect(byName['Bäckerei Schmidt GmbH']!.dso).toBe(79.3); // 119,000 / (119 + 59.50 + 1,190 − 2.38) × 91
    expect(byName['Café Müller KG']!.dso).toBe(17.2); // 7,850 / (238 + 357 − 178.50 − 1.00) × 91
  });
});

describe('overdue list, forecast, dashboard', () => {
  it('overdue invoices with days overdue, open amount and the last letter', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.overdue', {}));
    expect(r.items.map((i) => [i.number, i.daysOverdue, i.open, i.level, i.levelLabel, i.lastLetter?.date ?? null])).toEqual([
      [doc.a2!.number, 43, 5950, 0, 'Zahlungserinnerung', '2026-11-27'],
      [doc.b2!.number, 43, 7850, null, '', null],
    ]);
    expect(r.total).toBe(13800);
    // As of the 26th the letter of the 27th was not written yet.
    const before = await unwrap(t.bookkeeper.invoke('reports.overdue', { asOf: '2026-11-26', customerId: ids.a! }));
    expect(before.items.map((i) => [i.number, i.daysOverdue, i.lastLetter])).toEqual([[doc.a2!.number, 42, null]]);
  });

  it('expected receipts by ISO week from the due dates, overdue ones in the first week; shifted by lateness', async () => {
    const plain = await unwrap(t.bookkeeper.invoke('reports.forecast', { weeks: 3 }));
    expect(plain.weeks.map((w) => [w.week, w.start, w.amount])).toEqual([
      ['2026-W48', '2026-11-23', 13800],
      ['2026-W49', '2026-11-30', 119000],
      ['2026-W50', '2026-12-07', 0],
    ]);
    // Schmidt pays 10 days early: A3 (due 04.12.) expected on 24.11., in the first week.
    const shifted = await unwrap(t.bookkeeper.invoke('reports.forecast', { weeks: 3, shiftByLateness: true }));
    expect(shifted.weeks.map((w) => w.amount)).toEqual([132800, 0, 0]);
  });

  it('the dashboard shows the reports’ figures', async () => {
    const d = await unwrap(t.bookkeeper.invoke('reports.dashboard', {}));
    const opos = await openItems({});
    const overdue = await unwrap(t.bookkeeper.invoke('reports.overdue', {}));
    const month = await unwrap(t.bookkeeper.invoke('reports.payments', { from: '2026-11-01', to: '2026-11-27' }));
    expect(d.open).toMatchObject({ amount: opos.total, count: 3 });
    expect(d.credit).toBe(opos.check.credit);
    expect(d.overdue).toMatchObject({ amount: overdue.total, count: 2, link: { screen: 'reports', filter: { report: 'overdue' } } });
    expect(d.dueThisWeek).toMatchObject({ amount: 0, count: 0 });
    expect(d.receivedThisMonth).toMatchObject({ amount: month.total, count: 2 });
    expect(month.total).toBe(15950);
    expect(d.topOverdue.map((c) => [c.customerName, c.overdue])).toEqual([['Café Müller KG', 7850], ['Bäckerei Schmidt GmbH', 5950]]);
    expect(d.revenueTrend).toHaveLength(12);
    // Gross by month (Soll): September 357.00 − 2.38 Skonto, October 416.50 − 178.50 − 1.00, November 1,190.00.
    expect(d.revenueTrend.slice(-3).map((m) => [m.month, m.gross])).toEqual([
      ['2026-09', 35462],
      ['2026-10', 23700],
      ['2026-11', 119000],
    ]);
    expect(d.approvalQueue).toEqual({ count: 0, link: { screen: 'approval', filter: {} } });
    expect(d.failedMails.count).toBe(0);
  });
});
