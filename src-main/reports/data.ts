/**
 * What the reports read from the books: issued invoices and credit notes, payments,
 * allocations, reminders, customers and products, each as a flat record with only the fields
 * the reports use, read by SQLite projections (no RxDB documents). The figures themselves are
 * decided by the ledger's rules (`amountDueOf`, `standing`, `settledByInvoice` …), never here.
 */
import type { VatBreakdown } from '../../src-shared/invoice/totals.js';
import type { AllocationFact } from '../payments/index.js';
import { amountDueOf } from '../payments/index.js';
import { projectRows, type ProjectionFields } from '../store/projection.js';
import { LiveRows } from './live-rows.js';
import type { OpenBooks } from '../store/database.js';

export type ReportInvoice = {
  id: string;
  number: string;
  documentType: 'invoice' | 'creditNote';
  status: string;
  customerId: string;
  customerName: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  vatCase: string;
  /** Credit notes: the invoice they correct. */
  correctsInvoiceId: string;
  /** What the document asks for, as issued (BT-115), in cents; a credit note's is positive too. */
  amountDue: number;
  /** BT-109, BT-110. */
  taxExclusive: number;
  vatTotal: number;
  vatBreakdown: VatBreakdown[];
  skonto: { percent: string; days: number } | null;
  /** The buyer's VAT ID as frozen on the document ('' without one). */
  buyerVatId: string;
};

export type ReportInvoiceLine = { invoiceId: string; lineId: string; productId: string; description: string; netAmount: number };

export type ReportPayment = {
  id: string;
  direction: 'incoming' | 'outgoing';
  purpose: string;
  date: string;
  amount: number;
  currency: string;
  method: string;
  customerId: string;
  source: string;
  reversesPaymentId: string;
  occurredAt: string;
};

export type ReportAllocation = AllocationFact & { occurredAt: string };

export type ReportReminder = { id: string; invoiceId: string; level: number; runDate: string; number: string; channel: string };

export type ReportCustomer = { id: string; number: string; name: string; emails: string[]; language: string; kind: string };

export type ReportProduct = { id: string; sku: string; name: string };

export type ReportData = {
  invoices(): readonly ReportInvoice[];
  invoiceLines(invoiceIds?: ReadonlySet<string>): ReportInvoiceLine[];
  payments(): readonly ReportPayment[];
  allocations(): readonly ReportAllocation[];
  reminders(): readonly ReportReminder[];
  customers(): ReportCustomer[];
  products(): ReportProduct[];
};

const ISSUED = ['issued', 'sent'];

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const cents = (v: unknown): number => (typeof v === 'number' ? v : 0);
/** An object or array of a projection (they come back parsed). */
const json = <T>(v: unknown, fallback: T): T => (v !== null && typeof v === 'object' ? (v as T) : fallback);


const INVOICE_FIELDS = {
  id: '$.id', number: '$.number', documentType: '$.documentType', status: '$.status', customerId: '$.customerId',
  customerName: '$.buyer.name', currency: '$.currency', issueDate: '$.issueDate', dueDate: '$.dueDate', vatCase: '$.vatCase',
  correctsInvoiceId: '$.correctsInvoiceId', amountDue: '$.totals.amountDue', grossAmount: '$.grossAmount',
  taxExclusive: '$.totals.taxExclusive', vatTotal: '$.totals.vatTotal', vatBreakdown: '$.totals.vatBreakdown',
  skontoPercent: '$.skonto.percent', skontoDays: '$.skonto.days', buyerVatId: '$.buyer.vatId',
} satisfies ProjectionFields;

/** Payments and allocations are read in one pass over the facts: an allocation needs its payment's date. */
const MONEY_FACT_FIELDS = {
  id: '$.id', kind: '$.kind', occurredAt: '$.occurredAt',
  direction: '$.payment.direction', purpose: '$.payment.purpose', date: '$.payment.date', payAmount: '$.payment.amount',
  currency: '$.payment.currency', method: '$.payment.method', customerId: '$.payment.customerId', source: '$.payment.source',
  reversesPaymentId: '$.payment.reversesPaymentId',
  paymentId: '$.allocation.paymentId', invoiceId: '$.allocation.invoiceId', amount: '$.allocation.amount',
  skonto: '$.allocation.skontoAmount', writeOff: '$.allocation.writeOffAmount', reversesId: '$.allocation.reversesId',
} satisfies ProjectionFields;

const REMINDER_FIELDS = {
  id: '$.id', kind: '$.kind', invoiceId: '$.reminder.invoiceId', level: '$.reminder.level', runDate: '$.reminder.runDate', number: '$.reminder.number', channel: '$.reminder.channel',
} satisfies ProjectionFields;

type Raw<F> = Record<keyof F, unknown>;

function invoiceOf(r: Raw<typeof INVOICE_FIELDS>): ReportInvoice {
  return {
    id: text(r.id),
    number: text(r.number),
    documentType: r.documentType === 'creditNote' ? 'creditNote' : 'invoice',
    status: text(r.status),
    customerId: text(r.customerId),
    customerName: text(r.customerName),
    currency: text(r.currency),
    issueDate: text(r.issueDate),
    dueDate: text(r.dueDate),
    vatCase: text(r.vatCase) || 'domestic',
    correctsInvoiceId: text(r.correctsInvoiceId),
    amountDue: amountDueOf({ totals: typeof r.amountDue === 'number' ? { amountDue: r.amountDue } : undefined, grossAmount: cents(r.grossAmount) }),
    taxExclusive: cents(r.taxExclusive),
    vatTotal: cents(r.vatTotal),
    vatBreakdown: json<VatBreakdown[]>(r.vatBreakdown, []),
    skonto: typeof r.skontoPercent === 'string' && typeof r.skontoDays === 'number' ? { percent: r.skontoPercent, days: r.skontoDays } : null,
    buyerVatId: text(r.buyerVatId),
  };
}

type MoneyFact = { kind: 'payment'; payment: ReportPayment } | { kind: 'allocation'; allocation: Omit<ReportAllocation, 'paymentDate'> };

function moneyFactOf(r: Raw<typeof MONEY_FACT_FIELDS>): MoneyFact {
  if (r.kind === 'payment') {
    return {
      kind: 'payment',
      payment: {
        id: text(r.id),
        direction: r.direction === 'outgoing' ? 'outgoing' : 'incoming',
        purpose: text(r.purpose) || 'customerPayment',
        date: text(r.date),
        amount: cents(r.payAmount),
        currency: text(r.currency),
        method: text(r.method),
        customerId: text(r.customerId),
        source: text(r.source),
        reversesPaymentId: text(r.reversesPaymentId),
        occurredAt: text(r.occurredAt),
      },
    };
  }
  const reversesId = text(r.reversesId);
  return {
    kind: 'allocation',
    allocation: {
      id: text(r.id),
      paymentId: text(r.paymentId),
      invoiceId: text(r.invoiceId),
      amount: cents(r.amount),
      skonto: cents(r.skonto),
      writeOff: cents(r.writeOff),
      ...(reversesId ? { reversesId } : {}),
      occurredAt: text(r.occurredAt),
    },
  };
}

function reminderOf(r: Raw<typeof REMINDER_FIELDS>): ReportReminder {
  return { id: text(r.id), invoiceId: text(r.invoiceId), level: cents(r.level), runDate: text(r.runDate), number: text(r.number), channel: text(r.channel) };
}

const live = new WeakMap<object, ReportData>();

/**
 * The list made of live rows, made again only after they changed: several reports (and one report
 * asking twice) share it. Frozen, so that no report sorts or extends what the next one reads.
 */
function keptWhile<T>(rows: { version(): number }, make: () => T[]): () => readonly T[] {
  let made = -1;
  let list: readonly T[] = [];
  return () => {
    const version = rows.version();
    if (version !== made) {
      list = Object.freeze(make());
      made = version;
    }
    return list;
  };
}

/**
 * The report data of these books. Issued documents, payments, allocations and reminders are read
 * once, on the first report, and then kept up to date from the store's change stream, which
 * carries only committed writes: a report over 100,000 invoices does not read them all again.
 * One instance per books, shared by every report.
 */
export function reportData(books: Pick<OpenBooks, 'db' | 'filename'>): ReportData {
  const known = live.get(books.db);
  if (known) return known;
  const invoices = new LiveRows(books, 'invoices', INVOICE_FIELDS, [{ path: '$.status', values: ISSUED }], (r) => (ISSUED.includes(text(r.status)) ? invoiceOf(r) : null));
  const money = new LiveRows(books, 'facts', MONEY_FACT_FIELDS, [{ path: '$.kind', values: ['payment', 'allocation'] }], (r) => (r.kind === 'payment' || r.kind === 'allocation' ? moneyFactOf(r) : null));
  const reminders = new LiveRows(books, 'facts', REMINDER_FIELDS, [{ path: '$.kind', values: ['reminder'] }], (r) => (r.kind === 'reminder' ? reminderOf(r) : null));
  const payments = keptWhile(money, () => {
    const out: ReportPayment[] = [];
    for (const f of money.values()) if (f.kind === 'payment') out.push(f.payment);
    return out;
  });
  const data: ReportData = {
    invoices: keptWhile(invoices, () => [...invoices.values()]),

    invoiceLines(invoiceIds) {
      const rows = projectRows<{ id: unknown; lines: unknown; totals: unknown }>(books, 'invoices', { id: '$.id', lines: '$.lines', totals: '$.totals.lines' }, [
        { path: '$.status', values: ISSUED },
      ]);
      const out: ReportInvoiceLine[] = [];
      for (const r of rows) {
        const invoiceId = text(r.id);
        if (invoiceIds && !invoiceIds.has(invoiceId)) continue;
        const lines = json<{ id: string; productId?: string; description?: string }[]>(r.lines, []);
        const byId = new Map(lines.map((l) => [l.id, l]));
        for (const t of json<{ id: string; netAmount: number }[]>(r.totals, [])) {
          const line = byId.get(t.id);
          out.push({ invoiceId, lineId: t.id, productId: line?.productId ?? '', description: line?.description ?? '', netAmount: t.netAmount });
        }
      }
      return out;
    },

    payments,

    allocations: keptWhile(money, () => {
      const dates = new Map<string, string>();
      const out: ReportAllocation[] = [];
      for (const f of money.values()) if (f.kind === 'payment') dates.set(f.payment.id, f.payment.date);
      for (const f of money.values()) if (f.kind === 'allocation') out.push({ ...f.allocation, paymentDate: dates.get(f.allocation.paymentId) ?? '' });
      return out;
    }),

    reminders: keptWhile(reminders, () => [...reminders.values()]),

    customers() {
      const rows = projectRows<Record<'id' | 'number' | 'name' | 'emails' | 'language' | 'kind', unknown>>(books, 'customers', {
        id: '$.id', number: '$.number', name: '$.name', emails: '$.invoiceEmails', language: '$.language', kind: '$.kind',
      });
      return rows.map((r) => ({ id: text(r.id), number: text(r.number), name: text(r.name), emails: json<string[]>(r.emails, []), language: text(r.language) || 'de', kind: text(r.kind) || 'business' }));
    },

    products() {
      const rows = projectRows<Record<'id' | 'sku' | 'de' | 'en', unknown>>(books, 'products', { id: '$.id', sku: '$.sku', de: '$.name.de', en: '$.name.en' });
      return rows.map((r) => ({ id: text(r.id), sku: text(r.sku), name: text(r.de) || text(r.en) }));
    },
  };
  live.set(books.db, data);
  return data;
}
