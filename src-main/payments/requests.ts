/**
 * Payment requests, the review step: an outgoing payment (refund, payout, supplier payment) is
 * requested, a reviewer (supervisor or admin, never the requester) approves or rejects it with a
 * reason, and the cashier marks an approved one executed, which books it as a payment, or
 * failed. A refund's limit (the customer's credit or the credit note) is checked when it is
 * requested, approved and executed, each time in the write. An incoming bank payment that matched nothing cleanly waits here too, until a reviewer
 * assigns it to invoices. Every step is a write with its audit entry.
 */
import { mayApproveAsSecondPerson, mayExecuteAsSecondPerson } from '../../src-shared/approval/four-eyes.js';
import { AppError, type PaymentRequestView, type ParsedInputOf, type PublicUser, type RefundSource } from '../../src-shared/contract/index.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import { newId } from '../ids.js';
import type { Core } from '../server/core.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { PaymentRequestDoc } from '../store/schemas/workflow.js';
import type { Payments } from './service.js';
import { refundableCreditNote } from './refunds.js';

const REVIEWERS = new Set(['admin', 'supervisor']);
const CASHIERS = new Set(['admin', 'cashier', 'supervisor']);

/** Names of the people and numbers of the documents a request refers to. */
type Names = { users: Map<string, string>; documents: Map<string, string> };
const NO_NAMES: Names = { users: new Map(), documents: new Map() };

function viewOf(d: PaymentRequestDoc, names: Names = NO_NAMES): PaymentRequestView {
  return {
    id: d.id,
    status: d.status,
    direction: d.direction,
    purpose: d.purpose ?? (d.direction === 'incoming' ? 'customerPayment' : 'payout'),
    amount: d.amount,
    currency: d.currency,
    method: d.method,
    counterpartyName: d.counterpartyName ?? '',
    counterpartyIban: d.counterpartyIban ?? '',
    counterpartyBic: d.counterpartyBic ?? '',
    reference: d.reference ?? '',
    customerId: d.customerId ?? '',
    creditNoteId: d.creditNoteId ?? '',
    creditNoteNumber: names.documents.get(d.creditNoteId ?? '') ?? '',
    paymentId: d.paymentId ?? '',
    invoiceIds: [...(d.invoiceIds ?? [])],
    reviewerId: d.reviewerId ?? '',
    reviewerName: names.users.get(d.reviewerId ?? '') ?? '',
    decisionReason: d.decisionReason ?? '',
    executedOn: d.executedOn ?? '',
    createdBy: d.createdBy ?? '',
    createdByName: names.users.get(d.createdBy ?? '') ?? '',
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export class PaymentRequests {
  constructor(
    private readonly services: Core,
    private readonly payments: Payments,
  ) {}

  private get collection() {
    return this.services.books.db.paymentRequests;
  }

  async create(input: ParsedInputOf<'paymentRequests.create'>, user: PublicUser): Promise<PaymentRequestView> {
    const amount = toMinorUnits(dec(input.amount));
    const now = this.services.clock().toISOString();
    const doc: PaymentRequestDoc = {
      id: newId(),
      status: 'requested',
      direction: 'outgoing',
      purpose: input.purpose,
      amount,
      currency: input.currency,
      method: input.method,
      counterpartyName: input.counterpartyName,
      counterpartyIban: input.counterpartyIban,
      counterpartyBic: input.counterpartyBic,
      reference: input.reference,
      ...(input.customerId ? { customerId: input.customerId } : {}),
      ...(input.creditNoteId ? { creditNoteId: input.creditNoteId } : {}),
      invoiceIds: [],
      // The reviewer is whoever reviews it, never one the requester names.
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      updatedBy: user.id,
    };
    await this.services.writes.write(user.id, { collection: 'paymentRequests', action: 'paymentRequest.created', entity: 'paymentRequest', entityId: doc.id, after: viewOf(doc) }, async () => {
      await this.assertRefundable(doc);
      await this.collection.insert(doc);
    });
    return (await this.withNames([doc]))[0]!;
  }

  /**
   * What a refund from a customer's credit or from a credit note may be: the payee, the IBAN the
   * customer last paid from, and the most that may still be refunded.
   */
  async refundSource(input: { customerId: string; creditNoteId: string }, exceptId = ''): Promise<RefundSource> {
    const { books } = this.services;
    if (input.creditNoteId) {
      const note = await books.db.invoices.findOne(input.creditNoteId).exec();
      if (!note || note.documentType !== 'creditNote' || (note.status !== 'issued' && note.status !== 'sent') || !note.correctsInvoiceId) {
        throw new AppError('VALIDATION_FAILED', 'Only an issued credit note is refunded', { fields: [{ field: 'creditNoteId', problem: 'validation.notRefundable' }] });
      }
      const { item } = await this.payments.forInvoice(note.correctsInvoiceId);
      const notes = await books.db.invoices.find({ selector: { correctsInvoiceId: note.correctsInvoiceId } as never }).exec();
      const amount = (note.totals as { amountDue?: number } | undefined)?.amountDue ?? note.grossAmount;
      const available = refundableCreditNote({ id: note.id, amount }, { overpaid: Math.max(0, -item.open), creditNoteIds: notes.map((n) => n.id) }, await this.payments.refundClaims(exceptId));
      const buyer = note.buyer as { name?: string } | undefined;
      return { customerId: note.customerId, creditNoteId: note.id, creditNoteNumber: note.number ?? '', payeeName: buyer?.name ?? '', iban: await this.lastIbanOf(note.customerId), currency: note.currency, available, reference: note.number ?? '' };
    }
    const customer = await books.db.customers.findOne(input.customerId).exec();
    if (!customer) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] });
    const available = await this.payments.creditAvailable(customer.id, exceptId);
    return { customerId: customer.id, creditNoteId: '', creditNoteNumber: '', payeeName: customer.name, iban: await this.lastIbanOf(customer.id), currency: 'EUR', available, reference: customer.number ?? '' };
  }

  /**
   * A refund pays back what the customer has to get: never more than the credit or the credit
   * note, less the other refunds of it. Run inside the write of each step (request, approval,
   * execution), so that money held for one refund is never paid out or allocated twice.
   */
  private async assertRefundable(doc: PaymentRequestDoc): Promise<void> {
    if (doc.direction !== 'outgoing' || doc.purpose !== 'refund') return;
    const source = await this.refundSource({ customerId: doc.customerId ?? '', creditNoteId: doc.creditNoteId ?? '' }, doc.id);
    if (doc.currency !== source.currency) throw new AppError('VALIDATION_FAILED', 'The refund is in another currency than its source', { fields: [{ field: 'currency', problem: 'validation.refundCurrency' }] });
    if (doc.amount > source.available) throw new AppError('VALIDATION_FAILED', `At most ${source.available} cents may be refunded`, { fields: [{ field: 'amount', problem: 'validation.exceedsRefundable' }], available: source.available });
  }

  /** The IBAN the customer's latest payment came from, or "". */
  private async lastIbanOf(customerId: string): Promise<string> {
    const payments = await this.services.books.db.facts.find({ selector: { kind: 'payment', subjectId: customerId }, sort: [{ occurredAt: 'desc' }] }).exec();
    return payments.find((p) => p.payment?.direction === 'incoming' && p.payment.counterpartyIban)?.payment?.counterpartyIban ?? '';
  }

  /** Views with the names of requesters and reviewers and the numbers of credit notes. */
  private async withNames(docs: PaymentRequestDoc[]): Promise<PaymentRequestView[]> {
    const userIds = [...new Set(docs.flatMap((d) => [d.createdBy ?? '', d.reviewerId ?? '']).filter(Boolean))];
    const noteIds = [...new Set(docs.map((d) => d.creditNoteId ?? '').filter(Boolean))];
    const users = await this.services.books.db.users.findByIds(userIds).exec();
    const notes = await this.services.books.db.invoices.findByIds(noteIds).exec();
    const names: Names = { users: new Map([...users].map(([id, u]) => [id, u.name])), documents: new Map([...notes].map(([id, n]) => [id, n.number ?? ''])) };
    return docs.map((d) => viewOf(d, names));
  }

  /** An incoming payment nothing matched cleanly: a reviewer assigns it. */
  async forUnmatched(payment: FactDoc, userId: string): Promise<PaymentRequestDoc> {
    const p = payment.payment!;
    const now = this.services.clock().toISOString();
    return {
      id: newId(),
      status: 'requested',
      direction: 'incoming',
      purpose: 'customerPayment',
      amount: p.amount,
      currency: p.currency,
      method: p.method,
      counterpartyName: p.counterpartyName ?? '',
      counterpartyIban: p.counterpartyIban ?? '',
      reference: p.reference ?? '',
      paymentId: payment.id,
      invoiceIds: [],
      createdAt: now,
      createdBy: userId,
      updatedAt: now,
      updatedBy: userId,
    };
  }

  async list(input: ParsedInputOf<'paymentRequests.list'>): Promise<PaymentRequestView[]> {
    const docs = await this.collection.find({ selector: input.status ? { status: input.status } : {}, sort: [{ createdAt: 'desc' }] }).exec();
    return this.withNames(docs.map((d) => d.toMutableJSON()));
  }

  private async load(id: string): Promise<PaymentRequestDoc> {
    const doc = await this.collection.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Payment request ${id} not found`);
    return doc.toMutableJSON();
  }

  /** The request's next state and its audit entry, to write. */
  private step(user: PublicUser, action: string, before: PaymentRequestDoc, after: PaymentRequestDoc) {
    const next = { ...after, updatedAt: this.services.clock().toISOString(), updatedBy: user.id };
    const change = { collection: 'paymentRequests', action, entity: 'paymentRequest', entityId: before.id, before: { status: before.status }, after: { status: next.status, reason: next.decisionReason } };
    return { next, changes: [change], write: async () => void (await this.collection.upsert(next)) };
  }

  private async save(user: PublicUser, action: string, before: PaymentRequestDoc, after: PaymentRequestDoc, extra?: () => Promise<void>): Promise<PaymentRequestView> {
    const step = this.step(user, action, before, after);
    await this.services.writes.write(user.id, step.changes, async () => {
      await step.write();
      await extra?.();
    });
    return (await this.withNames([step.next]))[0]!;
  }

  private review(doc: PaymentRequestDoc, user: PublicUser): void {
    if (!REVIEWERS.has(user.role)) throw new AppError('FORBIDDEN', 'Only a supervisor or an admin reviews payments');
    // Four eyes, the same rule as for invoices: a request is never edited after it is made, so its
    // requester is the only one who took part. An incoming payment that waits for its invoices is
    // money received already: whoever imported it may assign it.
    if (doc.direction === 'outgoing' && !mayApproveAsSecondPerson({ createdBy: doc.createdBy ?? '' }, user.id)) throw new AppError('FOUR_EYES', 'Whoever requested a payment cannot approve it');
    if (doc.status !== 'requested') throw new AppError('INVALID_STATE', `This request is ${doc.status}`, { status: doc.status });
  }

  async approve(input: ParsedInputOf<'paymentRequests.approve'>, user: PublicUser): Promise<PaymentRequestView> {
    const doc = await this.load(input.id);
    this.review(doc, user);
    if (doc.direction === 'incoming') {
      if (!input.invoiceIds.length) throw new AppError('VALIDATION_FAILED', 'Choose the invoices this payment settles', { fields: [{ field: 'invoiceIds', problem: 'validation.required' }] });
      // Allocated in order, each invoice up to its open amount.
      const open = new Map((await this.payments.openItems({ customerId: '' })).items.map((i) => [i.invoiceId, i.open]));
      let left = doc.amount;
      const allocations = input.invoiceIds.flatMap((invoiceId) => {
        const amount = Math.min(left, open.get(invoiceId) ?? 0);
        left -= amount;
        return amount > 0 ? [{ invoiceId, amount: `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`, skonto: '0', writeOff: '0' }] : [];
      });
      if (!allocations.length) throw new AppError('VALIDATION_FAILED', 'None of these invoices is open', { fields: [{ field: 'invoiceIds', problem: 'validation.invoiceNotOpen' }] });
      // Assigned like any allocation (the customer's thanks included), with the decision in the same write.
      const step = this.step(user, 'paymentRequest.assigned', doc, { ...doc, status: 'executed', invoiceIds: input.invoiceIds, reviewerId: user.id });
      await this.payments.allocate({ paymentId: doc.paymentId!, allocations }, user, step);
      return (await this.withNames([step.next]))[0]!;
    }
    return this.save(user, 'paymentRequest.approved', doc, { ...doc, status: 'approved', reviewerId: user.id }, () => this.assertRefundable(doc));
  }

  async reject(input: ParsedInputOf<'paymentRequests.reject'>, user: PublicUser): Promise<PaymentRequestView> {
    const doc = await this.load(input.id);
    this.review(doc, user);
    return this.save(user, 'paymentRequest.rejected', doc, { ...doc, status: 'rejected', reviewerId: user.id, decisionReason: input.reason });
  }

  /** The cashier's answer: paid on a day (booked as an outgoing payment), or failed with a reason. */
  async execute(input: ParsedInputOf<'paymentRequests.execute'>, user: PublicUser): Promise<PaymentRequestView> {
    if (!CASHIERS.has(user.role)) throw new AppError('FORBIDDEN', 'Only the cashier marks payments executed');
    const doc = await this.load(input.id);
    if (doc.status !== 'approved' || doc.direction !== 'outgoing') throw new AppError('INVALID_STATE', `Only approved outgoing payments are executed; this one is ${doc.status}`, { status: doc.status });
    // Four eyes here too: whoever asked for a payment does not pay it out.
    if (!mayExecuteAsSecondPerson({ createdBy: doc.createdBy ?? '' }, user.id)) throw new AppError('FOUR_EYES', 'Whoever requested a payment cannot execute it');
    if (input.executedOn > this.services.clock().toISOString().slice(0, 10)) throw new AppError('VALIDATION_FAILED', 'The date lies in the future', { fields: [{ field: 'executedOn', problem: 'validation.futureDate' }] });
    if (input.failed) return this.save(user, 'paymentRequest.failed', doc, { ...doc, status: 'failed', decisionReason: input.reason, executedOn: input.executedOn });
    const paymentId = newId();
    const fact = newFact(this.services.books.deviceId, {
      id: paymentId,
      kind: 'payment',
      // A refund of the customer's credit is booked to the customer: it pays that credit back.
      subjectId: doc.customerId || paymentId,
      occurredAt: this.services.clock().toISOString(),
      userId: user.id,
      payment: {
        direction: 'outgoing',
        purpose: doc.purpose === 'customerPayment' ? 'payout' : (doc.purpose ?? 'payout'),
        date: input.executedOn,
        amount: doc.amount,
        currency: doc.currency,
        method: doc.method,
        counterpartyName: doc.counterpartyName ?? '',
        counterpartyIban: doc.counterpartyIban ?? '',
        reference: doc.reference ?? '',
        source: 'manual',
        externalId: `request|${doc.id}`,
        ...(doc.customerId ? { customerId: doc.customerId } : {}),
      },
    });
    const settles = await this.overpaymentSettled(doc, fact, user);
    return this.save(user, 'paymentRequest.executed', doc, { ...doc, status: 'executed', executedOn: input.executedOn, paymentId }, async () => {
      await this.assertRefundable(doc);
      const result = await this.services.books.db.facts.bulkInsert([fact, ...settles]);
      if (result.error.length) throw new Error('The payment could not be written');
    });
  }

  /**
   * A refund of a credit note pays back what the customer paid beyond what the corrected invoice
   * now asks for: booked on that invoice as a negative allocation, so the ledger shows it settled.
   */
  private async overpaymentSettled(doc: PaymentRequestDoc, refund: FactDoc, user: PublicUser): Promise<FactDoc[]> {
    if (doc.purpose !== 'refund' || !doc.creditNoteId) return [];
    const note = await this.services.books.db.invoices.findOne(doc.creditNoteId).exec();
    if (!note?.correctsInvoiceId) return [];
    return [
      newFact(this.services.books.deviceId, {
        kind: 'allocation',
        subjectId: note.correctsInvoiceId,
        occurredAt: refund.occurredAt,
        userId: user.id,
        allocation: { paymentId: refund.id, invoiceId: note.correctsInvoiceId, amount: -doc.amount },
      }),
    ];
  }
}
