import { describe, expect, it } from 'vitest';
import { INVOICE_MOVES, invoiceMayMove, isFrozen, ORDER_MOVES, orderMayMove, type InvoiceMove, type OrderMove } from './lifecycle.js';

const INVOICE_STATES = ['draft', 'submitted', 'approved', 'rejected', 'issued', 'sent'] as const;
const ORDER_STATES = ['draft', 'confirmed', 'partlyInvoiced', 'invoiced', 'cancelled'] as const;

/** Every state from which `allowed` says the move may be made. */
const fromWhere = <S extends string>(states: readonly S[], allowed: (status: S) => boolean) => states.filter(allowed);

describe('the invoice lifecycle', () => {
  it('goes draft → submitted → approved → issued, and back to the author on rejection', () => {
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'submit'))).toEqual(['draft', 'rejected']);
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'approve'))).toEqual(['submitted']);
    // An approved document goes back too, when its e-invoice is refused at issue.
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'reject'))).toEqual(['submitted', 'approved']);
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'issue'))).toEqual(['approved']);
    expect(Object.fromEntries(Object.entries(INVOICE_MOVES).map(([move, m]) => [move, m.to]))).toEqual({
      edit: 'draft',
      submit: 'submitted',
      approve: 'approved',
      reject: 'rejected',
      issue: 'issued',
      credit: null,
    });
  });

  it('edits only drafts and rejected invoices; an issued or sent one is frozen and only credited', () => {
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'edit'))).toEqual(['draft', 'rejected']);
    expect(fromWhere(INVOICE_STATES, isFrozen)).toEqual(['issued', 'sent']);
    expect(fromWhere(INVOICE_STATES, (s) => invoiceMayMove(s, 'credit'))).toEqual(['issued', 'sent']);
    // No move but a credit note starts from a frozen document.
    const moves = Object.keys(INVOICE_MOVES) as InvoiceMove[];
    expect(moves.filter((m) => invoiceMayMove('issued', m) || invoiceMayMove('sent', m))).toEqual(['credit']);
  });

  it('never skips approval: nothing is issued straight from a draft, submitted or rejected invoice', () => {
    for (const status of ['draft', 'submitted', 'rejected'] as const) expect(invoiceMayMove(status, 'issue')).toBe(false);
  });

  it('knows no move for a state it does not know', () => {
    for (const move of Object.keys(INVOICE_MOVES) as InvoiceMove[]) expect(invoiceMayMove('archived', move)).toBe(false);
    for (const move of Object.keys(ORDER_MOVES) as OrderMove[]) expect(orderMayMove('archived', move)).toBe(false);
  });
});

describe('the order lifecycle', () => {
  it('edits and confirms drafts, invoices confirmed orders, cancels either before it is invoiced', () => {
    expect(fromWhere(ORDER_STATES, (s) => orderMayMove(s, 'edit'))).toEqual(['draft']);
    expect(fromWhere(ORDER_STATES, (s) => orderMayMove(s, 'confirm'))).toEqual(['draft']);
    expect(fromWhere(ORDER_STATES, (s) => orderMayMove(s, 'invoice'))).toEqual(['confirmed']);
    expect(fromWhere(ORDER_STATES, (s) => orderMayMove(s, 'cancel'))).toEqual(['draft', 'confirmed']);
    expect(Object.fromEntries(Object.entries(ORDER_MOVES).map(([move, m]) => [move, m.to]))).toEqual({ edit: 'draft', confirm: 'confirmed', cancel: 'cancelled', invoice: 'invoiced' });
  });

  it('leaves an invoiced or cancelled order where it is', () => {
    const moves = Object.keys(ORDER_MOVES) as OrderMove[];
    expect(moves.filter((m) => orderMayMove('invoiced', m))).toEqual([]);
    expect(moves.filter((m) => orderMayMove('cancelled', m))).toEqual([]);
  });
});
