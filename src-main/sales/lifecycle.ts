import type { InvoiceStatus, OrderStatus } from '../../src-shared/contract/index.js';

/**
 * Which move of a document is allowed from which state, and where it leads. Pure: the handlers
 * load a document, ask here, and write; the wording of a refusal stays with them.
 */
type Move<S extends string> = { from: readonly S[]; to: S | null };

/** An invoice or credit note: draft → submitted → approved → issued (→ sent by mail). */
export const INVOICE_MOVES = {
  edit: { from: ['draft', 'rejected'], to: 'draft' },
  submit: { from: ['draft', 'rejected'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  // An approved document goes back too: its e-invoice may break a rule found only at issue.
  reject: { from: ['submitted', 'approved'], to: 'rejected' },
  issue: { from: ['approved'], to: 'issued' },
  // A credit note is written on an issued invoice; the invoice itself stays as it is.
  credit: { from: ['issued', 'sent'], to: null },
} as const satisfies Record<string, Move<InvoiceStatus>>;

/** An order: draft → confirmed → invoiced; cancelled before it is invoiced. */
export const ORDER_MOVES = {
  edit: { from: ['draft'], to: 'draft' },
  confirm: { from: ['draft'], to: 'confirmed' },
  cancel: { from: ['draft', 'confirmed'], to: 'cancelled' },
  invoice: { from: ['confirmed'], to: 'invoiced' },
} as const satisfies Record<string, Move<OrderStatus>>;

export type InvoiceMove = keyof typeof INVOICE_MOVES;
export type OrderMove = keyof typeof ORDER_MOVES;

/** Issued (and sent) documents are frozen: only a credit note corrects them (§ 14 UStG). */
export function isFrozen(status: string): boolean {
  return status === 'issued' || status === 'sent';
}

export function invoiceMayMove(status: string, move: InvoiceMove): boolean {
  return (INVOICE_MOVES[move].from as readonly string[]).includes(status);
}

export function orderMayMove(status: string, move: OrderMove): boolean {
  return (ORDER_MOVES[move].from as readonly string[]).includes(status);
}
