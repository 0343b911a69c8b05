/**
 * The ledger: reads the invoices, their credit notes and the allocation facts, and answers with
 * the rules of rules.ts what is open, what a customer's credit and balance are, and which
 * allocations may be booked. Everything here is derived; nothing is stored.
 */
import { AppError, type InvoicePayments, type OpenItemsView, type ParsedInputOf } from '../../../src-shared/contract/index.js';
import type { Core } from '../../server/core.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import type { FactDoc } from '../../store/schemas/facts.js';
import { refundableCredit, type RefundClaim } from '../refunds.js';
import { agingOf, openItemOf, settledByInvoice, standing, type AllocationFact, type Settled } from './open-items.js';
import { amountDueOf, balanceOf, creditedBy, creditOf, type LedgerInvoice } from './rules.js';

/** The allocations of each payment that stand, summed: what the payment settled. */
export function allocatedByPayment(allocations: readonly { id: string; reversesId?: string; paymentId: string; amount: number }[]): Map<string, number> {
  const allocated = new Map<string, number>();
  for (const a of standing(allocations)) allocated.set(a.paymentId, (allocated.get(a.paymentId) ?? 0) + a.amount);
  return allocated;
}

export class Ledger {
  constructor(private readonly core: Pick<Core, 'books' | 'clock'>) {}

  private get db() {
    return this.core.books.db;
  }

  today(): string {
    return this.core.clock().toISOString().slice(0, 10);
  }

  /** Every allocation fact of these invoices (or all), with its payment's date. */
  async allocations(invoiceIds?: readonly string[]): Promise<(AllocationFact & { occurredAt: string })[]> {
    const selector: Record<string, unknown> = { kind: 'allocation' };
    if (invoiceIds) selector.subjectId = { $in: [...invoiceIds] };
    const docs = await this.db.facts.find({ selector }).exec();
    const payments = await this.db.facts.findByIds([...new Set(docs.map((d) => d.allocation!.paymentId))]).exec();
    return docs.map((d) => {
      const a = d.allocation!;
      return {
        id: d.id,
        paymentId: a.paymentId,
        invoiceId: a.invoiceId,
        amount: a.amount,
        skonto: a.skontoAmount ?? 0,
        writeOff: a.writeOffAmount ?? 0,
        ...(a.reversesId ? { reversesId: a.reversesId } : {}),
        paymentDate: payments.get(a.paymentId)?.payment?.date ?? '',
        occurredAt: d.occurredAt,
      };
    });
  }

  /** What issued credit notes took off each of these invoices, in cents. */
  async credited(invoiceIds: readonly string[]): Promise<Map<string, number>> {
    if (!invoiceIds.length) return new Map();
    const notes = await this.db.invoices.find({ selector: { correctsInvoiceId: { $in: [...invoiceIds] }, status: { $in: ['issued', 'sent'] } } as never }).exec();
    return creditedBy(notes);
  }

  /** These invoice documents as the ledger sees them. */
  private async ledgerInvoices(docs: readonly InvoiceDoc[], allocations?: readonly AllocationFact[]): Promise<Map<string, LedgerInvoice>> {
    const ids = docs.map((d) => d.id);
    const settled = settledByInvoice(allocations ?? (await this.allocations(ids)));
    const credited = await this.credited(ids);
    return new Map(docs.map((d) => [d.id, ledgerInvoiceOf(d, credited.get(d.id) ?? 0, settled.get(d.id))]));
  }

  /** These invoices (those that exist), as the allocation rules see them. */
  async invoices(ids: readonly string[]): Promise<Map<string, LedgerInvoice>> {
    const docs = await this.db.invoices.findByIds([...ids]).exec();
    return this.ledgerInvoices([...docs.values()].map((d) => d.toMutableJSON()));
  }

  /** Every issued invoice, as the allocation rules see them. */
  async issuedInvoices(): Promise<Map<string, LedgerInvoice>> {
    const docs = await this.db.invoices.find({ selector: { status: { $in: ['issued', 'sent'] }, documentType: 'invoice' } }).exec();
    return this.ledgerInvoices(docs.map((d) => d.toMutableJSON()), await this.allocations());
  }

  /** What is open of one invoice, in cents (negative when overpaid). */
  async openAmountOf(invoiceId: string): Promise<number> {
    return (await this.forInvoice(invoiceId)).item.open;
  }

  /** The refunds requested so far (but `exceptId`), as the refund rules see them. */
  async refundClaims(exceptId = ''): Promise<(RefundClaim & { id: string })[]> {
    const requests = await this.db.paymentRequests.find({ selector: { direction: 'outgoing' } }).exec();
    return requests
      .filter((r) => r.purpose === 'refund' && r.id !== exceptId)
      .map((r) => ({ id: r.id, status: r.status, amount: r.amount, customerId: r.customerId ?? '', creditNoteId: r.creditNoteId ?? '' }));
  }

  /**
   * The customer's credit that is free: not allocated, not refunded, and not held by a refund
   * waiting for review or for the cashier (but the request `exceptId`, which is being decided).
   * Refunds, allocations of a payment already booked, and directly booked refunds all draw on it.
   */
  async creditAvailable(customerId: string, exceptId = ''): Promise<number> {
    return refundableCredit(await this.creditOfCustomers(customerId), customerId, await this.refundClaims(exceptId));
  }

  /** Refuses to take more than the free credit of the customer, naming the field. */
  async assertCreditFree(customerId: string, amount: number, field: string, problem: string): Promise<void> {
    const available = await this.creditAvailable(customerId);
    if (amount > available) throw new AppError('VALIDATION_FAILED', `At most ${available} cents of the credit are free`, { fields: [{ field, problem }], available });
  }

  /** The credit of one customer (or of all): their incoming payments not allocated, less the refunds paid to them. */
  private async creditOfCustomers(customerId: string): Promise<number> {
    const selector: Record<string, unknown> = { kind: 'payment' };
    if (customerId) selector.subjectId = customerId;
    const booked = (await this.db.facts.find({ selector }).exec()).map((d) => d.toMutableJSON()).filter((d) => d.payment!.customerId);
    const received = booked.filter((d) => d.payment!.direction === 'incoming');
    // A refund booked to a customer pays their credit back; a bank's reversal of their payment takes it back.
    const refunded = booked.filter((d) => d.payment!.direction === 'outgoing' && (d.payment!.purpose === 'refund' || d.payment!.purpose === 'reversal')).reduce((sum, d) => sum + d.payment!.amount, 0);
    const allocated = await this.allocatedOf(received);
    return creditOf(received.map((d) => d.payment!.amount - (allocated.get(d.id) ?? 0)), refunded);
  }

  /** What the allocations that stand settled of each of these payments. */
  async allocatedOf(payments: readonly FactDoc[]): Promise<Map<string, number>> {
    const ids = payments.map((d) => d.id);
    if (!ids.length) return new Map();
    const docs = await this.db.facts.find({ selector: { kind: 'allocation', 'allocation.paymentId': { $in: ids } } }).exec();
    return allocatedByPayment(docs.map((d) => ({ id: d.id, paymentId: d.allocation!.paymentId, amount: d.allocation!.amount, ...(d.allocation!.reversesId ? { reversesId: d.allocation!.reversesId } : {}) })));
  }

  /** One invoice's state (paid, partly paid, open, overdue) and the payments allocated to it. */
  async forInvoice(invoiceId: string): Promise<InvoicePayments> {
    const doc = await this.db.invoices.findOne(invoiceId).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
    const allocations = await this.allocations([invoiceId]);
    const invoice = (await this.ledgerInvoices([doc.toMutableJSON()], allocations)).get(invoiceId)!;
    const item = openItemOf(invoice, invoice.settled, this.today());
    const live = standing(allocations);
    const payments = await this.db.facts.findByIds([...new Set(live.map((a) => a.paymentId))]).exec();
    return {
      item,
      payments: live
        .map((a) => ({ paymentId: a.paymentId, allocationId: a.id, date: a.paymentDate, method: payments.get(a.paymentId)?.payment?.method ?? 'bankTransfer', amount: a.amount, skonto: a.skonto, writeOff: a.writeOff }))
        .sort((x, y) => x.date.localeCompare(y.date)),
    };
  }

  /** Open items (Offene Posten) of one customer or all, with aging, the customers' credit and balance. */
  async openItems(input: ParsedInputOf<'payments.openItems'>): Promise<OpenItemsView> {
    const today = input.asOf ?? this.today();
    const selector: Record<string, unknown> = { status: { $in: ['issued', 'sent'] }, documentType: 'invoice' };
    if (input.customerId) selector.customerId = input.customerId;
    const docs = await this.db.invoices.find({ selector: selector as never, sort: [{ dueDate: 'asc' }] }).exec();
    const invoices = await this.ledgerInvoices(docs.map((d) => d.toMutableJSON()));
    const items = docs.map((d) => openItemOf(invoices.get(d.id)!, invoices.get(d.id)!.settled, today));
    const credit = await this.creditOfCustomers(input.customerId);
    const open = items.filter((i) => i.open > 0);
    return { items: open, aging: agingOf(open), credit, balance: balanceOf(open.map((i) => i.open), credit) };
  }
}

/** An invoice document as the ledger sees it. */
export function ledgerInvoiceOf(doc: InvoiceDoc, credited: number, settled: Settled | undefined): LedgerInvoice {
  return {
    id: doc.id,
    number: doc.number,
    documentType: doc.documentType,
    status: doc.status,
    customerId: doc.customerId,
    customerName: (doc.buyer as { name?: string } | undefined)?.name ?? '',
    currency: doc.currency,
    issueDate: doc.issueDate ?? '',
    dueDate: doc.dueDate,
    // A credit note lowers what the invoice asks for.
    amountDue: amountDueOf(doc) - credited,
    skontoTerm: doc.skonto ? { percent: doc.skonto.percent, days: doc.skonto.days } : null,
    settled,
  };
}
