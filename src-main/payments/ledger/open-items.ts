/**
 * Open items, derived: an invoice's paid, Skonto and written-off amounts are the sums of its
 * allocation facts (a reversed allocation and its reversal both drop out), its open amount is
 * what is left of the amount due, and its state follows. Nothing here is stored; two devices
 * that each book a payment never fight over a counter. Pure and integer-only.
 */
import { daysBetween } from '../../../src-shared/dates.js';
import type { OpenItem, OpenItemsView, PaymentState } from '../../../src-shared/contract/index.js';

export type AllocationFact = {
  id: string;
  paymentId: string;
  invoiceId: string;
  amount: number;
  skonto: number;
  writeOff: number;
  reversesId?: string;
  paymentDate: string;
};

export type Settled = { paid: number; skonto: number; writtenOff: number; lastPaymentDate: string };

/** The allocations that stand: neither reversed nor reversals. */
export function standing<T extends { id: string; reversesId?: string }>(allocations: readonly T[]): T[] {
  const reversed = new Set(allocations.map((a) => a.reversesId).filter(Boolean));
  return allocations.filter((a) => !a.reversesId && !reversed.has(a.id));
}

export function settledByInvoice(allocations: readonly AllocationFact[]): Map<string, Settled> {
  const settled = new Map<string, Settled>();
  for (const a of standing(allocations)) {
    const s = settled.get(a.invoiceId) ?? { paid: 0, skonto: 0, writtenOff: 0, lastPaymentDate: '' };
    s.paid += a.amount;
    s.skonto += a.skonto;
    s.writtenOff += a.writeOff;
    // A refund of a credit note settles the overpayment with a negative amount; it is no payment date.
    if (a.amount > 0 && a.paymentDate > s.lastPaymentDate) s.lastPaymentDate = a.paymentDate;
    settled.set(a.invoiceId, s);
  }
  return settled;
}

export function stateOf(amountDue: number, settled: number): PaymentState {
  if (settled === 0) return 'open';
  if (settled < amountDue) return 'partlyPaid';
  return settled === amountDue ? 'paid' : 'overpaid';
}

export type InvoiceForLedger = { id: string; number: string; customerId: string; customerName: string; issueDate: string; dueDate: string; currency: string; amountDue: number };

export function openItemOf(invoice: InvoiceForLedger, settled: Settled | undefined, today: string): OpenItem {
  const s = settled ?? { paid: 0, skonto: 0, writtenOff: 0, lastPaymentDate: '' };
  const done = s.paid + s.skonto + s.writtenOff;
  const open = invoice.amountDue - done;
  const late = invoice.dueDate ? daysBetween(invoice.dueDate, today) : 0;
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    customerName: invoice.customerName,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    amountDue: invoice.amountDue,
    paid: s.paid,
    skonto: s.skonto,
    writtenOff: s.writtenOff,
    open,
    state: stateOf(invoice.amountDue, done),
    overdue: open > 0 && late > 0,
    daysOverdue: open > 0 ? Math.max(0, late) : 0,
    lastPaymentDate: s.lastPaymentDate,
  };
}

/** The default upper day bounds of the aging buckets: not due, 1-30, 31-60, 61-90, over 90. */
export const AGING_BOUNDS: readonly number[] = [30, 60, 90];

/**
 * Which aging bucket an open item falls in: 0 when not due, `i + 1` when at most `bounds[i]`
 * days past due (bounds ascending), `bounds.length + 1` beyond the last bound.
 */
export function agingBucketOf(item: Pick<OpenItem, 'overdue' | 'daysOverdue'>, bounds: readonly number[]): number {
  if (!item.overdue) return 0;
  for (let i = 0; i < bounds.length; i++) if (item.daysOverdue <= bounds[i]!) return i + 1;
  return bounds.length + 1;
}

/** Open amounts by aging bucket (see `agingBucketOf`); items with nothing open count in none. */
export function agingBy(items: readonly Pick<OpenItem, 'open' | 'overdue' | 'daysOverdue'>[], bounds: readonly number[]): number[] {
  const aging = new Array<number>(bounds.length + 2).fill(0);
  for (const item of items) if (item.open > 0) aging[agingBucketOf(item, bounds)]! += item.open;
  return aging;
}

/** Open amounts by days past due, for the open items list (Offene Posten). */
export function agingOf(items: readonly OpenItem[]): OpenItemsView['aging'] {
  const [notDue, d0_30, d31_60, d61_90, over90] = agingBy(items, AGING_BOUNDS) as [number, number, number, number, number];
  return { notDue, d0_30, d31_60, d61_90, over90 };
}
