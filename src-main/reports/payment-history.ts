/**
 * Payment history: the customers' payments in a period by method and by customer, each with the
 * invoices it settled; days-to-pay and days late per customer, weighted by the amounts settled;
 * DSO overall and per customer. Pure: the handler reads the data and calls these.
 */
import type { CustomerPaymentFigures, PaymentsByKey, PaymentsReport, PaymentMethod, ReportedPayment, SettledInvoice } from '../../src-shared/contract/index.js';
import { daysBetween } from '../../src-shared/dates.js';
import { isMessageKey } from '../../src-shared/i18n/index.js';
import { standing } from '../payments/index.js';
import { type AllocationRow, type InvoiceRow, type PaymentRow } from './receivables.js';
import { column, sumOf, type Words } from './table.js';

/** A customer's payment: incoming and booked as a customer payment. */
export const isCustomerPayment = (p: Pick<PaymentRow, 'direction' | 'purpose'>) => p.direction === 'incoming' && p.purpose === 'customerPayment';

/** The customers' payments dated from `from` to `to` in this currency, of one customer or all. */
export function paymentsIn(payments: readonly PaymentRow[], from: string, to: string, currency: string, customerId = ''): PaymentRow[] {
  return payments.filter((p) => isCustomerPayment(p) && p.currency === currency && p.date >= from && p.date <= to && (!customerId || p.customerId === customerId));
}

/** Days weighted by amount: Σ(days × amount) / Σ amount, one decimal; null without amounts. */
export class WeightedDays {
  private weighted = 0;
  private total = 0;
  add(days: number, amount: number): void {
    this.weighted += days * amount;
    this.total += amount;
  }
  get value(): number | null {
    return this.total > 0 ? Math.round((this.weighted / this.total) * 10) / 10 : null;
  }
}

export type PayingHabits = { daysToPay: WeightedDays; daysLate: WeightedDays };

/**
 * How each customer pays: for every amount an allocation that stands settled (of payments that
 * pass `counts`), the days from the invoice's issue date and from its due date to the payment.
 */
export function payingHabits(docs: ReadonlyMap<string, InvoiceRow>, allocations: readonly AllocationRow[], counts: (paymentId: string) => boolean = () => true): Map<string, PayingHabits> {
  const habits = new Map<string, PayingHabits>();
  for (const a of standing(allocations)) {
    const invoice = docs.get(a.invoiceId);
    if (!invoice || a.amount <= 0 || !a.paymentDate || !counts(a.paymentId)) continue;
    const h = habits.get(invoice.customerId) ?? { daysToPay: new WeightedDays(), daysLate: new WeightedDays() };
    h.daysToPay.add(daysBetween(invoice.issueDate, a.paymentDate), a.amount);
    if (invoice.dueDate) h.daysLate.add(daysBetween(invoice.dueDate, a.paymentDate), a.amount);
    habits.set(invoice.customerId, h);
  }
  return habits;
}

/**
 * DSO = receivables balance at period end (net of credit) / gross revenue of the period × days in
 * the period, one decimal; null without revenue. A balance below 0 (more credit than owed) counts
 * as 0: days cannot be negative.
 */
export function dsoOf(receivables: number, grossRevenue: number, days: number): number | null {
  return grossRevenue > 0 ? Math.round((Math.max(receivables, 0) / grossRevenue) * days * 10) / 10 : null;
}

export type PaymentsSource = {
  docs: readonly InvoiceRow[];
  payments: readonly PaymentRow[];
  allocations: readonly AllocationRow[];
  customerNames: ReadonlyMap<string, string>;
  /** What each customer owed at the end of the period (their open items), and all of them. */
  receivablesAtEnd: { total: number; byCustomer: ReadonlyMap<string, number> };
  /** Gross revenue of the period (the revenue report's figure), and by customer. */
  revenue: { total: number; byCustomer: ReadonlyMap<string, number> };
};

export function paymentsReport(source: PaymentsSource, from: string, to: string, currency: string, words: Words, customerId = ''): PaymentsReport {
  const inPeriod = paymentsIn(source.payments, from, to, currency, customerId);
  const ids = new Set(inPeriod.map((p) => p.id));
  const docs = new Map(source.docs.map((d) => [d.id, d]));
  const settled = new Map<string, SettledInvoice[]>();
  for (const a of standing(source.allocations)) {
    if (!ids.has(a.paymentId)) continue;
    const list = settled.get(a.paymentId) ?? [];
    list.push({ invoiceId: a.invoiceId, number: docs.get(a.invoiceId)?.number ?? '', amount: a.amount, skonto: a.skonto, writeOff: a.writeOff });
    settled.set(a.paymentId, list);
  }
  const nameOf = (id: string) => source.customerNames.get(id) ?? '';
  const payments: ReportedPayment[] = inPeriod
    .map((p) => ({ id: p.id, date: p.date, method: p.method as PaymentMethod, customerId: p.customerId, customerName: nameOf(p.customerId), amount: p.amount, invoices: settled.get(p.id) ?? [] }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));

  const methods = new Map<string, PaymentsByKey>();
  for (const p of payments) {
    const m = methods.get(p.method) ?? { key: p.method, label: labelOfMethod(p.method, words), count: 0, amount: 0 };
    m.count += 1;
    m.amount += p.amount;
    methods.set(p.method, m);
  }
  const habits = payingHabits(docs, source.allocations, (paymentId) => ids.has(paymentId));
  const days = daysBetween(from, to) + 1;
  const customers = new Map<string, CustomerPaymentFigures>();
  for (const p of payments) {
    const c = customers.get(p.customerId) ?? { customerId: p.customerId, customerName: p.customerName, count: 0, amount: 0, daysToPay: null, daysLate: null, dso: null };
    c.count += 1;
    c.amount += p.amount;
    customers.set(p.customerId, c);
  }
  for (const c of customers.values()) {
    const h = habits.get(c.customerId);
    c.daysToPay = h?.daysToPay.value ?? null;
    c.daysLate = h?.daysLate.value ?? null;
    c.dso = dsoOf(source.receivablesAtEnd.byCustomer.get(c.customerId) ?? 0, source.revenue.byCustomer.get(c.customerId) ?? 0, days);
  }
  const byCustomer = [...customers.values()].sort((a, b) => b.amount - a.amount || (a.customerName < b.customerName ? -1 : 1));
  const view = {
    from,
    to,
    currency,
    payments,
    byMethod: [...methods.values()].sort((a, b) => b.amount - a.amount),
    byCustomer,
    total: sumOf(payments, (p) => p.amount),
    dso: dsoOf(source.receivablesAtEnd.total, source.revenue.total, days),
    dsoFormula: 'reports.formula.dso',
    daysToPayNote: 'reports.formula.daysToPay',
    receivablesAtEnd: source.receivablesAtEnd.total,
    revenue: source.revenue.total,
    days,
  };
  return { ...view, table: paymentsTable(view, words) };
}

function labelOfMethod(method: string, words: Words): string {
  const key = `paymentMethod.${method}`;
  return isMessageKey(key) ? words(key) : method;
}

function paymentsTable(r: Omit<PaymentsReport, 'table'>, words: Words): PaymentsReport['table'] {
  return {
    title: 'reports.title.payments',
    columns: [
      column('date', 'reports.column.date', 'date'),
      column('customer', 'reports.column.customer', 'text'),
      column('method', 'reports.column.method', 'text'),
      column('amount', 'reports.column.amount', 'money'),
      column('invoices', 'reports.column.invoices', 'text'),
      column('skonto', 'reports.column.skonto', 'money'),
      column('writtenOff', 'reports.column.writtenOff', 'money'),
      column('daysToPay', 'reports.column.daysToPay', 'number'),
      column('daysLate', 'reports.column.daysLate', 'number'),
      column('dso', 'reports.column.dso', 'number'),
    ],
    rows: [
      ...r.payments.map((p) => ({
      kind: 'payment',
      date: p.date,
      customer: p.customerName,
      method: labelOfMethod(p.method, words),
      amount: p.amount,
      invoices: p.invoices.map((i) => i.number).join(', '),
      skonto: sumOf(p.invoices, (i) => i.skonto) || null,
      writtenOff: sumOf(p.invoices, (i) => i.writeOff) || null,
    })),
      ...r.byCustomer.map((c) => ({ kind: 'customer', date: null, customer: c.customerName, method: null, amount: c.amount, invoices: null, skonto: null, writtenOff: null, daysToPay: c.daysToPay, daysLate: c.daysLate, dso: c.dso })),
    ],
    totals: { customer: words('reports.row.total'), amount: r.total, dso: r.dso },
    currency: r.currency,
  };
}
