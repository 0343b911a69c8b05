/**
 * Booking the entries of a statement file, one by one, into what one transaction will write:
 * each new entry a payment fact; an incoming one allocated as the user chose or as the
 * confident match says (checked by the ledger as a manual allocation is), or queued for review;
 * a reversal taking back the allocations of the payment it reverses; a provider's fee a payment
 * of its own. Nothing is written here.
 */
import type { PublicUser, StatementEntry, StatementImportResult, StatementReversalLeft } from '../../src-shared/contract/index.js';
import { newId } from '../ids.js';
import type { ChangeDescription } from '../server/write-path.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { PaymentRequestDoc } from '../store/schemas/workflow.js';
import { allocationFact, reversalFact } from './allocation-facts.js';
import { externalIdOf } from './identity.js';
import { afterAllocation, type LedgerInvoice } from './ledger/rules.js';
import type { Matcher } from './matching.js';
import type { PaymentNotice } from './ports.js';
import { planChoice, planMatch, type EntryChoice, type Plan } from './statement-plan.js';
import { allocationsToTakeBack, linkReversal, reversalLeft, reversibleOf, type ReversibleBooking } from './statement-reversal.js';

/** Why a review request was closed without a reviewer: the bank took the payment back. */
export const REVERSED_BY_BANK = 'payment.reversedByBank';

export type CommitOptions = { autoAllocate: boolean; choices: Map<number, EntryChoice>; confirmUnchecked?: boolean };

type BookingContext = {
  user: PublicUser;
  deviceId: string;
  now: string;
  fileName: string;
  provider: boolean;
  options: CommitOptions;
  matcher: Matcher;
  /** The issued invoices as the ledger sees them; each allocation booked here updates them. */
  invoices: Map<string, LedgerInvoice>;
  /** The payments booked before that a reversal may name. */
  reversible: ReversibleBooking[];
  /** The allocation facts booked before of a payment. */
  allocationsOf(paymentId: string): Promise<FactDoc[]>;
  /** The review request for an incoming payment nothing matched cleanly. */
  review(payment: FactDoc): Promise<PaymentRequestDoc>;
  /** The review request of a payment still waiting for a decision, if there is one. */
  openReviewOf(paymentId: string): Promise<PaymentRequestDoc | null>;
};

export class StatementBooking {
  readonly facts: FactDoc[] = [];
  readonly changes: ChangeDescription[] = [];
  readonly notices: PaymentNotice[] = [];
  readonly reviews: PaymentRequestDoc[] = [];
  /** Review requests of payments the bank took back: nothing is left to decide. */
  readonly closedReviews: PaymentRequestDoc[] = [];
  readonly left: StatementReversalLeft[] = [];
  allocated = 0;
  unmatched = 0;
  taken = 0;

  constructor(private readonly c: BookingContext) {}

  private get at() {
    return { deviceId: this.c.deviceId, userId: this.c.user.id, occurredAt: this.c.now };
  }

  /** Books one new entry (`index` in the file, `identity` as identity.ts names it). */
  async book(e: StatementEntry, index: number, identity: string): Promise<void> {
    const paymentId = newId();
    let allocations: FactDoc[] = [];
    let customerId = '';
    let reversesPaymentId = '';
    if (e.reversal) ({ allocations, customerId, reversesPaymentId } = await this.reverse(e, index, paymentId));
    else if (e.amount > 0) ({ allocations, customerId } = this.allocate(e, index, paymentId));
    const payment = this.paymentFact(e, paymentId, identity, customerId, reversesPaymentId);
    this.facts.push(payment, ...allocations);
    if (e.fee) this.facts.push(this.feeFact(e, identity));
    // An incoming payment that matched nothing cleanly goes to the review queue.
    if (e.amount > 0 && !e.reversal && !allocations.length) this.reviews.push(await this.c.review(payment));
    this.changes.push({ collection: 'facts', action: 'payment.imported', entity: 'payment', entityId: paymentId, after: { file: this.c.fileName, at: e.at, amount: e.amount, date: e.date } });
    for (const a of allocations) this.changes.push({ collection: 'facts', action: a.allocation!.reversesId ? 'payment.allocationReversed' : 'payment.allocated', entity: 'invoice', entityId: a.subjectId, after: a.allocation });
    if (customerId && !e.reversal) this.notices.push({ id: paymentId, customerId, amount: e.amount, currency: e.currency, receivedOn: e.date, invoiceNumber: allocations.map((a) => this.c.invoices.get(a.subjectId)?.number ?? '').join(', ') });
    const reversible = reversibleOf(payment);
    if (reversible && !e.reversal) this.c.reversible.push(reversible);
  }

  /** The plan of an incoming entry, as allocation facts, with the invoices updated. */
  private allocate(e: StatementEntry, index: number, paymentId: string): { allocations: FactDoc[]; customerId: string } {
    const choice = this.c.options.choices.get(index);
    let plan: Plan = [];
    if (choice) plan = planChoice(this.c.invoices, e, index, choice, this.c.user.role);
    else if (this.c.options.autoAllocate) {
      const confident = this.c.matcher.match(e).confident;
      if (confident) plan = planMatch(this.c.invoices, e, confident, this.c.user.role);
    }
    for (const p of plan) this.c.invoices.set(p.invoiceId, afterAllocation(this.c.invoices.get(p.invoiceId)!, p, e.date));
    if (plan.length) this.allocated++;
    else this.unmatched++;
    return { allocations: plan.map((p) => allocationFact(this.at, paymentId, p)), customerId: plan.length ? this.c.invoices.get(plan[0]!.invoiceId)!.customerId : '' };
  }

  /** A reversal takes back the allocations of the payment it names, or is left for a person. */
  private async reverse(e: StatementEntry, index: number, paymentId: string): Promise<{ allocations: FactDoc[]; customerId: string; reversesPaymentId: string }> {
    const link = linkReversal(e, this.c.reversible);
    if (!('reversed' in link)) {
      this.left.push(reversalLeft(index, paymentId, e, link));
      return { allocations: [], customerId: '', reversesPaymentId: '' };
    }
    const { reversed } = link;
    // Taken back once: a later entry of the same file that names it again is left for a person.
    reversed.reversed = true;
    this.taken++;
    await this.closeReview(reversed.paymentId);
    const known = [...(await this.c.allocationsOf(reversed.paymentId)), ...this.facts.filter((f) => f.kind === 'allocation')];
    const back = allocationsToTakeBack(reversed.paymentId, known).map((f) => reversalFact(this.at, f));
    for (const b of back) {
      const a = b.allocation!;
      const invoice = this.c.invoices.get(a.invoiceId);
      if (invoice) this.c.invoices.set(a.invoiceId, afterAllocation(invoice, { amount: -a.amount, skonto: -(a.skontoAmount ?? 0), writeOff: -(a.writeOffAmount ?? 0) }, ''));
    }
    // The reversal is the customer's: it takes their payment back.
    return { allocations: back, customerId: reversed.customerId, reversesPaymentId: reversed.paymentId };
  }

  /** A reversed payment waits for no review: its request is dropped (same file) or closed as reversed. */
  private async closeReview(paymentId: string): Promise<void> {
    const queuedHere = this.reviews.findIndex((r) => r.paymentId === paymentId);
    if (queuedHere >= 0) {
      this.reviews.splice(queuedHere, 1);
      return;
    }
    const open = await this.c.openReviewOf(paymentId);
    if (!open) return;
    const closed: PaymentRequestDoc = { ...open, status: 'rejected', decisionReason: REVERSED_BY_BANK, updatedAt: this.c.now, updatedBy: this.c.user.id };
    this.closedReviews.push(closed);
    this.changes.push({ collection: 'paymentRequests', action: 'paymentRequest.closedByReversal', entity: 'paymentRequest', entityId: open.id, before: { status: open.status }, after: { status: closed.status, reason: REVERSED_BY_BANK } });
  }

  private paymentFact(e: StatementEntry, id: string, identity: string, customerId: string, reversesPaymentId = ''): FactDoc {
    const provider = this.c.provider;
    return newFact(this.c.deviceId, {
      id,
      kind: 'payment',
      subjectId: customerId || id,
      occurredAt: this.c.now,
      userId: this.c.user.id,
      payment: {
        direction: e.amount > 0 ? 'incoming' : 'outgoing',
        purpose: e.reversal ? 'reversal' : e.amount > 0 ? 'customerPayment' : provider ? 'refund' : 'supplierPayment',
        date: e.date,
        amount: Math.abs(e.amount),
        currency: e.currency,
        method: provider ? 'onlineProvider' : 'bankTransfer',
        counterpartyName: e.counterpartyName.slice(0, 200),
        counterpartyIban: e.counterpartyIban.slice(0, 34),
        reference: e.remittance.slice(0, 1000),
        source: provider ? 'providerExport' : 'bankFile',
        externalId: externalIdOf(identity),
        ...(e.endToEndId ? { endToEndId: e.endToEndId.slice(0, 500) } : {}),
        ...(e.bankReference ? { bankReference: e.bankReference.slice(0, 500) } : {}),
        ...(customerId ? { customerId } : {}),
        ...(reversesPaymentId ? { reversesPaymentId } : {}),
      },
    });
  }

  /** The provider's fee is a payment of its own, so that the customer's payment stays whole. */
  private feeFact(e: StatementEntry, identity: string): FactDoc {
    const id = newId();
    return newFact(this.c.deviceId, {
      id,
      kind: 'payment',
      subjectId: id,
      occurredAt: this.c.now,
      userId: this.c.user.id,
      payment: { direction: 'outgoing', purpose: 'fee', date: e.date, amount: Math.abs(e.fee!), currency: e.currency, method: 'onlineProvider', counterpartyName: 'Stripe', reference: `${e.bankReference} ${e.remittance}`.trim().slice(0, 1000), source: 'providerExport', externalId: externalIdOf(`${identity}|fee`) },
    });
  }

  result(duplicates: number): StatementImportResult {
    const booked = this.facts.filter((f) => f.kind === 'payment' && f.payment!.purpose !== 'fee');
    return { imported: booked.length, duplicates, allocated: this.allocated, unmatched: this.unmatched, paymentIds: booked.map((f) => f.id), reversals: { taken: this.taken, left: this.left } };
  }
}
