/** The matcher's confidence: what it must never allocate on its own. */
import { describe, expect, it } from 'vitest';
import { Matcher, normalizeReference, type OpenInvoice } from './matching.js';

const invoice = (id: string, number: string, customerId: string, open: number): OpenInvoice => ({ id, number, customerId, customerName: `Kunde ${customerId}`, open, skontoOpen: 0, skontoUntil: '', currency: 'EUR' });
const entry = (remittance: string, amount: number, counterpartyIban = '') => ({ amount, currency: 'EUR', date: '2026-12-01', remittance, counterpartyName: '', counterpartyIban });

describe('matching', () => {
  it('finds a number written with spaces or an O for a 0, and is confident with the amount', () => {
    const m = new Matcher([invoice('a', 'RE-2026-A-000042', 'c1', 11900)]);
    expect(normalizeReference('re 2026 a OOOO42')).toBe('RE2026A000042');
    expect(m.match(entry('Zahlung RE 2026 A OOOO42', 11900)).confident?.invoiceIds).toEqual(['a']);
    // The right number with another amount: proposed, not allocated.
    const short = m.match(entry('RE-2026-A-000042', 11800));
    expect(short.confident).toBeNull();
    expect(short.candidates[0]?.invoiceIds).toEqual(['a']);
  });

  it('is never confident when the payer’s account belongs to another customer', () => {
    const m = new Matcher([invoice('a', 'RE-2026-A-000042', 'c1', 11900), invoice('b', 'RE-2026-A-000043', 'c2', 11900)], new Map([['DE02120300000000202051', new Set(['c2'])]]));
    expect(m.match(entry('RE-2026-A-000042', 11900, 'DE02120300000000202051')).confident).toBeNull();
    expect(m.match(entry('RE-2026-A-000043', 11900, 'DE02120300000000202051')).confident?.invoiceIds).toEqual(['b']);
  });

  it('is never confident when two open invoices read the same', () => {
    const m = new Matcher([invoice('a', 'RE-2026-A-000042', 'c1', 11900), invoice('b', 'RE 2026 A 000042', 'c2', 11900)]);
    expect(m.match(entry('RE-2026-A-000042', 11900)).confident).toBeNull();
  });

  it('does not take a longer number for a shorter one', () => {
    const m = new Matcher([invoice('a', 'RE-2026-A-00004', 'c1', 11900)]);
    expect(m.match(entry('RE-2026-A-000042', 11900)).candidates).toEqual([]);
  });
});
