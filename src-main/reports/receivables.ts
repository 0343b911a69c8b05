/**
 * The receivables as they stood at the end of any day: which invoices were issued by then, what
 * their credit notes had taken off, and what allocations had settled. The open amount, the open
 * item and the settled sums come from the ledger (one home); this file only decides which facts
 * count on a given day. Pure and linear: maps, no nested scans.
 */
import type { OpenItem } from '../../src-shared/contract/index.js';
import { openItemOf, settledByInvoice, type AllocationFact, type Settled } from '../payments/ledger/open-items.js';
import { creditedBy, openAmount } from '../payments/ledger/rules.js';

/** An issued invoice or credit note as the reports read it (see `ReportData.invoices`). */
export type InvoiceRow = {
  id: string;
  number: string;
  documentType: string;
  status: string;
  customerId: string;
  customerName: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  correctsInvoiceId?: string | undefined;
  /** What the document asks for as issued, in cents (a credit note: what it takes off). */
  amountDue: number;
};

/** An allocation fact with the moment it was booked (see `ReportData.allocations`). */
export type AllocationRow = AllocationFact & { occurredAt: string };

/** A payment fact as the reports read it (see `ReportData.payments`). */
export type PaymentRow = {
  id: string;
  direction: 'incoming' | 'outgoing';
  purpose: string;
  date: string;
  amount: number;
  currency: string;
  method: string;
  customerId: string;
  occurredAt: string;
};

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

/** The currency most documents are in: the reports' money columns use one. */
export function mainCurrency(docs: readonly { currency: string }[]): string {
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.currency, (counts.get(d.currency) ?? 0) + 1);
  let best = 'EUR';
  let most = 0;
  for (const [currency, n] of counts) if (n > most) [best, most] = [currency, n];
  return best;
}

/**
 * The receivables at the end of `asOf`, of one customer or all: the open items, and the three
 * sums the balance is worked out from the other way round, over every invoice (paid ones too).
 */
export function receivablesAsOf(docs: readonly InvoiceRow[], allocations: readonly AllocationRow[], asOf: string, customerId = ''): Receivables {
  const issued = docs.filter((d) => d.issueDate !== '' && d.issueDate <= asOf && (!customerId || d.customerId === customerId));
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
  return { asOf, items, invoiced, credited: creditedSum, settled: settledSum, currency: mainCurrency(invoices) };
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
