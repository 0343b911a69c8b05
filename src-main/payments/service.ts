/**
 * Payments: recording a payment and its allocations (append-only facts, one transaction with
 * their audit entries), later allocations and their reversal, and the open items derived from
 * the facts. An incoming customer payment queues the "payment received" mail.
 */
import {
  AppError,
  type FieldError,
  type InvoicePayments,
  type OpenItemsView,
  type PaymentView,
  type Page,
  type ParsedInputOf,
  type PublicUser,
} from '../../src-shared/contract/index.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import { addDays } from '../../src-shared/dates.js';
import { skontoOf } from '../../src-shared/invoice/skonto.js';
import { newId } from '../ids.js';
import { paymentReceivedMessage } from '../mail/events.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { Services } from '../services.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { InvoiceDoc } from '../store/schemas/books.js';
import { agingOf, openItemOf, settledByInvoice, standing, type AllocationFact, type InvoiceForLedger } from './ledger.js';
import { newestFirst } from './newest-first.js';
import { refundableCredit, type RefundClaim } from './refunds.js';

/** A remainder up to this many cents may be written off, by a supervisor or an admin. */
export const WRITE_OFF_LIMIT = 1000;
const WRITE_OFF_ROLES = new Set(['admin', 'supervisor']);

type AllocationRequest = ParsedInputOf<'payments.record'>['allocations'][number];

const cents = (text: string) => toMinorUnits(dec(text || '0'));

export class Payments {
  constructor(private readonly services: Services) {}

  private get facts() {
    return this.services.books.db.facts;
  }

  private today(): string {
    return this.services.clock().toISOString().slice(0, 10);
  }

  /** Every allocation fact of these invoices (or all), with its payment's date. */
  async allocations(invoiceIds?: readonly string[]): Promise<(AllocationFact & { occurredAt: string })[]> {
    const selector: Record<string, unknown> = { kind: 'allocation' };
    if (invoiceIds) selector.subjectId = { $in: [...invoiceIds] };
    const docs = await this.facts.find({ selector }).exec();
    const paymentIds = [...new Set(docs.map((d) => d.allocation!.paymentId))];
    const payments = await this.facts.findByIds(paymentIds).exec();
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

  /** The refunds requested so far (but `exceptId`), as the refund rules see them. */
  async refundClaims(exceptId = ''): Promise<(RefundClaim & { id: string })[]> {
    const requests = await this.services.books.db.paymentRequests.find({ selector: { direction: 'outgoing' } }).exec();
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
    const { credit } = await this.openItems({ customerId });
    return refundableCredit(credit, customerId, await this.refundClaims(exceptId));
  }

  /** Refuses to take more than the free credit of the customer, naming the field. */
  private async assertCreditFree(customerId: string, amount: number, field: string, problem: string): Promise<void> {
    const available = await this.creditAvailable(customerId);
    if (amount > available) throw new AppError('VALIDATION_FAILED', `At most ${available} cents of the credit are free`, { fields: [{ field, problem }], available });
  }

  /** What issued credit notes took off each of these invoices, in cents. */
  async credited(invoiceIds: readonly string[]): Promise<Map<string, number>> {
    const credited = new Map<string, number>();
    if (!invoiceIds.length) return credited;
    const notes = await this.services.books.db.invoices.find({ selector: { correctsInvoiceId: { $in: [...invoiceIds] }, status: { $in: ['issued', 'sent'] } } as never }).exec();
    for (const note of notes) {
      if (note.documentType !== 'creditNote' || !note.correctsInvoiceId) continue;
      const totals = note.totals as { amountDue?: number } | undefined;
      credited.set(note.correctsInvoiceId, (credited.get(note.correctsInvoiceId) ?? 0) + (totals?.amountDue ?? note.grossAmount));
    }
    return credited;
  }

  private async ledgerInvoice(doc: InvoiceDoc, credited = 0): Promise<InvoiceForLedger> {
    const totals = doc.totals as { amountDue?: number } | undefined;
    const buyer = doc.buyer as { name?: string } | undefined;
    return {
      id: doc.id,
      number: doc.number,
      customerId: doc.customerId,
      customerName: buyer?.name ?? '',
      issueDate: doc.issueDate ?? '',
      dueDate: doc.dueDate,
      currency: doc.currency,
      // A credit note lowers what the invoice asks for.
      amountDue: (totals?.amountDue ?? doc.grossAmount) - credited,
    };
  }

  /**
   * Checks allocations against the invoices as they stand; returns the facts to write or
   * throws a VALIDATION_FAILED that names each bad allocation field.
   */
  private async allocationFacts(
    payment: { id: string; date: string; amount: number; currency: string; customerId: string; alreadyAllocated: number },
    requests: readonly AllocationRequest[],
    user: PublicUser,
    now: string,
  ): Promise<{ facts: FactDoc[]; customerId: string; numbers: string[] }> {
    const problems: FieldError[] = [];
    const invoices = await this.services.books.db.invoices.findByIds(requests.map((r) => r.invoiceId)).exec();
    const settled = settledByInvoice(await this.allocations(requests.map((r) => r.invoiceId)));
    const credited = await this.credited(requests.map((r) => r.invoiceId));
    let customerId = payment.customerId;
    let total = 0;
    const facts: FactDoc[] = [];
    const numbers: string[] = [];
    const seen = new Set<string>();
    requests.forEach((r, i) => {
      const at = (field: string, problem: string) => problems.push({ field: `allocations.${i}.${field}`, problem });
      const doc = invoices.get(r.invoiceId);
      if (!doc || doc.documentType !== 'invoice' || (doc.status !== 'issued' && doc.status !== 'sent')) return at('invoiceId', 'validation.invoiceNotOpen');
      if (seen.has(doc.id)) return at('invoiceId', 'validation.duplicateInvoice');
      seen.add(doc.id);
      if (doc.currency !== payment.currency) return at('invoiceId', 'validation.currencyMismatch');
      if (customerId && doc.customerId !== customerId) return at('invoiceId', 'validation.otherCustomer');
      customerId ||= doc.customerId;
      const amount = cents(r.amount);
      const skonto = cents(r.skonto);
      const writeOff = cents(r.writeOff);
      if (amount + skonto + writeOff <= 0) return at('amount', 'validation.positive');
      const totals = doc.totals as { amountDue?: number } | undefined;
      const amountDue = totals?.amountDue ?? doc.grossAmount;
      const s = settled.get(doc.id);
      const open = amountDue - (credited.get(doc.id) ?? 0) - (s ? s.paid + s.skonto + s.writtenOff : 0);
      if (amount + skonto + writeOff > open) return at('amount', 'validation.exceedsOpen');
      if (skonto > 0) {
        const term = doc.skonto;
        if (!term || !doc.issueDate) return at('skonto', 'validation.noSkonto');
        const lastDay = addDays(doc.issueDate, term.days);
        if (payment.date > lastDay) return at('skonto', 'validation.skontoExpired');
        if ((s?.skonto ?? 0) + skonto > skontoOf(amountDue, term.percent).discount) return at('skonto', 'validation.skontoTooHigh');
      }
      if (writeOff > 0) {
        if (!WRITE_OFF_ROLES.has(user.role)) return at('writeOff', 'validation.writeOffNotAllowed');
        if ((s?.writtenOff ?? 0) + writeOff > WRITE_OFF_LIMIT) return at('writeOff', 'validation.writeOffTooHigh');
        // A write-off settles the small rest of an invoice; it is not a way to lower what is owed.
        if (amount + skonto + writeOff !== open) return at('writeOff', 'validation.writeOffNotClosing');
      }
      total += amount;
      numbers.push(doc.number);
      facts.push({
        id: newId(),
        kind: 'allocation',
        subjectId: doc.id,
        occurredAt: now,
        deviceId: this.services.books.deviceId,
        seq: 0,
        userId: user.id,
        allocation: { paymentId: payment.id, invoiceId: doc.id, amount, ...(skonto ? { skontoAmount: skonto } : {}), ...(writeOff ? { writeOffAmount: writeOff } : {}) },
      });
    });
    if (!problems.length && payment.alreadyAllocated + total > payment.amount) problems.push({ field: 'allocations', problem: 'validation.allocationsExceedPayment' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: problems });
    return { facts, customerId, numbers };
  }

  async record(input: ParsedInputOf<'payments.record'>, user: PublicUser): Promise<PaymentView> {
    const { books, writes, clock } = this.services;
    const problems: FieldError[] = [];
    if (input.date > this.today()) problems.push({ field: 'date', problem: 'validation.futureDate' });
    if (input.allocations.length && (input.direction !== 'incoming' || input.purpose !== 'customerPayment')) problems.push({ field: 'allocations', problem: 'validation.allocationIncomingOnly' });
    if (input.customerId && !(await books.db.customers.findOne(input.customerId).exec())) problems.push({ field: 'customerId', problem: 'validation.unknownCustomer' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: problems });

    const now = clock().toISOString();
    const id = newId();
    const amount = cents(input.amount);
    const allocated = await this.allocationFacts({ id, date: input.date, amount, currency: input.currency, customerId: input.customerId, alreadyAllocated: 0 }, input.allocations, user, now);
    const customerId = allocated.customerId;
    const payment: FactDoc = {
      id,
      kind: 'payment',
      subjectId: customerId || id,
      occurredAt: now,
      deviceId: books.deviceId,
      seq: 0,
      userId: user.id,
      payment: {
        direction: input.direction,
        purpose: input.purpose,
        date: input.date,
        amount,
        currency: input.currency,
        method: input.method,
        counterpartyName: input.counterpartyName,
        counterpartyIban: input.counterpartyIban.replace(/\s+/g, '').toUpperCase(),
        reference: input.reference,
        source: 'manual',
        ...(customerId ? { customerId } : {}),
      },
    };
    const message = await this.thanks({ id, direction: input.direction, purpose: input.purpose, amount, currency: input.currency, date: input.date }, customerId, allocated.numbers, user);
    await writes.write(
      user.id,
      [
        { collection: 'facts', action: 'payment.recorded', entity: 'payment', entityId: id, after: payment.payment },
        ...allocated.facts.map((f) => ({ collection: 'facts', action: 'payment.allocated', entity: 'invoice', entityId: f.subjectId, after: f.allocation })),
        ...message.changes,
      ],
      async () => {
        // A refund paid to a customer pays back their credit: never more than is free of it.
        if (input.direction === 'outgoing' && input.purpose === 'refund' && customerId) await this.assertCreditFree(customerId, amount, 'amount', 'validation.exceedsRefundable');
        const result = await books.db.facts.bulkInsert([payment, ...allocated.facts]);
        if (result.error.length) throw new Error('The payment could not be written');
        await message.insert();
      },
    );
    this.services.mail.kick();
    return this.get(id);
  }

  /**
   * The customer's "payment received" message for an incoming customer payment, prepared to be
   * written in the same transaction as the payment or its allocation: a crash after the commit
   * owes none, and its dedupe key sends it once per payment, however the payment was assigned.
   */
  private async thanks(
    payment: { id: string; direction: string; purpose: string; amount: number; currency: string; date: string },
    customerId: string,
    invoiceNumbers: readonly string[],
    user: PublicUser,
  ): ReturnType<Services['mail']['prepare']> {
    const thanks = payment.direction === 'incoming' && payment.purpose === 'customerPayment' && customerId
      ? await paymentReceivedMessage(this.services, this.services.mail, { id: payment.id, customerId, amount: payment.amount, currency: payment.currency, receivedOn: payment.date, invoiceNumber: invoiceNumbers.join(', ') })
      : null;
    return this.services.mail.prepare(thanks ? [thanks] : [], user.id);
  }

  /**
   * Allocates a payment to invoices. `alongside` is written in the same transaction (the review
   * step that assigns a waiting payment records its decision with it).
   */
  async allocate(input: ParsedInputOf<'payments.allocate'>, user: PublicUser, alongside?: { changes: readonly ChangeDescription[]; write(): Promise<void> }): Promise<PaymentView> {
    const view = await this.get(input.paymentId);
    if (view.direction !== 'incoming' || view.purpose !== 'customerPayment') throw new AppError('VALIDATION_FAILED', 'Only incoming customer payments are allocated', { fields: [{ field: 'paymentId', problem: 'validation.allocationIncomingOnly' }] });
    const now = this.services.clock().toISOString();
    const allocated = await this.allocationFacts(
      { id: view.id, date: view.date, amount: view.amount, currency: view.currency, customerId: view.customerId, alreadyAllocated: view.amount - view.unallocated },
      input.allocations,
      user,
      now,
    );
    const message = await this.thanks(view, allocated.customerId, allocated.numbers, user);
    await this.services.writes.write(
      user.id,
      [...allocated.facts.map((f) => ({ collection: 'facts', action: 'payment.allocated', entity: 'invoice', entityId: f.subjectId, after: f.allocation })), ...(alongside?.changes ?? []), ...message.changes],
      async () => {
        // A payment booked to its customer is their credit until allocated; what a refund holds of it stays for the refund.
        const own = (await this.facts.findOne(view.id).exec())?.payment?.customerId;
        if (own) await this.assertCreditFree(own, allocated.facts.reduce((sum, f) => sum + f.allocation!.amount, 0), allocated.facts.length === 1 ? 'allocations.0.amount' : 'allocations', 'validation.creditReserved');
        const result = await this.services.books.db.facts.bulkInsert(allocated.facts);
        if (result.error.length) throw new Error('The allocation could not be written');
        await alongside?.write();
        await message.insert();
      },
    );
    this.services.mail.kick();
    return this.get(view.id);
  }

  /** Takes an allocation back with a reversing fact; the first one stays, as history. */
  async reverseAllocation(allocationId: string, user: PublicUser): Promise<PaymentView> {
    const doc = await this.facts.findOne(allocationId).exec();
    if (!doc?.allocation || doc.allocation.reversesId) throw new AppError('NOT_FOUND', `Allocation ${allocationId} not found`);
    // A refund of a credit note settled the invoice's overpayment with money paid out: that stays.
    if (doc.allocation.amount < 0) throw new AppError('INVALID_STATE', 'A refund paid out is not taken back', { status: 'refunded' });
    const already = await this.facts.find({ selector: { kind: 'allocation', subjectId: doc.subjectId } }).exec();
    if (already.some((f) => f.allocation?.reversesId === allocationId)) throw new AppError('INVALID_STATE', 'This allocation is reversed already', { status: 'reversed' });
    const a = doc.allocation;
    const reversal: FactDoc = {
      id: newId(),
      kind: 'allocation',
      subjectId: doc.subjectId,
      occurredAt: this.services.clock().toISOString(),
      deviceId: this.services.books.deviceId,
      seq: 0,
      userId: user.id,
      allocation: { paymentId: a.paymentId, invoiceId: a.invoiceId, amount: a.amount, ...(a.skontoAmount ? { skontoAmount: a.skontoAmount } : {}), ...(a.writeOffAmount ? { writeOffAmount: a.writeOffAmount } : {}), reversesId: allocationId },
    };
    await this.services.writes.write(user.id, { collection: 'facts', action: 'payment.allocationReversed', entity: 'invoice', entityId: doc.subjectId, before: a }, async () => {
      await this.facts.insert(reversal);
    });
    return this.get(a.paymentId);
  }

  async get(id: string): Promise<PaymentView> {
    const doc = await this.facts.findOne(id).exec();
    if (!doc?.payment) throw new AppError('NOT_FOUND', `Payment ${id} not found`);
    return (await this.views([doc.toMutableJSON()]))[0]!;
  }

  async list(input: ParsedInputOf<'payments.list'>): Promise<Page<PaymentView>> {
    const selector: Record<string, unknown> = { kind: 'payment' };
    if (input.customerId) selector.subjectId = input.customerId;
    const all = (await this.facts.find({ selector }).exec())
      .map((d) => d.toMutableJSON())
      .filter((d) => !input.direction || d.payment!.direction === input.direction)
      .sort(newestFirst);
    const page = all.slice(input.page * input.pageSize, (input.page + 1) * input.pageSize);
    return { items: await this.views(page), total: all.length, page: input.page, pageSize: input.pageSize };
  }

  private async views(docs: FactDoc[]): Promise<PaymentView[]> {
    const ids = docs.map((d) => d.id);
    const allocationDocs = ids.length ? (await this.facts.find({ selector: { kind: 'allocation', 'allocation.paymentId': { $in: ids } } }).exec()).map((d) => d.toMutableJSON()) : [];
    const invoiceIds = [...new Set(allocationDocs.map((a) => a.allocation!.invoiceId))];
    const invoices = await this.services.books.db.invoices.findByIds(invoiceIds).exec();
    const customers = await this.services.books.db.customers.findByIds([...new Set([...docs.map((d) => d.payment!.customerId ?? ''), ...[...invoices.values()].map((i) => i.customerId)].filter(Boolean))]).exec();
    return docs.map((d) => {
      const p = d.payment!;
      const mine = allocationDocs.filter((a) => a.allocation!.paymentId === d.id).map((a) => ({ id: a.id, ...a.allocation!, occurredAt: a.occurredAt }));
      const live = new Set(standing(mine).map((a) => a.id));
      const allocations = mine
        .filter((a) => !a.reversesId)
        .map((a) => ({
          id: a.id,
          invoiceId: a.invoiceId,
          invoiceNumber: invoices.get(a.invoiceId)?.number ?? '',
          amount: a.amount,
          skonto: a.skontoAmount ?? 0,
          writeOff: a.writeOffAmount ?? 0,
          reversed: !live.has(a.id),
          occurredAt: a.occurredAt,
        }));
      const allocatedAmount = allocations.filter((a) => !a.reversed).reduce((sum, a) => sum + a.amount, 0);
      // A payment booked without a customer belongs to the customer of the invoices it settles.
      const customerId = p.customerId || invoices.get(allocations.find((a) => !a.reversed)?.invoiceId ?? '')?.customerId || '';
      return {
        id: d.id,
        direction: p.direction,
        purpose: p.purpose ?? 'customerPayment',
        date: p.date,
        amount: p.amount,
        currency: p.currency,
        method: p.method,
        counterpartyName: p.counterpartyName ?? '',
        counterpartyIban: p.counterpartyIban ?? '',
        reference: p.reference ?? '',
        source: p.source,
        customerId,
        customerName: customers.get(customerId)?.name ?? '',
        allocations,
        unallocated: p.direction === 'incoming' ? p.amount - allocatedAmount : 0,
        recordedAt: d.occurredAt,
      };
    });
  }

  /** One invoice's state (paid, partly paid, open, overdue) and the payments allocated to it. */
  async forInvoice(invoiceId: string): Promise<InvoicePayments> {
    const doc = await this.services.books.db.invoices.findOne(invoiceId).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
    const allocations = await this.allocations([invoiceId]);
    const item = openItemOf(await this.ledgerInvoice(doc, (await this.credited([invoiceId])).get(invoiceId)), settledByInvoice(allocations).get(invoiceId), this.today());
    const live = standing(allocations);
    const payments = await this.facts.findByIds([...new Set(live.map((a) => a.paymentId))]).exec();
    return {
      item,
      payments: live
        .map((a) => ({ paymentId: a.paymentId, allocationId: a.id, date: a.paymentDate, method: payments.get(a.paymentId)?.payment?.method ?? 'bankTransfer', amount: a.amount, skonto: a.skonto, writeOff: a.writeOff }))
        .sort((x, y) => x.date.localeCompare(y.date)),
    };
  }

  /** Open items (Offene Posten) of one customer or all, with aging and the customers' credit. */
  async openItems(input: ParsedInputOf<'payments.openItems'>): Promise<OpenItemsView> {
    const today = input.asOf ?? this.today();
    const selector: Record<string, unknown> = { status: { $in: ['issued', 'sent'] }, documentType: 'invoice' };
    if (input.customerId) selector.customerId = input.customerId;
    const docs = await this.services.books.db.invoices.find({ selector: selector as never, sort: [{ dueDate: 'asc' }] }).exec();
    const settled = settledByInvoice(await this.allocations(docs.map((d) => d.id)));
    const credited = await this.credited(docs.map((d) => d.id));
    const items = await Promise.all(docs.map(async (d) => openItemOf(await this.ledgerInvoice(d, credited.get(d.id)), settled.get(d.id), today)));
    const paymentSelector: Record<string, unknown> = { kind: 'payment' };
    if (input.customerId) paymentSelector.subjectId = input.customerId;
    const customers = (await this.facts.find({ selector: paymentSelector }).exec()).map((d) => d.toMutableJSON()).filter((d) => d.payment!.customerId);
    const received = customers.filter((d) => d.payment!.direction === 'incoming');
    // A refund booked to a customer pays their credit back.
    const refunded = customers.filter((d) => d.payment!.direction === 'outgoing' && d.payment!.purpose === 'refund').reduce((sum, d) => sum + d.payment!.amount, 0);
    const credit = (await this.views(received)).reduce((sum, p) => sum + p.unallocated, 0) - refunded;
    const open = items.filter((i) => i.open > 0);
    return { items: open, aging: agingOf(open), credit, balance: open.reduce((sum, i) => sum + i.open, 0) - credit };
  }
}
