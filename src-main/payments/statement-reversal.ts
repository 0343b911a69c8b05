/**
 * A reversal on a bank statement (CAMT `RvslInd`, MT940 RC/RD) names the payment it reverses by
 * its end-to-end id or, without one, by the bank's reference. The payment found (same currency
 * and amount, the other direction, booked on or before the reversal) has its allocations taken
 * back; a reversal that names none, or names one that does not fit, is left for a person with
 * its reason. Pure.
 */
import type { StatementEntry, StatementReversalLeft } from '../../src-shared/contract/index.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { isRealReference } from './identity.js';
import { standing } from './ledger/open-items.js';

/** A booked payment as a reversal looks for it; `reversed`: a reversal took it back already. */
export type ReversibleBooking = { paymentId: string; direction: string; date: string; amount: number; currency: string; customerId: string; endToEndId: string; bankReference: string; reversed?: boolean };

export type ReversalReason = 'noReference' | 'noPayment' | 'amountDiffers' | 'alreadyReversed';
export type ReversalLink = { reversed: ReversibleBooking } | { reason: ReversalReason; reference: string };

/**
 * The booked payments a reversal may name: every payment with a reference that is not itself a
 * reversal, each marked when a reversal took it back already.
 */
export function reversibleBookings(facts: readonly FactDoc[]): ReversibleBooking[] {
  const reversed = new Set(facts.map((f) => f.payment?.reversesPaymentId).filter(Boolean));
  return facts.flatMap((f) => {
    const booking = f.payment?.purpose === 'reversal' ? null : reversibleOf(f);
    return booking ? [{ ...booking, reversed: reversed.has(f.id) }] : [];
  });
}

/** A payment fact as a reversal looks for it, or null when it names no reference. */
export function reversibleOf(fact: FactDoc): ReversibleBooking | null {
  const p = fact.payment;
  if (!p || (!p.endToEndId && !p.bankReference)) return null;
  return { paymentId: fact.id, direction: p.direction, date: p.date, amount: p.amount, currency: p.currency, customerId: p.customerId ?? '', endToEndId: p.endToEndId ?? '', bankReference: p.bankReference ?? '' };
}

/** Which booked payment the reversal reverses: named by end-to-end id, else by bank reference. */
export function linkReversal(e: Pick<StatementEntry, 'endToEndId' | 'bankReference' | 'amount' | 'currency' | 'date'>, booked: readonly ReversibleBooking[]): ReversalLink {
  const byEndToEnd = isRealReference(e.endToEndId) ? booked.filter((b) => b.endToEndId === e.endToEndId) : [];
  const byReference = !byEndToEnd.length && isRealReference(e.bankReference) ? booked.filter((b) => b.bankReference === e.bankReference) : [];
  const reference = isRealReference(e.endToEndId) ? e.endToEndId : e.bankReference;
  if (!isRealReference(e.endToEndId) && !isRealReference(e.bankReference)) return { reason: 'noReference', reference: '' };
  const named = byEndToEnd.length ? byEndToEnd : byReference;
  if (!named.length) return { reason: 'noPayment', reference };
  // Money that came in is reversed by money going out, and the other way round.
  const direction = e.amount < 0 ? 'incoming' : 'outgoing';
  const fitting = named.filter((b) => b.direction === direction && b.currency === e.currency && b.amount === Math.abs(e.amount) && b.date <= e.date).sort((a, b) => a.date.localeCompare(b.date));
  // A payment is reversed once: a second reversal naming it is for a person to look at.
  const reversed = fitting.filter((b) => !b.reversed).at(-1);
  if (reversed) return { reversed };
  return { reason: fitting.length ? 'alreadyReversed' : 'amountDiffers', reference };
}

/** The allocations of the payment that still stand: the ones a reversal takes back. */
export function allocationsToTakeBack(paymentId: string, allocations: readonly FactDoc[]): FactDoc[] {
  const mine = allocations.filter((f) => f.allocation?.paymentId === paymentId).map((f) => ({ fact: f, id: f.id, ...(f.allocation!.reversesId ? { reversesId: f.allocation!.reversesId } : {}) }));
  return standing(mine).map((m) => m.fact);
}

/** What the screens are told of a reversal left for a person. */
export function reversalLeft(index: number, paymentId: string, e: Pick<StatementEntry, 'amount' | 'currency' | 'date'>, link: { reason: ReversalReason; reference: string }): StatementReversalLeft {
  const cents = Math.abs(e.amount);
  const amount = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')} ${e.currency}`;
  return { index, paymentId, key: `statementImport.reversal.${link.reason}`, params: { amount, date: e.date, reference: link.reference } };
}
