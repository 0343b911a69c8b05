/**
 * The ledger's rules, in one home: what an invoice asks for and what is open of it, whether
 * Skonto may be taken, and whether an allocation may be booked (amount, Skonto deadline, the
 * role and limit of a write-off). Manual payments, the statement import and the reminder run all
 * decide with these. Pure and integer-only: the ledger reads the books, these decide.
 */
import { addDays } from '../../../src-shared/dates.js';
import { skontoOf } from '../../../src-shared/invoice/skonto.js';
import type { Settled } from './open-items.js';

/** A remainder up to this many cents may be written off, by a supervisor or an admin. */
export const WRITE_OFF_LIMIT = 1000;
const WRITE_OFF_ROLES: ReadonlySet<string> = new Set(['admin', 'supervisor']);

/** An invoice as the ledger sees it: what it asks for (less its credit notes) and what settled it. */
export type LedgerInvoice = {
  id: string;
  number: string;
  documentType: string;
  status: string;
  customerId: string;
  customerName: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  /** What the invoice asks for, less what its credit notes took off. */
  amountDue: number;
  skontoTerm: { percent: string; days: number } | null;
  settled: Settled | undefined;
};

export type AllocationAmounts = { amount: number; skonto: number; writeOff: number };
export type AllocationRequest = AllocationAmounts & { invoiceId: string };
export type PaymentForAllocation = { date: string; currency: string; customerId: string };
export type AllocationProblem = { field: 'invoiceId' | 'amount' | 'skonto' | 'writeOff'; problem: string };

/** What an invoice or credit note asks for, in cents, as issued. */
export function amountDueOf(doc: { totals?: unknown; grossAmount: number }): number {
  return (doc.totals as { amountDue?: number } | undefined)?.amountDue ?? doc.grossAmount;
}

/** What issued credit notes took off each invoice they correct, in cents. */
export function creditedBy(notes: Iterable<{ documentType: string; correctsInvoiceId?: string | undefined; totals?: unknown; grossAmount: number }>): Map<string, number> {
  const credited = new Map<string, number>();
  for (const note of notes) {
    if (note.documentType !== 'creditNote' || !note.correctsInvoiceId) continue;
    credited.set(note.correctsInvoiceId, (credited.get(note.correctsInvoiceId) ?? 0) + amountDueOf(note));
  }
  return credited;
}

/** What one allocation settles of its invoice: paid, Skonto and written off. */
export function settledBy(allocation: AllocationAmounts): number {
  return allocation.amount + allocation.skonto + allocation.writeOff;
}

/** The open amount: what is due (less credit notes) minus what allocations settled. */
export function openAmount(amountDue: number, credited: number, settled: number): number {
  return amountDue - credited - settled;
}

/** The open amount of an invoice as the ledger holds it. */
export function openOf(invoice: Pick<LedgerInvoice, 'amountDue' | 'settled'>): number {
  const s = invoice.settled;
  return openAmount(invoice.amountDue, 0, s ? s.paid + s.skonto + s.writtenOff : 0);
}

/** The invoice's Skonto: its discount, what is left to pay with it, and the last day to pay. Null without a term. */
export function skontoTermOf(invoice: Pick<LedgerInvoice, 'skontoTerm' | 'issueDate' | 'amountDue'>): { discount: number; payable: number; lastDay: string } | null {
  if (!invoice.skontoTerm || !invoice.issueDate) return null;
  return { ...skontoOf(invoice.amountDue, invoice.skontoTerm.percent), lastDay: addDays(invoice.issueDate, invoice.skontoTerm.days) };
}

/**
 * What a payment of `paid` cents on `date` leaves to pay with Skonto, when it takes it: an
 * invoice nothing settled yet, paid within the term, with at least the amount less the discount
 * and less than the whole. Otherwise null.
 */
export function skontoOffer(invoice: LedgerInvoice, date: string, paid: number): { amount: number; skonto: number } | null {
  const term = skontoTermOf(invoice);
  if (!term || term.discount <= 0 || date > term.lastDay || openOf(invoice) !== invoice.amountDue) return null;
  if (paid < term.payable || paid >= invoice.amountDue) return null;
  return { amount: term.payable, skonto: term.discount };
}

function isOpenInvoice(invoice: LedgerInvoice | undefined): invoice is LedgerInvoice {
  return !!invoice && invoice.documentType === 'invoice' && (invoice.status === 'issued' || invoice.status === 'sent');
}

/** Why an allocation of a payment to an invoice may not be booked, or null when it may. */
export function allocationProblem(invoice: LedgerInvoice | undefined, a: AllocationAmounts, payment: PaymentForAllocation, role: string): AllocationProblem | null {
  if (!isOpenInvoice(invoice)) return { field: 'invoiceId', problem: 'validation.invoiceNotOpen' };
  if (invoice.currency !== payment.currency) return { field: 'invoiceId', problem: 'validation.currencyMismatch' };
  if (payment.customerId && invoice.customerId !== payment.customerId) return { field: 'invoiceId', problem: 'validation.otherCustomer' };
  if (settledBy(a) <= 0) return { field: 'amount', problem: 'validation.positive' };
  const open = openOf(invoice);
  if (settledBy(a) > open) return { field: 'amount', problem: 'validation.exceedsOpen' };
  if (a.skonto > 0) {
    const term = skontoTermOf(invoice);
    if (!term) return { field: 'skonto', problem: 'validation.noSkonto' };
    if (payment.date > term.lastDay) return { field: 'skonto', problem: 'validation.skontoExpired' };
    if ((invoice.settled?.skonto ?? 0) + a.skonto > term.discount) return { field: 'skonto', problem: 'validation.skontoTooHigh' };
  }
  if (a.writeOff > 0) {
    if (!WRITE_OFF_ROLES.has(role)) return { field: 'writeOff', problem: 'validation.writeOffNotAllowed' };
    if ((invoice.settled?.writtenOff ?? 0) + a.writeOff > WRITE_OFF_LIMIT) return { field: 'writeOff', problem: 'validation.writeOffTooHigh' };
    // A write-off settles the small rest of an invoice; it is not a way to lower what is owed.
    if (settledBy(a) !== open) return { field: 'writeOff', problem: 'validation.writeOffNotClosing' };
  }
  return null;
}

/** The invoice after an allocation: what the next allocation in the same booking sees. */
export function afterAllocation(invoice: LedgerInvoice, a: AllocationAmounts, date: string): LedgerInvoice {
  const s = invoice.settled ?? { paid: 0, skonto: 0, writtenOff: 0, lastPaymentDate: '' };
  return {
    ...invoice,
    settled: { paid: s.paid + a.amount, skonto: s.skonto + a.skonto, writtenOff: s.writtenOff + a.writeOff, lastPaymentDate: a.amount > 0 && date > s.lastPaymentDate ? date : s.lastPaymentDate },
  };
}

export type CheckedAllocations = {
  problems: { index: number; field: string; problem: string }[];
  accepted: (AllocationRequest & { number: string })[];
  /** The payment's customer: its own, or the one of the invoices it settles. */
  customerId: string;
};

/**
 * The allocations of one payment, each checked against its invoice as it stands (and as the
 * earlier ones of the same payment leave it): no invoice twice, one customer, never more than
 * the payment. A problem names the allocation's index and field.
 */
export function checkAllocations(
  invoices: ReadonlyMap<string, LedgerInvoice>,
  requests: readonly AllocationRequest[],
  payment: PaymentForAllocation & { amount: number; alreadyAllocated: number },
  role: string,
): CheckedAllocations {
  const problems: CheckedAllocations['problems'] = [];
  const accepted: CheckedAllocations['accepted'] = [];
  const seen = new Set<string>();
  let customerId = payment.customerId;
  let total = 0;
  requests.forEach((r, index) => {
    const invoice = invoices.get(r.invoiceId);
    if (!isOpenInvoice(invoice)) return problems.push({ index, field: 'invoiceId', problem: 'validation.invoiceNotOpen' });
    if (seen.has(invoice.id)) return problems.push({ index, field: 'invoiceId', problem: 'validation.duplicateInvoice' });
    seen.add(invoice.id);
    const problem = allocationProblem(invoice, r, { ...payment, customerId }, role);
    if (problem) return problems.push({ index, ...problem });
    customerId ||= invoice.customerId;
    total += r.amount;
    accepted.push({ ...r, invoiceId: invoice.id, number: invoice.number });
  });
  if (!problems.length && payment.alreadyAllocated + total > payment.amount) problems.push({ index: -1, field: 'allocations', problem: 'validation.allocationsExceedPayment' });
  return { problems, accepted, customerId };
}

/** A customer's credit: what their incoming payments left unallocated, less the refunds paid to them. */
export function creditOf(unallocated: readonly number[], refunded: number): number {
  return unallocated.reduce((sum, n) => sum + n, 0) - refunded;
}

/** The customer's balance: what is open on their invoices, less their credit. */
export function balanceOf(open: readonly number[], credit: number): number {
  return open.reduce((sum, n) => sum + n, 0) - credit;
}
