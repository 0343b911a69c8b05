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
import { creditsAsOf, receivablesAsOf } from './receivables.js';
import { revenueReport, type RevenueSource } from './revenue.js';
import { balancesAsOf, statementOf } from './statement.js';
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

/** The customer of this id; a customer filter naming none is refused, naming the field. */
function knownCustomer(data: ReportData, customerId: string) {
  const customer = data.customers().find((c) => c.id === customerId);
  if (!customer) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] });
  return customer;
}

/** An optional customer filter: none, or one that exists. */
function customerFilter(data: ReportData, customerId: string | undefined): string {
  if (customerId) knownCustomer(data, customerId);
  return customerId ?? '';
}

const total = (figures: Map<string, number>) => [...figures.values()].reduce((a, b) => a + b, 0);

/** The customers' credit and receivables balance at the end of `asOf` (one customer's, or all), worked out from the accounts. */
function accountFigures(data: ReportData, asOf: string, currency: string, customerId: string) {
  const payments = data.payments();
  const allocations = data.allocations();
  return {
    credit: total(creditsAsOf(payments, allocations, asOf, currency, customerId)),
    balance: total(balancesAsOf({ docs: data.invoices(), payments, allocations }, asOf, currency, customerId)),
  };
}

/** The statement of one customer, for the screen and for the PDF and mail of the statement. */
export async function customerStatement(data: ReportData, ports: ReceivablesPorts, input: { customerId: string; from: string; to: string }, words: Words) {
  const customer = knownCustomer(data, input.customerId);
  const { currency } = await ports.company();
  return statementOf({ customer, docs: data.invoices(), payments: data.payments(), allocations: data.allocations() }, input.from, input.to, currency, words);
}

export function receivablesHandlers(core: Pick<Core, 'books' | 'clock'>, ports: ReceivablesPorts): ReceivablesHandlers {
  const data = reportData(core.books);
  const today = () => core.clock().toISOString().slice(0, 10);
  const receivables = async (asOf: string, customerId = '') => receivablesAsOf(data.invoices(), data.allocations(), asOf, (await ports.company()).currency, customerId);

  return {
    'reports.openItems': async (input, context) => {
      const customerId = customerFilter(data, input.customerId);
      const asOf = input.asOf ?? today();
      const open = await receivables(asOf, customerId);
      return openItemsReport(open, input.buckets ?? AGING_BOUNDS, wordsOf(context), accountFigures(data, asOf, open.currency, customerId));
    },

    'reports.statement': (input, context) => customerStatement(data, ports, input, wordsOf(context)),

    'reports.payments': async ({ from, to, customerId }, context) => {
      const words = wordsOf(context);
      const { currency } = await ports.company();
      const [docs, allocations] = [data.invoices(), data.allocations()];
      // DSO stands on the receivables balance net of credit, as the statement closes on `to`.
      const byCustomer = balancesAsOf({ docs, payments: data.payments(), allocations }, to, currency, customerFilter(data, customerId));
      const customerNames = new Map(data.customers().map((c) => [c.id, c.name]));
      const receivablesAtEnd = { total: [...byCustomer.values()].reduce((a, b) => a + b, 0), byCustomer };
      const revenue = grossRevenue({ invoices: docs, allocations }, from, to, currency, words, customerId);
      return paymentsReport({ docs, payments: data.payments(), allocations, customerNames, receivablesAtEnd, revenue }, from, to, currency, words, customerId);
    },

    'reports.overdue': async (input, context) => {
      const asOf = input.asOf ?? today();
      return overdueReport(await receivables(asOf, customerFilter(data, input.customerId)), lastLetters(data.reminders(), asOf), wordsOf(context));
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
          credit: total(creditsAsOf(data.payments(), allocations, day, currency)),
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
