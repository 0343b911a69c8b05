/** The pure rules behind the receivables reports, on hand-made data. */
import { describe, expect, it } from 'vitest';
import { agingBucketOf, agingBy, agingOf, AGING_BOUNDS } from '../payments/index.js';
import { dashboardOf, trendPeriod } from './dashboard.js';
import { forecastOf, isoWeekOf, weekStartOf } from './forecast.js';
import { agingBuckets, openItemsReport } from './opos.js';
import { lastLetters } from './overdue.js';
import { dsoOf, WeightedDays } from './payment-history.js';
import { allocationsAsOf, creditsAsOf, receivablesAsOf, type AllocationRow, type InvoiceRow, type PaymentRow } from './receivables.js';
import { balancesAsOf, statementOf } from './statement.js';
import { wordsIn } from './table.js';

const words = wordsIn('en');
const item = (open: number, daysOverdue: number) => ({ open, overdue: daysOverdue > 0, daysOverdue });

describe('aging by configurable bounds', () => {
  it('puts an item in the first bucket whose bound it does not pass', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map((d) => agingBucketOf(item(1, d), AGING_BOUNDS))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect([0, 7, 8, 30].map((d) => agingBucketOf(item(1, d), [7]))).toEqual([0, 1, 2, 2]);
  });

  it('sums what is open by bucket; nothing open counts nowhere; the default aging is the same figures', () => {
    const items = [item(100, 0), item(200, 5), item(300, 45), item(-50, 100), item(400, 120)];
    expect(agingBy(items, [10, 100])).toEqual([100, 200, 300, 400]);
    expect(agingBy(items, AGING_BOUNDS)).toEqual([100, 200, 300, 0, 400]);
    expect(agingOf(items as never)).toEqual({ notDue: 100, d0_30: 200, d31_60: 300, d61_90: 0, over90: 400 });
  });

  it('names the buckets by their days', () => {
    expect(agingBuckets([30, 60], words).map((b) => [b.key, b.label, b.minDays, b.maxDays])).toEqual([
      ['notDue', 'not due', 0, 0],
      ['d1_30', '1–30', 1, 30],
      ['d31_60', '31–60', 31, 60],
      ['over60', '> 60', 61, null],
      ['credit', 'Credit / overpaid', 0, null],
    ]);
  });
});

const invoice = (id: string, issueDate: string, amountDue: number, extra: Partial<InvoiceRow> = {}): InvoiceRow => ({
  id, number: id.toUpperCase(), documentType: 'invoice', status: 'issued', customerId: 'c1', customerName: 'Kunde', currency: 'EUR', issueDate, dueDate: issueDate, correctsInvoiceId: '', amountDue, ...extra,
});
const allocation = (id: string, invoiceId: string, paymentDate: string, amount: number, extra: Partial<AllocationRow> = {}): AllocationRow => ({
  id, paymentId: `p-${id}`, invoiceId, amount, skonto: 0, writeOff: 0, paymentDate, occurredAt: `${paymentDate}T10:00:00.000Z`, ...extra,
});

describe('receivables as of a day', () => {
  const allocations = [
    allocation('a1', 'i1', '2026-03-01', 1000),
    // Reversed on 10 March, booked against a payment of 1 March.
    allocation('r1', 'i1', '2026-03-01', 1000, { reversesId: 'a1', occurredAt: '2026-03-10T08:00:00.000Z' }),
    allocation('a2', 'i2', '2026-04-01', 500, { skonto: 20 }),
  ];

  it('counts an allocation from its payment date and its reversal from the day it was booked', () => {
    expect(allocationsAsOf(allocations, '2026-02-28').map((a) => a.id)).toEqual([]);
    expect(allocationsAsOf(allocations, '2026-03-09').map((a) => a.id)).toEqual(['a1']);
    expect(allocationsAsOf(allocations, '2026-03-10').map((a) => a.id)).toEqual(['a1', 'r1']);
  });

  it('leaves out documents issued later, in other currencies and of other customers; credit notes count from their issue date', () => {
    const docs = [
      invoice('i1', '2026-02-01', 1000),
      invoice('i2', '2026-02-15', 520),
      invoice('n1', '2026-03-20', 100, { documentType: 'creditNote', correctsInvoiceId: 'i1' }),
      invoice('i3', '2026-05-01', 999),
      invoice('i4', '2026-02-01', 777, { currency: 'CHF' }),
      invoice('i5', '2026-02-01', 333, { customerId: 'c2' }),
    ];
    const at = (day: string) => receivablesAsOf(docs, allocations, day, 'EUR', 'c1');
    expect(at('2026-03-05').items.map((i) => [i.number, i.open])).toEqual([['I2', 520]]);
    expect(at('2026-03-15').items.map((i) => [i.number, i.open])).toEqual([['I1', 1000], ['I2', 520]]);
    expect(at('2026-04-01')).toMatchObject({ invoiced: 1520, credited: 100, settled: 520 });
    expect(at('2026-04-01').items.map((i) => [i.number, i.open])).toEqual([['I1', 900]]);
  });
});

describe('overdue: the last letter', () => {
  it('is the one of the highest level written by the day', () => {
    const reminders = [
      { invoiceId: 'i1', level: 0, runDate: '2026-03-01', number: 'M-1' },
      { invoiceId: 'i1', level: 1, runDate: '2026-03-15', number: 'M-2' },
      { invoiceId: 'i2', level: 0, runDate: '2026-03-20', number: 'M-3' },
    ];
    expect(Object.fromEntries(lastLetters(reminders, '2026-03-31'))).toEqual({ i1: { date: '2026-03-15', level: 1, number: 'M-2' }, i2: { date: '2026-03-20', level: 0, number: 'M-3' } });
    expect(Object.fromEntries(lastLetters(reminders, '2026-03-10'))).toEqual({ i1: { date: '2026-03-01', level: 0, number: 'M-1' } });
  });
});

describe('forecast weeks', () => {
  it('are ISO weeks from Monday; what falls after the last week is counted apart', () => {
    expect([weekStartOf('2027-01-01'), isoWeekOf('2027-01-01'), isoWeekOf('2026-12-28')]).toEqual(['2026-12-28', '2026-W53', '2026-W53']);
    const open = (dueDate: string, amount: number, customerId = 'c1') => ({ ...item(amount, 0), customerId, dueDate }) as never;
    const receivables = { asOf: '2026-12-02', items: [open('2026-11-01', 100), open('2026-12-09', 200), open('2026-12-20', 400, 'c2'), open('2027-03-01', 800)], invoiced: 0, credited: 0, settled: 0, currency: 'EUR' };
    const r = forecastOf(receivables, '2026-12-02', 2, null, words);
    expect(r.weeks.map((w) => [w.week, w.start, w.end, w.amount, w.count])).toEqual([
      ['2026-W49', '2026-11-30', '2026-12-06', 100, 1],
      ['2026-W50', '2026-12-07', '2026-12-13', 200, 1],
    ]);
    expect([r.total, r.later]).toEqual([300, 1200]);
    // c2 pays 6.6 days early on average: 20.12. less 7 days is the 13th, in the second week.
    const shifted = forecastOf(receivables, '2026-12-02', 2, new Map([['c2', -6.6]]), words);
    expect(shifted.weeks.map((w) => w.amount)).toEqual([100, 600]);
  });
});

describe('days and DSO', () => {
  it('averages days weighted by amount, one decimal', () => {
    const d = new WeightedDays();
    expect(d.value).toBeNull();
    d.add(10, 100);
    d.add(40, 300);
    expect(d.value).toBe(32.5);
  });

  it('DSO = receivables / gross revenue × days; none without revenue', () => {
    expect(dsoOf(50_000, 100_000, 90)).toBe(45);
    expect(dsoOf(50_000, 0, 90)).toBeNull();
    // More credit than owed: no negative days.
    expect(dsoOf(-42_000, 100_000, 90)).toBe(0);
  });

  it('the revenue trend runs over the twelve months up to this one', () => {
    expect(trendPeriod('2026-11-27')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(trendPeriod('2026-01-15')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
  });
});

const payment = (id: string, date: string, amount: number, extra: Partial<PaymentRow> = {}): PaymentRow => ({
  id, direction: 'incoming', purpose: 'customerPayment', date, amount, currency: 'EUR', method: 'bankTransfer', customerId: 'c1', occurredAt: `${date}T10:00:00.000Z`, ...extra,
});
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('the check line counts money not allocated to an invoice', () => {
  // 119.00 invoiced, 150.00 paid on 10 March, 119.00 of it allocated; 31.00 paid back on 20 March.
  const docs = [invoice('i1', '2026-03-01', 11900)];
  const payments = [payment('p1', '2026-03-10', 15000), payment('p2', '2026-03-20', 3100, { direction: 'outgoing', purpose: 'refund' }), payment('p3', '2026-03-10', 999, { customerId: '' })];
  const allocations = [allocation('a1', 'i1', '2026-03-10', 11900, { paymentId: 'p1' })];
  const check = (asOf: string) => {
    const account = { credit: sum(creditsAsOf(payments, allocations, asOf, 'EUR')), balance: sum(balancesAsOf({ docs, payments, allocations }, asOf, 'EUR')) };
    return openItemsReport(receivablesAsOf(docs, allocations, asOf, 'EUR'), AGING_BOUNDS, words, account);
  };

  it('the open items less the credit are the balance the statement closes at', () => {
    const r = check('2026-03-15');
    expect(r.total).toBe(0);
    expect(r.check).toMatchObject({ itemsTotal: 0, credit: 3100, receivables: -3100, balance: -3100, agrees: true });
    const statement = statementOf({ customer: { id: 'c1', number: 'K1', name: 'Kunde' }, docs, payments, allocations }, '2026-01-01', '2026-03-15', 'EUR', words);
    expect(statement.closing).toBe(r.check.balance);
    expect(r.table.rows.filter((row) => row.kind === 'check').map((row) => row.open)).toEqual([0, -3100, -3100, -3100, 0]);
    expect(check('2026-03-20').check).toMatchObject({ credit: 0, balance: 0, agrees: true });
    expect(check('2026-03-05').check).toMatchObject({ itemsTotal: 11900, credit: 0, balance: 11900, agrees: true });
  });

  it('a payment the items do not know of is told apart: the figures disagree', () => {
    const account = { credit: 0, balance: sum(balancesAsOf({ docs, payments, allocations }, '2026-03-15', 'EUR')) };
    expect(openItemsReport(receivablesAsOf(docs, allocations, '2026-03-15', 'EUR'), AGING_BOUNDS, words, account).check.agrees).toBe(false);
  });
});

describe('negative items (credit note larger than what was left)', () => {
  const docs = [
    invoice('i1', '2026-03-01', 10000),
    invoice('n1', '2026-03-05', 15000, { documentType: 'creditNote', correctsInvoiceId: 'i1' }),
    invoice('i2', '2026-03-01', 11900, { customerId: 'c2', customerName: 'Zweiter' }),
    invoice('n2', '2026-03-05', 11900, { documentType: 'creditNote', correctsInvoiceId: 'i2', customerId: 'c2', customerName: 'Zweiter' }),
    invoice('i3', '2026-03-01', 20000, { customerId: 'c3', customerName: 'Dritter', dueDate: '2026-03-31' }),
  ];
  const allocations = [allocation('a2', 'i2', '2026-03-03', 11900)];
  const receivables = receivablesAsOf(docs, allocations, '2026-03-10', 'EUR');

  it('go to their own bucket, so the buckets add up to the total', () => {
    const r = openItemsReport(receivables, AGING_BOUNDS, words, { credit: 0, balance: 0 });
    expect(r.customers.flatMap((c) => c.items.map((i) => [i.number, i.open, i.bucket]))).toEqual([['I3', 20000, 'notDue'], ['I1', -5000, 'credit'], ['I2', -11900, 'credit']]);
    expect(r.total).toBe(3100);
    expect(r.buckets.reduce((a, b) => a + b.amount, 0)).toBe(r.total);
    expect(r.buckets.find((b) => b.key === 'credit')!.amount).toBe(-16900);
    expect(r.customers.map((c) => c.aging.reduce((a, b) => a + b, 0))).toEqual(r.customers.map((c) => c.open));
    expect(r.table.rows.find((row) => row.number === 'I1')).toMatchObject({ open: -5000, credit: -5000, notDue: null });
    expect(r.table.totals).toMatchObject({ open: 3100, notDue: 20000, credit: -16900 });
  });

  it('the dashboard counts only what is owed as open; the credits show with the customers’ credit', () => {
    const d = dashboardOf({ today: '2026-03-10', receivables, credit: 700, receivedThisMonth: [], revenue: { rows: [], buckets: [] }, approvalQueue: 0, failedMails: 0 }, words);
    expect(d.open).toMatchObject({ amount: 20000, count: 1 });
    expect(d.credit).toBe(700 + 16900);
  });
});
