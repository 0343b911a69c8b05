/**
 * The receivables reports: open items as of a date, the customer's account statement, payment
 * history with days-to-pay and DSO, the overdue list, the cash-flow forecast and the dashboard.
 * Every result carries the `table` the screen and the exports show. Money in integer cents.
 */
import { z } from 'zod';
import { isoDate } from './invoicing.js';
import type { OpenItem } from './payments.js';
import type { ReportTable } from './report-table.js';
import type { PaymentMethod } from './views.js';

const customerId = z.string().max(40).optional();

export const OpenItemsReportInput = z
  .object({
    asOf: isoDate.optional(),
    customerId,
    /** Upper day bounds of the aging buckets past due, ascending: [30, 60, 90] (the default) gives 1-30, 31-60, 61-90, over 90. */
    buckets: z
      .array(z.number().int().min(1).max(3650))
      .min(1, 'validation.required')
      .max(10)
      .refine((b) => b.every((n, i) => i === 0 || n > b[i - 1]!), 'validation.ascending')
      .optional(),
  })
  .strict();

const period = { from: isoDate, to: isoDate };
const inOrder = (v: { from: string; to: string }) => v.from <= v.to;

export const StatementReportInput = z.object({ customerId: z.string().min(1, 'validation.required').max(40), ...period }).strict().refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });
export const PaymentsReportInput = z.object({ ...period, customerId }).strict().refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });
export const OverdueReportInput = z.object({ asOf: isoDate.optional(), customerId }).strict();
export const ForecastReportInput = z
  .object({ from: isoDate.optional(), weeks: z.number().int().min(1).max(26).default(12), shiftByLateness: z.boolean().default(false), withOverdue: z.boolean().default(true) })
  .strict();

/** One aging bucket: days past due from `minDays` to `maxDays` (null: no upper bound); `notDue` is not due yet; `credit` holds the items with a negative open amount (credit note larger than what was left, overpaid). */
export type AgingBucket = { key: string; label: string; minDays: number; maxDays: number | null; amount: number };

export type OpenItemsReportItem = OpenItem & { bucket: string };

export type CustomerOpenItems = {
  customerId: string;
  customerName: string;
  items: OpenItemsReportItem[];
  open: number;
  /** Open amounts by bucket, in the order of the report's buckets. */
  aging: number[];
};

/**
 * The proof: the open items less the customers' credit (payments not allocated to any invoice)
 * are the receivables; `balance` is the receivables balance worked out independently, the way
 * the account statement counts it: invoices − credit notes − incoming payments − Skonto −
 * write-offs + refunds and returned payments, dated by the day. `invoiced`, `credited`,
 * `settled`: the invoices' side of it (Σ issued, Σ credit notes, Σ settled by allocations).
 */
export type ReceivablesCheck = { itemsTotal: number; credit: number; receivables: number; balance: number; invoiced: number; credited: number; settled: number; agrees: boolean };

export type OpenItemsReport = {
  asOf: string;
  currency: string;
  buckets: AgingBucket[];
  customers: CustomerOpenItems[];
  total: number;
  check: ReceivablesCheck;
  table: ReportTable;
};

export type StatementLineKind = 'invoice' | 'creditNote' | 'payment' | 'skonto' | 'writeOff' | 'refund' | 'reversal' | 'skontoReversed' | 'writeOffReversed';

/** One line of the account statement: debit raises what the customer owes, credit lowers it. */
export type StatementLine = { date: string; kind: StatementLineKind; number: string; reference: string; debit: number; credit: number; balance: number };

export type CustomerStatement = {
  customerId: string;
  customerNumber: string;
  customerName: string;
  from: string;
  to: string;
  currency: string;
  opening: number;
  lines: StatementLine[];
  debitTotal: number;
  creditTotal: number;
  closing: number;
  table: ReportTable;
};

export type SettledInvoice = { invoiceId: string; number: string; amount: number; skonto: number; writeOff: number };

export type ReportedPayment = {
  id: string;
  date: string;
  method: PaymentMethod;
  customerId: string;
  customerName: string;
  amount: number;
  invoices: SettledInvoice[];
};

export type PaymentsByKey = { key: string; label: string; count: number; amount: number };

export type CustomerPaymentFigures = {
  customerId: string;
  customerName: string;
  count: number;
  amount: number;
  /** Average days from issue date to payment date, weighted by the amounts allocated; null without allocations. */
  daysToPay: number | null;
  /** Average days paid after the due date (negative: early), weighted by amount; null without allocations. */
  daysLate: number | null;
  dso: number | null;
};

export type PaymentsReport = {
  from: string;
  to: string;
  currency: string;
  payments: ReportedPayment[];
  byMethod: PaymentsByKey[];
  byCustomer: CustomerPaymentFigures[];
  total: number;
  /** DSO = receivables balance at period end (net of credit, at least 0) / gross revenue of the period × days in the period; null without revenue. */
  dso: number | null;
  /** i18n key of the DSO formula as shown on the screen. */
  dsoFormula: string;
  /** i18n key of how days-to-pay is averaged. */
  daysToPayNote: string;
  receivablesAtEnd: number;
  revenue: number;
  days: number;
  table: ReportTable;
};

export type LastLetter = { date: string; level: number; number: string };

export type OverdueInvoice = {
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  amountDue: number;
  open: number;
  /** The dunning level of the last letter (0 Zahlungserinnerung … 3 letzte Mahnung), null when none was sent; and its name. */
  level: number | null;
  levelLabel: string;
  lastLetter: LastLetter | null;
};

export type OverdueReport = { asOf: string; currency: string; items: OverdueInvoice[]; total: number; table: ReportTable };

export type ForecastWeek = { week: string; start: string; end: string; amount: number; count: number };

export type ForecastReport = {
  from: string;
  weeks: ForecastWeek[];
  shiftByLateness: boolean;
  /** Open amounts expected after the last week. */
  later: number;
  total: number;
  currency: string;
  /** i18n key of how the dates were shifted, when they were. */
  note: string;
  table: ReportTable;
};

/** Where a dashboard figure leads: a screen and the filter to open it with. */
export type DashboardLink = { screen: string; filter: Record<string, string | number | boolean> };

export type DashboardFigure = { amount: number; count: number; link: DashboardLink };

export type RevenueMonth = { month: string; net: number; gross: number };

export type Dashboard = {
  asOf: string;
  currency: string;
  open: DashboardFigure;
  overdue: DashboardFigure;
  dueThisWeek: DashboardFigure;
  receivedThisMonth: DashboardFigure;
  /** The customers' credit today: overpaid items and payments not allocated to an invoice. */
  credit: number;
  revenueTrend: RevenueMonth[];
  topOverdue: { customerId: string; customerName: string; overdue: number; link: DashboardLink }[];
  approvalQueue: { count: number; link: DashboardLink };
  failedMails: { count: number; link: DashboardLink };
  table: ReportTable;
};
