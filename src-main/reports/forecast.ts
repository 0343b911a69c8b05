/**
 * Cash-flow forecast: the receipts expected by ISO week from the due dates of the open items
 * (overdue ones in the first week), optionally shifted by each customer's average days late
 * (weighted by amount, from their payment history).
 */
import { formatISO, getISOWeek, getISOWeekYear, parseISO, startOfISOWeek } from 'date-fns';
import type { ForecastReport, ForecastWeek } from '../../src-shared/contract/index.js';
import { addDays, daysBetween } from '../../src-shared/dates.js';
import type { Receivables } from './receivables.js';
import { column, sumOf, type Words } from './table.js';

/** Monday of the ISO week of a day. */
export const weekStartOf = (date: string) => formatISO(startOfISOWeek(parseISO(date)), { representation: 'date' });

/** "2026-W49". */
export function isoWeekOf(date: string): string {
  const d = parseISO(date);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

/**
 * The expected receipts of the open items, week by week from the week of `from`. `lateness`
 * gives a customer's average days late (whole days are added to the due date); without it the
 * due date counts. `withOverdue` false leaves out the items overdue on `from` (else they count in
 * the first week).
 */
export function forecastOf(receivables: Receivables, from: string, weeks: number, lateness: ReadonlyMap<string, number> | null, words: Words, withOverdue = true): ForecastReport {
  const first = weekStartOf(from);
  const rows: ForecastWeek[] = Array.from({ length: weeks }, (_, i) => {
    const start = addDays(first, i * 7);
    return { week: isoWeekOf(start), start, end: addDays(start, 6), amount: 0, count: 0 };
  });
  let later = 0;
  for (const item of receivables.items) {
    // Without the overdue items the first week holds exactly what falls due from `from` to its Sunday.
    if (item.open <= 0 || (!withOverdue && item.overdue)) continue;
    const shift = lateness ? Math.round(lateness.get(item.customerId) ?? 0) : 0;
    const expected = shift ? addDays(item.dueDate, shift) : item.dueDate;
    const index = Math.max(0, Math.floor(daysBetween(first, expected) / 7));
    const week = rows[index];
    if (!week) {
      later += item.open;
      continue;
    }
    week.amount += item.open;
    week.count += 1;
  }
  const total = sumOf(rows, (w) => w.amount);
  const view = { from, weeks: rows, shiftByLateness: lateness !== null, later, total, currency: receivables.currency, note: lateness ? 'reports.formula.forecastShift' : '' };
  return {
    ...view,
    table: {
      title: 'reports.title.forecast',
      columns: [
        column('week', 'reports.column.week', 'text'),
        column('start', 'reports.column.weekStart', 'date'),
        column('end', 'reports.column.weekEnd', 'date'),
        column('count', 'reports.column.count', 'number'),
        column('amount', 'reports.column.expected', 'money'),
      ],
      rows: rows.map((w) => ({ week: w.week, start: w.start, end: w.end, count: w.count, amount: w.amount })),
      totals: { week: words('reports.row.total'), amount: total },
      currency: view.currency,
    },
  };
}
