/**
 * Which booked payment a reversal (Storno) on a statement took back, and the other way round:
 * found again from the references both carry, by the same rule the import used. The list shows
 * a reversed payment and its reversal as reversed, each naming the other, instead of as money
 * waiting to be allocated.
 */
import type { PaymentReversalLink } from '../../src-shared/contract/index.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { linkReversal, reversibleOf, type ReversibleBooking } from './statement-reversal.js';

export type ReversalLinks = { reversedBy: Map<string, PaymentReversalLink>; reverses: Map<string, PaymentReversalLink> };

/** The links between the reversals and the payments they reverse. Pure. */
export function reversalLinks(reversals: readonly FactDoc[], booked: readonly FactDoc[]): ReversalLinks {
  const reversible = booked.filter((f) => f.payment?.purpose !== 'reversal').map(reversibleOf).filter((b): b is ReversibleBooking => b !== null);
  const links: ReversalLinks = { reversedBy: new Map(), reverses: new Map() };
  for (const r of reversals) {
    const p = r.payment!;
    // The reversal's amount as the statement had it: money going out reverses money that came in.
    const entry = { endToEndId: p.endToEndId ?? '', bankReference: p.bankReference ?? '', amount: p.direction === 'outgoing' ? -p.amount : p.amount, currency: p.currency, date: p.date };
    const link = linkReversal(entry, reversible);
    if (!('reversed' in link)) continue;
    links.reverses.set(r.id, { paymentId: link.reversed.paymentId, date: link.reversed.date });
    links.reversedBy.set(link.reversed.paymentId, { paymentId: r.id, date: p.date });
  }
  return links;
}
