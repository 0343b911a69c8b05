/**
 * The receivables reports' handlers: each reads the report data, calls its pure report and
 * answers with the view and its table. Open items, overdue list, forecast and dashboard all
 * stand on `receivablesAsOf`, so their figures agree.
 */
import { AppError, type Taxation } from '../../src-shared/contract/index.js';
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { AGING_BOUNDS } from '../payments/index.js';
import { dashboardOf, monthStartOf, trendPeriod } from './dashboard.js';
import { reportData, type ReportData } from './data.js';
import { forecastOf } from './forecast.js';
import { openItemsReport } from './opos.js';
import { lastLetters, overdueReport } from './overdue.js';
import { payingHabits, paymentsIn, paymentsReport } from './payment-history.js';
import { receivablesAsOf } from './receivables.js';
import { revenueReport, type RevenueSource } from './revenue.js';
import { statementOf } from './statement.js';
import { wordsIn, type Words } from './table.js';

export type ReceivablesHandlers = Pick<
  HandlerImpls,
  'reports.openItems' | 'reports.statement' | 'reports.payments' | 'reports.overdue' | 'reports.forecast' | 'reports.dashboard'
>;

/** What the receivables reports need: the company's currency (and taxation, for the revenue trend). */
export type ReceivablesPorts = { company(): Promise<{ taxation: Taxation; currency: string }> };

const wordsOf = (context: HandlerContext): Words => wordsIn(context.session.user?.language ?? 'de');

/** Gross revenue (Soll: by invoice date) of a period, overall and by customer: the revenue report's figures. */
function grossRevenue(source: RevenueSource, from: string, to: string, currency: string, words: Words, customerId?: string) {
  const report = revenueReport({ from, to, period: 'year', by: 'customer', basis: 'soll', ...(customerId ? { customerId } : {}) }, source, currency, words);
  const byCustomer = new Map<string, number>();
  for (const row of report.rows) byCustomer.set(row.groupId, (byCustomer.get(row.groupId) ?? 0) + (row.gross ?? 0));
  return { total: report.total.gross ?? 0, byCustomer };
}

/** The statement of one customer, for the screen and for the PDF and mail of the statement. */
export async function customerStatement(data: ReportData, ports: ReceivablesPorts, input: { customerId: string; from: string; to: string }, words: Words) {
  const customer = data.customers().find((c) => c.id === input.customerId);
  if (!customer) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] });
  const { currency } = await ports.company();
  return statementOf({ customer, docs: data.invoices(), payments: data.payments(), allocations: data.allocations() }, input.from, input.to, currency, words);
}

export function receivablesHandlers(core: Pick<Core, 'books' | 'clock'>, ports: ReceivablesPorts): ReceivablesHandlers {
  const data = reportData(core.books);
  const today = () => core.clock().toISOString().slice(0, 10);
  const receivables = async (asOf: string, customerId = '') => receivablesAsOf(data.invoices(), data.allocations(), asOf, (await ports.company()).currency, customerId);

  return {
    'reports.openItems': async (input, context) => openItemsReport(await receivables(input.asOf ?? today(), input.customerId), input.buckets ?? AGING_BOUNDS, wordsOf(context)),

    'reports.statement': (input, context) => customerStatement(data, ports, input, wordsOf(context)),

    'reports.payments': async ({ from, to, customerId }, context) => {
      const words = wordsOf(context);
      const { currency } = await ports.company();
      const [docs, allocations] = [data.invoices(), data.allocations()];
      const atEnd = receivablesAsOf(docs, allocations, to, currency, customerId);
      const byCustomer = new Map<string, number>();
      for (const item of atEnd.items) byCustomer.set(item.customerId, (byCustomer.get(item.customerId) ?? 0) + item.open);
      const customerNames = new Map(data.customers().map((c) => [c.id, c.name]));
      const receivablesAtEnd = { total: [...byCustomer.values()].reduce((a, b) => a + b, 0), byCustomer };
      const revenue = grossRevenue({ invoices: docs, allocations }, from, to, currency, words, customerId);
      return paymentsReport({ docs, payments: data.payments(), allocations, customerNames, receivablesAtEnd, revenue }, from, to, currency, words, customerId);
    },

    'reports.overdue': async (input, context) => {
      const asOf = input.asOf ?? today();
      return overdueReport(await receivables(asOf, input.customerId), lastLetters(data.reminders(), asOf), wordsOf(context));
    },

    'reports.forecast': async (input, context) => {
      const from = input.from ?? today();
      const [docs, allocations] = [data.invoices(), data.allocations()];
      const open = receivablesAsOf(docs, allocations, from, (await ports.company()).currency);
      let lateness: Map<string, number> | null = null;
      if (input.shiftByLateness) {
        const habits = payingHabits(new Map(docs.map((d) => [d.id, d])), allocations);
        lateness = new Map([...habits].map(([customerId, h]) => [customerId, h.daysLate.value ?? 0]));
      }
      return forecastOf(open, from, input.weeks, lateness, wordsOf(context), input.withOverdue);
    },

    'reports.dashboard': async (_input, context) => {
      const words = wordsOf(context);
      const day = today();
      const { currency, taxation } = await ports.company();
      const invoices = data.invoices();
      const allocations = data.allocations();
      const trend = trendPeriod(day);
      const [approvalQueue, failedMails] = await Promise.all([
        core.books.db.invoices.count({ selector: { status: 'submitted' } }).exec(),
        core.books.db.outbox.count({ selector: { status: 'failed' } }).exec(),
      ]);
      return dashboardOf(
        {
          today: day,
          receivables: receivablesAsOf(invoices, allocations, day, currency),
          receivedThisMonth: paymentsIn(data.payments(), monthStartOf(day), day, currency),
          revenue: revenueReport({ ...trend, period: 'month', by: 'none', basis: taxation }, { invoices, allocations }, currency, words),
          approvalQueue,
          failedMails,
        },
        words,
      );
    },
  };
}
