import type { PaymentRequestView } from '../../../src-shared/contract/index.js';

/** Requests that hold money not yet paid out: waiting for review or for the cashier. */
const waiting = (status: string) => status === 'requested' || status === 'approved';

/** What the waiting refund requests of a credit note or of a customer's credit hold, in cents. */
export function heldByRequests(requests: readonly PaymentRequestView[], source: { creditNoteId?: string; customerId?: string }): number {
  return requests
    .filter((r) => waiting(r.status) && (source.creditNoteId ? r.creditNoteId === source.creditNoteId : r.customerId === source.customerId && r.creditNoteId === ''))
    .reduce((sum, r) => sum + r.amount, 0);
}
