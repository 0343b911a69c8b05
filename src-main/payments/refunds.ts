/**
 * Pure rules for refunds: how much of a customer's credit or of a credit note may still be paid
 * back, given the refunds requested already. All amounts in cents.
 */

/** A refund request as these rules see it. */
export type RefundClaim = { status: string; amount: number; customerId?: string | undefined; creditNoteId?: string | undefined };

/** Requests that still claim money: not rejected, not failed. */
const claims = (status: string) => status !== 'rejected' && status !== 'failed';

/** Requests that hold money not yet paid out: waiting for review or for the cashier. */
const pending = (status: string) => status === 'requested' || status === 'approved';

/**
 * A customer's credit that may still be refunded: the credit (unallocated payments less refunds
 * booked to the customer) less refunds requested or approved but not yet booked.
 */
export function refundableCredit(credit: number, customerId: string, requests: readonly RefundClaim[]): number {
  const held = requests.filter((r) => r.customerId === customerId && pending(r.status)).reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, credit - held);
}

/**
 * What a credit note may still refund: what it credited less its refunds (requested, approved or
 * paid), and at most what the customer paid on the corrected invoice beyond what that invoice now
 * asks for, less the refunds of the invoice's credit notes that are not paid yet (a paid one has
 * settled its part of the overpayment in the ledger already).
 */
export function refundableCreditNote(
  note: { id: string; amount: number },
  invoice: { overpaid: number; creditNoteIds: readonly string[] },
  requests: readonly RefundClaim[],
): number {
  const live = requests.filter((r) => claims(r.status));
  const ofNote = live.filter((r) => r.creditNoteId === note.id).reduce((sum, r) => sum + r.amount, 0);
  const ofInvoice = live.filter((r) => pending(r.status) && r.creditNoteId && invoice.creditNoteIds.includes(r.creditNoteId)).reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, Math.min(note.amount - ofNote, invoice.overpaid - ofInvoice));
}
