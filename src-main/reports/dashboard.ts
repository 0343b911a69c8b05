/**
 * The dashboard (Übersicht): open, overdue, due this week, received this month, the revenue
 * trend, the customers with the most overdue, the approval queue and failed mails, each with the
 * list it leads to. Every figure comes from the same functions as the reports behind it.
 */
import type { Dashboard, DashboardLink, RevenueReport } from '../../src-shared/contract/index.js';
import { addDays } from '../../src-shared/dates.js';
import { weekStartOf } from './forecast.js';
import type { PaymentRow, Receivables } from './receivables.js';
import { column, sumOf, type Words } from './table.js';

export type DashboardSource = {
  today: string;
  /** The receivables today (see `receivablesAsOf`). */
  receivables: Receivables;
  /** The customers' unallocated credit today (see `creditsAsOf`). */
  credit: number;
  /** The customers' payments of this month up to today (see `paymentsIn`). */
  receivedThisMonth: readonly PaymentRow[];
  /** The revenue report by month for the last 12 months. */
  revenue: Pick<RevenueReport, 'rows' | 'buckets'>;
  approvalQueue: number;
  failedMails: number;
};

const report = (name: string, filter: DashboardLink['filter'] = {}): DashboardLink => ({ screen: 'reports', filter: { report: name, ...filter } });

/** The first day of the month 11 months before `today`'s, and the last day of `today`'s month: the revenue trend's period. */
export function trendPeriod(today: string): { from: string; to: string } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: start, to: end };
}

export const monthStartOf = (today: string) => `${today.slice(0, 7)}-01`;

export function dashboardOf(s: DashboardSource, words: Words): Dashboard {
  const { items } = s.receivables;
  const weekEnd = addDays(weekStartOf(s.today), 6);
  const open = items.filter((i) => i.open > 0);
  const overdue = items.filter((i) => i.overdue);
  const dueThisWeek = open.filter((i) => !i.overdue && i.dueDate <= weekEnd);
  const byCustomer = new Map<string, { customerId: string; customerName: string; overdue: number }>();
  for (const i of overdue) {
    const c = byCustomer.get(i.customerId) ?? { customerId: i.customerId, customerName: i.customerName, overdue: 0 };
    c.overdue += i.open;
    byCustomer.set(i.customerId, c);
  }
  const topOverdue = [...byCustomer.values()]
    .sort((a, b) => b.overdue - a.overdue || (a.customerName < b.customerName ? -1 : 1))
    .slice(0, 5)
    .map((c) => ({ ...c, link: report('overdue', { customerId: c.customerId }) }));
  const months = new Map(s.revenue.buckets.map((b) => [b.key, { month: b.key, net: 0, gross: 0 }]));
  for (const row of s.revenue.rows) {
    const m = months.get(row.bucket);
    if (!m) continue;
    m.net += row.net;
    m.gross += row.gross ?? 0;
  }
  const view: Omit<Dashboard, 'table'> = {
    asOf: s.today,
    currency: s.receivables.currency,
    // What is owed on invoices: the positive open items; credits (overpaid items, unallocated payments) have their own figure.
    open: { amount: sumOf(open, (i) => i.open), count: open.length, link: report('openItems', { asOf: s.today }) },
    overdue: { amount: sumOf(overdue, (i) => i.open), count: overdue.length, link: report('overdue', { asOf: s.today }) },
    dueThisWeek: { amount: sumOf(dueThisWeek, (i) => i.open), count: dueThisWeek.length, link: report('forecast', { from: s.today, weeks: 1, withOverdue: false }) },
    receivedThisMonth: { amount: sumOf(s.receivedThisMonth, (p) => p.amount), count: s.receivedThisMonth.length, link: report('payments', { from: monthStartOf(s.today), to: s.today }) },
    credit: s.credit - sumOf(items, (i) => Math.min(i.open, 0)),
    revenueTrend: [...months.values()],
    topOverdue,
    approvalQueue: { count: s.approvalQueue, link: { screen: 'approval', filter: {} } },
    failedMails: { count: s.failedMails, link: { screen: 'mail', filter: { status: 'failed' } } },
  };
  return { ...view, table: dashboardTable(view, words) };
}

function dashboardTable(d: Omit<Dashboard, 'table'>, words: Words): Dashboard['table'] {
  const figure = (key: 'open' | 'overdue' | 'dueThisWeek' | 'receivedThisMonth') => ({ figure: words(`reports.dashboard.${key}`), amount: d[key].amount, count: d[key].count });
  return {
    title: 'reports.title.dashboard',
    columns: [column('figure', 'reports.column.figure', 'text'), column('amount', 'reports.column.amount', 'money'), column('count', 'reports.column.count', 'number')],
    rows: [
      figure('open'),
      figure('overdue'),
      figure('dueThisWeek'),
      figure('receivedThisMonth'),
      { figure: words('reports.dashboard.credit'), amount: d.credit, count: null },
      { figure: words('reports.dashboard.approvalQueue'), amount: null, count: d.approvalQueue.count },
      { figure: words('reports.dashboard.failedMails'), amount: null, count: d.failedMails.count },
      ...d.topOverdue.map((c) => ({ figure: `${words('reports.dashboard.overdue')}: ${c.customerName}`, amount: c.overdue, count: null })),
    ],
    currency: d.currency,
  };
}
