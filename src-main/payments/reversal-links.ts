/**
 * Which booked payment a reversal (Storno) on a statement took back, as the reversal records it,
 * and the other way round. The list shows a reversed payment and its reversal as reversed, each
 * naming the other, instead of as money waiting to be allocated. Pure.
 */
import type { PaymentReversalLink } from '../../src-shared/contract/index.js';
import type { FactDoc } from '../store/schemas/facts.js';

export type ReversalLinks = { reversedBy: Map<string, PaymentReversalLink>; reverses: Map<string, PaymentReversalLink> };

/** The links between the reversals and the payments they took back (`reversed`: those payments by id). */
export function reversalLinks(reversals: readonly FactDoc[], reversed: ReadonlyMap<string, FactDoc>): ReversalLinks {
  const links: ReversalLinks = { reversedBy: new Map(), reverses: new Map() };
  for (const r of reversals) {
    const payment = reversed.get(r.payment?.reversesPaymentId ?? '');
    if (!payment?.payment) continue;
    links.reverses.set(r.id, { paymentId: payment.id, date: payment.payment.date });
    links.reversedBy.set(payment.id, { paymentId: r.id, date: r.payment!.date });
  }
  return links;
}
