/**
 * Payments: recording a payment and its allocations (append-only facts, one transaction with
 * their audit entries), later allocations and their reversal. What is open and what may be
 * allocated is the ledger's to say. An incoming customer payment queues the "payment received" mail.
 */
import { format } from 'date-fns';
import { AppError, type FieldError, type InvoicePayments, type OpenItemsView, type ParsedInputOf, type PaymentView, type Page, type PublicUser } from '../../src-shared/contract/index.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import { newId } from '../ids.js';
import type { Core } from '../server/core.js';
import type { ChangeDescription } from '../server/write-path.js';
import { newFact } from '../store/facts.js';
import { projectRows } from '../store/projection.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { allocationFact, reversalFact } from './allocation-facts.js';
import { Ledger } from './ledger/ledger.js';
import { checkAllocations } from './ledger/rules.js';
import type { PaymentsPorts, PreparedMail } from './ports.js';
import { PaymentViews } from './views.js';

export { WRITE_OFF_LIMIT } from './ledger/rules.js';

type AllocationInput = ParsedInputOf<'payments.record'>['allocations'][number];

const cents = (text: string) => toMinorUnits(dec(text || '0'));

/** The allocations as entered, in cents. */
export function allocationRequests(input: readonly AllocationInput[]) {
  return input.map((r) => ({ invoiceId: r.invoiceId, amount: cents(r.amount), skonto: cents(r.skonto), writeOff: cents(r.writeOff) }));
}

function refuse(problems: readonly FieldError[]): never {
  throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: [...problems] });
}

export class Payments {
  readonly ledger: Ledger;
  readonly views: PaymentViews;

  constructor(
    private readonly core: Core,
    private readonly ports: PaymentsPorts,
  ) {
    this.ledger = new Ledger(core);
    this.views = new PaymentViews(core);
  }

  private get facts() {
    return this.core.books.db.facts;
  }

  /**
   * Checks allocations with the ledger against the invoices as they stand; returns the facts to
   * write or throws a VALIDATION_FAILED that names each bad allocation field.
   */
  private async allocationFacts(
    payment: { id: string; date: string; amount: number; currency: string; customerId: string; alreadyAllocated: number },
    input: readonly AllocationInput[],
    user: PublicUser,
    now: string,
  ): Promise<{ facts: FactDoc[]; customerId: string; numbers: string[] }> {
    const requests = allocationRequests(input);
    const invoices = await this.ledger.invoices(requests.map((r) => r.invoiceId));
    const checked = checkAllocations(invoices, requests, payment, user.role);
    if (checked.problems.length) refuse(checked.problems.map((p) => ({ field: p.index < 0 ? p.field : `allocations.${p.index}.${p.field}`, problem: p.problem })));
    const at = { deviceId: this.core.books.deviceId, userId: user.id, occurredAt: now };
    return { facts: checked.accepted.map((a) => allocationFact(at, payment.id, a)), customerId: checked.customerId, numbers: checked.accepted.map((a) => a.number) };
  }

  /**
   * Records a payment and its allocations. `alongside` is written in the same transaction (a cash
   * book entry that is this payment), `id` given when that entry names the payment.
   */
  async record(input: ParsedInputOf<'payments.record'>, user: PublicUser, alongside?: { changes: readonly ChangeDescription[]; write(): Promise<void> }, id = newId()): Promise<PaymentView> {
    const { books, writes, clock } = this.core;
    const problems: FieldError[] = [];
    if (input.date > this.ledger.today()) problems.push({ field: 'date', problem: 'validation.futureDate' });
    if (input.allocations.length && (input.direction !== 'incoming' || input.purpose !== 'customerPayment')) problems.push({ field: 'allocations', problem: 'validation.allocationIncomingOnly' });
    if (input.customerId && !(await books.db.customers.findOne(input.customerId).exec())) problems.push({ field: 'customerId', problem: 'validation.unknownCustomer' });
    if (problems.length) refuse(problems);

    const now = clock().toISOString();
    const amount = cents(input.amount);
    const allocated = await this.allocationFacts({ id, date: input.date, amount, currency: input.currency, customerId: input.customerId, alreadyAllocated: 0 }, input.allocations, user, now);
    const customerId = allocated.customerId;
    const payment = newFact(books.deviceId, {
      id,
      kind: 'payment',
      subjectId: customerId || id,
      occurredAt: now,
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
    });
    const message = await this.thanks({ id, direction: input.direction, purpose: input.purpose, amount, currency: input.currency, date: input.date }, customerId, allocated.numbers, user);
    await writes.write(
      user.id,
      [
        { collection: 'facts', action: 'payment.recorded', entity: 'payment', entityId: id, after: payment.payment },
        ...allocated.facts.map((f) => ({ collection: 'facts', action: 'payment.allocated', entity: 'invoice', entityId: f.subjectId, after: f.allocation })),
        ...(alongside?.changes ?? []),
        ...message.changes,
      ],
      async () => {
        // A refund paid to a customer pays back their credit: never more than is free of it.
        if (input.direction === 'outgoing' && input.purpose === 'refund' && customerId) await this.ledger.assertCreditFree(customerId, amount, 'amount', 'validation.exceedsRefundable');
        const result = await books.db.facts.bulkInsert([payment, ...allocated.facts]);
        if (result.error.length) throw new Error('The payment could not be written');
        await alongside?.write();
        await message.insert();
      },
    );
    this.ports.mailQueued();
    return this.get(id);
  }

  /**
   * The customer's "payment received" message for an incoming customer payment, prepared to be
   * written in the same transaction as the payment or its allocation: a crash after the commit
   * owes none, and its dedupe key sends it once per payment, however the payment was assigned.
   */
  private async thanks(payment: { id: string; direction: string; purpose: string; amount: number; currency: string; date: string }, customerId: string, invoiceNumbers: readonly string[], user: PublicUser): Promise<PreparedMail> {
    const thanked = payment.direction === 'incoming' && payment.purpose === 'customerPayment' && customerId;
    const notices = thanked ? [{ id: payment.id, customerId, amount: payment.amount, currency: payment.currency, receivedOn: payment.date, invoiceNumber: invoiceNumbers.join(', ') }] : [];
    return this.ports.paymentNotices(notices, user.id);
  }

  /**
   * Allocates a payment to invoices. `alongside` is written in the same transaction (the review
   * step that assigns a waiting payment records its decision with it).
   */
  async allocate(input: ParsedInputOf<'payments.allocate'>, user: PublicUser, alongside?: { changes: readonly ChangeDescription[]; write(): Promise<void> }): Promise<PaymentView> {
    const view = await this.get(input.paymentId);
    if (view.direction !== 'incoming' || view.purpose !== 'customerPayment') throw new AppError('VALIDATION_FAILED', 'Only incoming customer payments are allocated', { fields: [{ field: 'paymentId', problem: 'validation.allocationIncomingOnly' }] });
    if (view.reversedBy) throw new AppError('VALIDATION_FAILED', `The bank took this payment back on ${view.reversedBy.date}`, { fields: [{ field: 'paymentId', problem: 'validation.paymentReversed' }] });
    const now = this.core.clock().toISOString();
    const allocated = await this.allocationFacts(
      { id: view.id, date: view.date, amount: view.amount, currency: view.currency, customerId: view.customerId, alreadyAllocated: view.amount - view.unallocated },
      input.allocations,
      user,
      now,
    );
    const message = await this.thanks(view, allocated.customerId, allocated.numbers, user);
    await this.core.writes.write(
      user.id,
      [...allocated.facts.map((f) => ({ collection: 'facts', action: 'payment.allocated', entity: 'invoice', entityId: f.subjectId, after: f.allocation })), ...(alongside?.changes ?? []), ...message.changes],
      async () => {
        // A payment booked to its customer is their credit until allocated; what a refund holds of it stays for the refund.
        const own = (await this.facts.findOne(view.id).exec())?.payment?.customerId;
        if (own) await this.ledger.assertCreditFree(own, allocated.facts.reduce((sum, f) => sum + f.allocation!.amount, 0), allocated.facts.length === 1 ? 'allocations.0.amount' : 'allocations', 'validation.creditReserved');
        const result = await this.core.books.db.facts.bulkInsert(allocated.facts);
        if (result.error.length) throw new Error('The allocation could not be written');
        await alongside?.write();
        await message.insert();
      },
    );
    this.ports.mailQueued();
    return this.get(view.id);
  }

  /** Takes an allocation back with a reversing fact; the first one stays, as history. */
  async reverseAllocation(allocationId: string, user: PublicUser): Promise<PaymentView> {
    const doc = await this.facts.findOne(allocationId).exec();
    if (!doc?.allocation || doc.allocation.reversesId) throw new AppError('NOT_FOUND', `Allocation ${allocationId} not found`);
    // A refund of a credit note settled the invoice's overpayment with money paid out: that stays.
    if (doc.allocation.amount < 0) throw new AppError('INVALID_STATE', 'A refund paid out is not taken back', { status: 'refunded' });
    // A cash receipt and its allocation are one: reversed together in the cash book, never apart here.
    if (await this.fromCashbook(doc.allocation.paymentId)) refuse([{ field: 'id', problem: 'validation.cashPaymentReverseInCashbook' }]);
    const already = await this.facts.find({ selector: { kind: 'allocation', subjectId: doc.subjectId } }).exec();
    if (already.some((f) => f.allocation?.reversesId === allocationId)) throw new AppError('INVALID_STATE', 'This allocation is reversed already', { status: 'reversed' });
    const taken = this.takeBack(doc, user);
    await this.core.writes.write(user.id, taken.change, async () => {
      await this.facts.insert(taken.fact);
    });
    return this.get(doc.allocation.paymentId);
  }

  /**
   * Takes back a cash book's payment, with `alongside` (the cash book's reversal entry) in the
   * same write: throwing there writes neither. The allocations that still stand are taken back
   * and the payment itself is reversed, as a bank's reversal (Storno) reverses one: the cash
   * went out again, so the customer keeps no credit of it. An allocation taken back already, or
   * a payment reversed already, stays as it is.
   */
  async reverseCashSettlement(paymentId: string, user: PublicUser, alongside: { changes: readonly ChangeDescription[]; write(): Promise<void> }): Promise<void> {
    const changes: ChangeDescription[] = [...alongside.changes];
    await this.core.writes.write(user.id, changes, async () => {
      const docs = (await this.facts.find({ selector: { kind: 'allocation', 'allocation.paymentId': paymentId } }).exec()).map((d) => d.toMutableJSON() as FactDoc);
      const reversed = new Set(docs.map((d) => d.allocation!.reversesId).filter(Boolean));
      const taken = docs.filter((d) => !d.allocation!.reversesId && !reversed.has(d.id) && d.allocation!.amount > 0).map((d) => this.takeBack(d, user));
      changes.push(...taken.map((t) => t.change));
      const storno = await this.cashReversal(paymentId, user);
      if (storno) changes.push({ collection: 'facts', action: 'payment.reversed', entity: 'payment', entityId: paymentId, after: storno.payment });
      await alongside.write();
      const facts = [...(storno ? [storno] : []), ...taken.map((t) => t.fact)];
      if (!facts.length) return;
      const result = await this.facts.bulkInsert(facts);
      if (result.error.length) throw new Error('The cash payment could not be taken back');
    });
  }

  /**
   * The payment that reverses a cash book's payment, dated the day of the cash book's reversal
   * entry (the device's local day), or null when it is reversed already.
   */
  private async cashReversal(paymentId: string, user: PublicUser): Promise<FactDoc | null> {
    const original = (await this.facts.findOne(paymentId).exec())?.toMutableJSON() as FactDoc | undefined;
    if (!original?.payment) return null;
    if (await this.facts.findOne({ selector: { kind: 'payment', 'payment.reversesPaymentId': paymentId } }).exec()) return null;
    const p = original.payment;
    const customerId = p.customerId ?? '';
    const id = newId();
    return newFact(this.core.books.deviceId, {
      id,
      kind: 'payment',
      subjectId: customerId || id,
      occurredAt: this.core.clock().toISOString(),
      userId: user.id,
      payment: {
        direction: p.direction === 'incoming' ? 'outgoing' : 'incoming',
        purpose: 'reversal',
        date: format(this.core.clock(), 'yyyy-MM-dd'),
        amount: p.amount,
        currency: p.currency,
        method: p.method,
        counterpartyName: p.counterpartyName ?? '',
        counterpartyIban: p.counterpartyIban ?? '',
        reference: p.reference ?? '',
        source: 'manual',
        reversesPaymentId: paymentId,
        ...(customerId ? { customerId } : {}),
      },
    });
  }

  /** The fact that takes an allocation back and its audit entry: the one way an allocation is reversed. */
  private takeBack(doc: Pick<FactDoc, 'id' | 'subjectId' | 'allocation'>, user: PublicUser): { fact: FactDoc; change: ChangeDescription } {
    const fact = reversalFact({ deviceId: this.core.books.deviceId, userId: user.id, occurredAt: this.core.clock().toISOString() }, doc);
    return { fact, change: { collection: 'facts', action: 'payment.allocationReversed', entity: 'invoice', entityId: doc.subjectId, before: doc.allocation } };
  }

  /**
   * Whether a payment is a cash book entry's (a cash receipt that settled an invoice): only a cash
   * payment can be, and then the cash entry naming it says so, found by one projection query.
   */
  private async fromCashbook(paymentId: string): Promise<boolean> {
    if ((await this.facts.findOne(paymentId).exec())?.payment?.method !== 'cash') return false;
    const filters = [{ path: '$.kind', values: ['cashEntry'] }, { path: '$.cashEntry.paymentId', values: [paymentId] }];
    return projectRows<{ id: string }>(this.core.books, 'facts', { id: '$.id' }, filters).length > 0;
  }

  get(id: string): Promise<PaymentView> {
    return this.views.get(id);
  }

  list(input: ParsedInputOf<'payments.list'>): Promise<Page<PaymentView>> {
    return this.views.list(input);
  }

  forInvoice(invoiceId: string): Promise<InvoicePayments> {
    return this.ledger.forInvoice(invoiceId);
  }

  openItems(input: ParsedInputOf<'payments.openItems'>): Promise<OpenItemsView> {
    return this.ledger.openItems(input);
  }

  creditAvailable(customerId: string, exceptId = ''): Promise<number> {
    return this.ledger.creditAvailable(customerId, exceptId);
  }

  refundClaims(exceptId = '') {
    return this.ledger.refundClaims(exceptId);
  }
}
