/**
 * The receivables as they stood at the end of any day: which invoices were issued by then, what
 * their credit notes had taken off, and what allocations had settled. The open amount, the open
 * item and the settled sums come from the ledger (one home); this file only decides which facts
 * count on a given day. Pure and linear: maps, no nested scans.
 */
import type { OpenItem } from '../../src-shared/contract/index.js';
import { openItemOf, settledByInvoice, type Settled } from '../payments/index.js';
import { creditedBy, creditOf, openAmount, standing } from '../payments/index.js';
import type { ReportAllocation, ReportInvoice, ReportPayment } from './data.js';

/** An issued invoice or credit note, as far as the receivables reports read it. */
export type InvoiceRow = Pick<ReportInvoice, 'id' | 'number' | 'documentType' | 'status' | 'customerId' | 'customerName' | 'currency' | 'issueDate' | 'dueDate' | 'correctsInvoiceId' | 'amountDue'>;

/** An allocation fact with the moment it was booked. */
export type AllocationRow = ReportAllocation;

/** A payment fact, as far as the receivables reports read it. */
export type PaymentRow = Pick<ReportPayment, 'id' | 'direction' | 'purpose' | 'date' | 'amount' | 'currency' | 'method' | 'customerId' | 'occurredAt'>;

export const isInvoice = (d: Pick<InvoiceRow, 'documentType'>) => d.documentType === 'invoice';
export const isCreditNote = (d: Pick<InvoiceRow, 'documentType'>) => d.documentType === 'creditNote';

/** The day (UTC) a fact was booked. */
export const bookedOn = (a: { occurredAt: string }) => a.occurredAt.slice(0, 10);

/**
 * The allocation facts that had happened by the end of `asOf`: an allocation counts from its
 * payment's date, the reversal of one from the day the reversal was booked.
 */
export function allocationsAsOf<T extends AllocationRow>(allocations: readonly T[], asOf: string): T[] {
  return allocations.filter((a) => (a.reversesId ? bookedOn(a) <= asOf : a.paymentDate <= asOf));
}

/** What issued credit notes took off each invoice, in cents. */
export function creditedOf(notes: readonly InvoiceRow[]): Map<string, number> {
  return creditedBy(notes.map((n) => ({ documentType: n.documentType, correctsInvoiceId: n.correctsInvoiceId, grossAmount: n.amountDue })));
}

export const settledTotal = (s: Settled | undefined) => (s ? s.paid + s.skonto + s.writtenOff : 0);

export type Receivables = {
  asOf: string;
  /** Every invoice with something open (or overpaid), as the ledger describes it on `asOf`, in the order of the documents. */
  items: OpenItem[];
  /** Σ of the invoices issued by `asOf`, as issued. */
  invoiced: number;
  /** Σ of the credit notes issued by `asOf`. */
  credited: number;
  /** Σ settled by the allocations standing on `asOf` (paid, Skonto, written off). */
  settled: number;
  currency: string;
};

/**
 * The receivables at the end of `asOf` in one currency, of one customer or all: the open items,
 * and the three sums the balance is worked out from the other way round, over every invoice
 * (paid ones too).
 */
export function receivablesAsOf(docs: readonly InvoiceRow[], allocations: readonly AllocationRow[], asOf: string, currency: string, customerId = ''): Receivables {
  const issued = docs.filter((d) => d.currency === currency && d.issueDate !== '' && d.issueDate <= asOf && (!customerId || d.customerId === customerId));
  const invoices = issued.filter(isInvoice);
  const notes = issued.filter(isCreditNote);
  const credited = creditedOf(notes);
  const settled = settledByInvoice(allocationsAsOf(allocations, asOf));
  const items: OpenItem[] = [];
  let invoiced = 0;
  let settledSum = 0;
  for (const invoice of invoices) {
    const s = settled.get(invoice.id);
    const off = credited.get(invoice.id) ?? 0;
    invoiced += invoice.amountDue;
    settledSum += settledTotal(s);
    if (openAmount(invoice.amountDue, off, settledTotal(s)) === 0) continue;
    items.push(openItemOf({ ...invoice, amountDue: invoice.amountDue - off }, s, asOf));
  }
  const creditedSum = notes.reduce((sum, n) => sum + n.amountDue, 0);
  return { asOf, items, invoiced, credited: creditedSum, settled: settledSum, currency };
}

/**
 * The customers' credit at the end of `asOf` by customer (of `customerId` only, when given), as
 * the ledger counts it: what their incoming payments dated by then left unallocated by the
 * allocations standing then, less the refunds and returned payments paid out by then.
 */
export function creditsAsOf(payments: readonly PaymentRow[], allocations: readonly AllocationRow[], asOf: string, currency: string, customerId = ''): Map<string, number> {
  const mine = (p: PaymentRow) => p.customerId !== '' && (!customerId || p.customerId === customerId) && p.currency === currency && p.date <= asOf;
  const allocated = new Map<string, number>();
  for (const a of standing(allocationsAsOf(allocations, asOf))) allocated.set(a.paymentId, (allocated.get(a.paymentId) ?? 0) + a.amount);
  const unallocated = new Map<string, number[]>();
  const refunded = new Map<string, number>();
  for (const p of payments) {
    if (!mine(p)) continue;
    if (p.direction === 'incoming') {
      const list = unallocated.get(p.customerId) ?? [];
      list.push(p.amount - (allocated.get(p.id) ?? 0));
      unallocated.set(p.customerId, list);
    } else if (p.purpose === 'refund' || p.purpose === 'reversal') refunded.set(p.customerId, (refunded.get(p.customerId) ?? 0) + p.amount);
  }
  const credits = new Map<string, number>();
  for (const id of new Set([...unallocated.keys(), ...refunded.keys()])) credits.set(id, creditOf(unallocated.get(id) ?? [], refunded.get(id) ?? 0));
  return credits;
}

/** Items grouped by customer: customers by name, each one's items by due date and number. */
export function byCustomer<T extends Pick<OpenItem, 'customerId' | 'customerName' | 'dueDate' | 'number'>>(items: readonly T[]): { customerId: string; customerName: string; items: T[] }[] {
  const groups = new Map<string, { customerId: string; customerName: string; items: T[] }>();
  for (const item of items) {
    const group = groups.get(item.customerId) ?? { customerId: item.customerId, customerName: item.customerName, items: [] };
    group.items.push(item);
    groups.set(item.customerId, group);
  }
  const byDue = (a: T, b: T) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
  for (const group of groups.values()) group.items.sort(byDue);
  return [...groups.values()].sort((a, b) => NAMES.compare(a.customerName, b.customerName) || (a.customerId < b.customerId ? -1 : 1));
}

const NAMES = new Intl.Collator('de');
