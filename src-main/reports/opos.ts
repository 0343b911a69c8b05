/**
 * Open items (Offene Posten) as of any day, by customer, with aging buckets and the check line
 * that proves the items, less the customers' credit, add up to the receivables balance of that
 * day worked out independently from the accounts (as the statement counts it).
 */
import type { AgingBucket, CustomerOpenItems, OpenItemsReport, OpenItemsReportItem, ReportRow } from '../../src-shared/contract/index.js';
import { agingBucketOf, agingBy } from '../payments/index.js';
import { byCustomer, type Receivables } from './receivables.js';
import { column, sumOf, type Words } from './table.js';

/** The bucket of items with a negative open amount: a credit note larger than what was left, an overpayment. */
export const CREDIT_BUCKET = 'credit';

/** Open amounts by bucket: the ledger's aging of what is owed, then the negative items in the credit bucket. */
export function agingWithCredit(items: readonly Pick<OpenItemsReportItem, 'open' | 'overdue' | 'daysOverdue'>[], bounds: readonly number[]): number[] {
  return [...agingBy(items, bounds), sumOf(items, (i) => Math.min(i.open, 0))];
}

/** The buckets for these upper day bounds: not due, then 1–b0, b0+1–b1, …, over the last, and the credits. */
export function agingBuckets(bounds: readonly number[], words: Words): Omit<AgingBucket, 'amount'>[] {
  const buckets: Omit<AgingBucket, 'amount'>[] = [{ key: 'notDue', label: words('reports.aging.notDue'), minDays: 0, maxDays: 0 }];
  let from = 1;
  for (const bound of bounds) {
    buckets.push({ key: `d${from}_${bound}`, label: `${from}–${bound}`, minDays: from, maxDays: bound });
    from = bound + 1;
  }
  buckets.push({ key: `over${from - 1}`, label: `> ${from - 1}`, minDays: from, maxDays: null });
  buckets.push({ key: CREDIT_BUCKET, label: words('reports.aging.credit'), minDays: 0, maxDays: null });
  return buckets;
}

/** What the open items are checked against: the customers' credit and their receivables balance, both as of the day (see `creditsAsOf`, `balancesAsOf`). */
export type AccountFigures = { credit: number; balance: number };

export function openItemsReport(receivables: Receivables, bounds: readonly number[], words: Words, account: AccountFigures): OpenItemsReport {
  const shape = agingBuckets(bounds, words);
  const customers: CustomerOpenItems[] = byCustomer(receivables.items).map((group) => {
    // The items are the report's own (fresh from the ledger's `openItemOf`): each gets its bucket in place.
    const items = group.items as OpenItemsReportItem[];
    for (const item of items) item.bucket = item.open < 0 ? CREDIT_BUCKET : shape[agingBucketOf(item, bounds)]!.key;
    return { ...group, items, open: sumOf(items, (i) => i.open), aging: agingWithCredit(items, bounds) };
  });
  const aging = agingWithCredit(receivables.items, bounds);
  const total = sumOf(customers, (c) => c.open);
  const owed = total - account.credit;
  const check = { itemsTotal: total, credit: account.credit, receivables: owed, balance: account.balance, invoiced: receivables.invoiced, credited: receivables.credited, settled: receivables.settled, agrees: owed === account.balance };
  const buckets = shape.map((b, i) => ({ ...b, amount: aging[i]! }));
  return { asOf: receivables.asOf, currency: receivables.currency, buckets, customers, total, check, table: oposTable({ asOf: receivables.asOf, currency: receivables.currency, buckets, customers, total, check }, words) };
}

function oposTable(report: Omit<OpenItemsReport, 'table'>, words: Words): OpenItemsReport['table'] {
  const bucketCells = (amounts: readonly number[]) => Object.fromEntries(report.buckets.map((b, i) => [b.key, amounts[i] || null]));
  const empty = bucketCells([]);
  const rows: ReportRow[] = [];
  for (const c of report.customers) {
    for (const item of c.items) {
      const row: ReportRow = { kind: 'item', customer: c.customerName, number: item.number, issueDate: item.issueDate, dueDate: item.dueDate, daysOverdue: item.daysOverdue, amountDue: item.amountDue, open: item.open, ...empty };
      if (item.open !== 0) row[item.bucket] = item.open;
      rows.push(row);
    }
    rows.push({ kind: 'subtotal', customer: `${words('reports.row.subtotal')} ${c.customerName}`, number: null, issueDate: null, dueDate: null, daysOverdue: null, amountDue: null, open: c.open, ...bucketCells(c.aging) });
  }
  const { check } = report;
  rows.push({ kind: 'check', customer: words('reports.row.checkItems'), open: check.itemsTotal });
  rows.push({ kind: 'check', customer: words('reports.row.checkCredit'), open: -check.credit });
  rows.push({ kind: 'check', customer: words('reports.row.checkReceivables'), open: check.receivables });
  rows.push({ kind: 'check', customer: words('reports.row.checkBalance'), open: check.balance });
  rows.push({ kind: 'check', customer: words(check.agrees ? 'reports.row.checkAgrees' : 'reports.row.checkDiffers'), open: check.receivables - check.balance });
  return {
    title: 'reports.title.openItems',
    columns: [
      column('customer', 'reports.column.customer', 'text'),
      column('number', 'reports.column.number', 'text'),
      column('issueDate', 'reports.column.issueDate', 'date'),
      column('dueDate', 'reports.column.dueDate', 'date'),
      column('daysOverdue', 'reports.column.daysOverdue', 'days'),
      column('amountDue', 'reports.column.amountDue', 'money'),
      column('open', 'reports.column.open', 'money'),
      ...report.buckets.map((b) => column(b.key, b.key === 'notDue' || b.key === CREDIT_BUCKET ? `reports.aging.${b.key}` : b.label, 'money')),
    ],
    rows,
    totals: { customer: words('reports.row.total'), open: report.total, ...Object.fromEntries(report.buckets.map((b) => [b.key, b.amount])) },
    currency: report.currency,
  };
}
