/**
 * What the preview of a statement tells of its reversals (Storno): the payment each one will take
 * back, booked before or earlier in the same file, found by the same rule booking uses. Pure.
 */
import type { StatementPreviewEntry, StatementPreviewReversed } from '../../src-shared/contract/index.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { linkReversal, reversibleBookings, type ReversibleBooking } from './statement-reversal.js';

/** Entry index → the payment the reversal there will take back. */
export function previewReversals(entries: readonly StatementPreviewEntry[], booked: readonly FactDoc[]): Map<number, StatementPreviewReversed> {
  const reversible: ReversibleBooking[] = reversibleBookings(booked);
  const described = new Map<string, StatementPreviewReversed>(
    booked.flatMap((f) => (f.payment ? [[f.id, { date: f.payment.date, amount: f.payment.amount, currency: f.payment.currency, reference: f.payment.reference || f.payment.endToEndId || f.payment.bankReference || '' }] as const] : [])),
  );
  const found = new Map<number, StatementPreviewReversed>();
  for (const e of entries) {
    if (e.duplicate) continue;
    if (e.reversal) {
      const link = linkReversal(e, reversible);
      if (!('reversed' in link)) continue;
      // Taken back once, as booking does: a later reversal naming it again is left.
      link.reversed.reversed = true;
      const payment = described.get(link.reversed.paymentId);
      if (payment) found.set(e.index, payment);
      continue;
    }
    if (!e.endToEndId && !e.bankReference) continue;
    const paymentId = `entry:${e.index}`;
    reversible.push({ paymentId, direction: e.amount > 0 ? 'incoming' : 'outgoing', date: e.date, amount: Math.abs(e.amount), currency: e.currency, customerId: '', endToEndId: e.endToEndId, bankReference: e.bankReference });
    described.set(paymentId, { date: e.date, amount: Math.abs(e.amount), currency: e.currency, reference: e.remittance || e.endToEndId || e.bankReference });
  }
  return found;
}
