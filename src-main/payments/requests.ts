/**
 * Payment requests, the review step: an outgoing payment (refund, payout, supplier payment) is
 * requested, a reviewer (supervisor or admin, never the requester) approves or rejects it with a
 * reason, and the cashier marks an approved one executed, which books it as a payment, or
 * failed. An incoming bank payment that matched nothing cleanly waits here too, until a reviewer
 * assigns it to invoices. Every step is a write with its audit entry.
 */
import { mayApproveAsSecondPerson } from '../../src-shared/approval/four-eyes.js';
import { AppError, type PaymentRequestView, type ParsedInputOf, type PublicUser } from '../../src-shared/contract/index.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import { newId } from '../ids.js';
import type { Services } from '../services.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { PaymentRequestDoc } from '../store/schemas/workflow.js';
import type { Payments } from './service.js';

const REVIEWERS = new Set(['admin', 'supervisor']);
const CASHIERS = new Set(['admin', 'cashier', 'supervisor']);

function viewOf(d: PaymentRequestDoc): PaymentRequestView {
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
    reference: d.reference ?? '',
    paymentId: d.paymentId ?? '',
    invoiceIds: [...(d.invoiceIds ?? [])],
    reviewerId: d.reviewerId ?? '',
    decisionReason: d.decisionReason ?? '',
    executedOn: d.executedOn ?? '',
    createdBy: d.createdBy ?? '',
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export class PaymentRequests {
  constructor(
    private readonly services: Services,
    private readonly payments: Payments,
  ) {}

  private get collection() {
    return this.services.books.db.paymentRequests;
  }

  async create(input: ParsedInputOf<'paymentRequests.create'>, user: PublicUser): Promise<PaymentRequestView> {
    const now = this.services.clock().toISOString();
    const doc: PaymentRequestDoc = {
      id: newId(),
      status: 'requested',
      direction: 'outgoing',
      purpose: input.purpose,
      amount: toMinorUnits(dec(input.amount)),
      currency: input.currency,
      method: input.method,
      counterpartyName: input.counterpartyName,
      counterpartyIban: input.counterpartyIban.replace(/\s+/g, '').toUpperCase(),
      reference: input.reference,
      invoiceIds: [],
      ...(input.reviewerId ? { reviewerId: input.reviewerId } : {}),
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      updatedBy: user.id,
    };
    await this.services.writes.write(user.id, { collection: 'paymentRequests', action: 'paymentRequest.created', entity: 'paymentRequest', entityId: doc.id, after: viewOf(doc) }, () => this.collection.insert(doc));
    return viewOf(doc);
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
    return docs.map((d) => viewOf(d.toMutableJSON()));
  }

  private async load(id: string): Promise<PaymentRequestDoc> {
    const doc = await this.collection.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Payment request ${id} not found`);
    return doc.toMutableJSON();
  }

  private async save(user: PublicUser, action: string, before: PaymentRequestDoc, after: PaymentRequestDoc, extra?: () => Promise<void>): Promise<PaymentRequestView> {
    const next = { ...after, updatedAt: this.services.clock().toISOString(), updatedBy: user.id };
    await this.services.writes.write(user.id, { collection: 'paymentRequests', action, entity: 'paymentRequest', entityId: before.id, before: { status: before.status }, after: { status: next.status, reason: next.decisionReason } }, async () => {
      await this.collection.upsert(next);
      await extra?.();
    });
    return viewOf(next);
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
      await this.payments.allocate({ paymentId: doc.paymentId!, allocations }, user);
      return this.save(user, 'paymentRequest.assigned', doc, { ...doc, status: 'executed', invoiceIds: input.invoiceIds, reviewerId: user.id });
    }
    return this.save(user, 'paymentRequest.approved', doc, { ...doc, status: 'approved', reviewerId: user.id });
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
    if (input.executedOn > this.services.clock().toISOString().slice(0, 10)) throw new AppError('VALIDATION_FAILED', 'The date lies in the future', { fields: [{ field: 'executedOn', problem: 'validation.futureDate' }] });
    if (input.failed) return this.save(user, 'paymentRequest.failed', doc, { ...doc, status: 'failed', decisionReason: input.reason, executedOn: input.executedOn });
    const paymentId = newId();
    const fact: FactDoc = {
      id: paymentId,
      kind: 'payment',
      subjectId: paymentId,
      occurredAt: this.services.clock().toISOString(),
      deviceId: this.services.books.deviceId,
      seq: 0,
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
      },
    };
    return this.save(user, 'paymentRequest.executed', doc, { ...doc, status: 'executed', executedOn: input.executedOn, paymentId }, async () => {
      await this.services.books.db.facts.insert(fact);
    });
  }
}
