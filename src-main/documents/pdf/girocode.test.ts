import { describe, expect, it } from 'vitest';
import { girocodeFor, girocodePayload } from './girocode.js';
import { warmupView } from './warmup.js';

const BASE = { bic: 'COBADEFFXXX', name: 'Muster & Söhne GmbH', iban: 'DE89 3704 0044 0532 0130 00', amountCents: 46837, remittance: 'RE-2026-A-000001' };

describe('GiroCode payload (EPC069-12, version 002)', () => {
  it('has the twelve-line structure with the amount from cents and the number as remittance', () => {
    expect(girocodePayload(BASE)).toBe(
      ['BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Muster & Söhne GmbH', 'DE89370400440532013000', 'EUR468.37', '', '', 'RE-2026-A-000001'].join('\n'),
    );
  });

  it('formats amounts exactly', () => {
    const amount = (amountCents: number) => girocodePayload({ ...BASE, amountCents }).split('\n')[7];
    expect(amount(1)).toBe('EUR0.01');
    expect(amount(120)).toBe('EUR1.20');
    expect(amount(99_999_999_999)).toBe('EUR999999999.99');
    expect(() => amount(0)).toThrow(/amount/);
    expect(() => amount(100_000_000_000)).toThrow(/amount/);
  });

  it('allows an empty BIC and cuts the name to 70 and the remittance to 140 characters', () => {
    const name = `Bäckerei ${'Ü'.repeat(80)}`;
    const lines = girocodePayload({ ...BASE, bic: '', name, remittance: 'ß'.repeat(200) }).split('\n');
    expect(lines[4]).toBe('');
    expect(Array.from(lines[5]!)).toHaveLength(70);
    expect(lines[5]).toBe(name.slice(0, 70));
    expect(lines[10]).toBe('ß'.repeat(140));
    expect(() => girocodePayload({ ...BASE, iban: 'no iban' })).toThrow(/IBAN/);
  });

  it('is only on invoices in EUR with something to pay to a seller with an IBAN', () => {
    const view = warmupView(3);
    expect(girocodeFor(view)).toBe(girocodePayload({ bic: 'COBADEFFXXX', name: 'Muster & Söhne GmbH', iban: 'DE89370400440532013000', amountCents: view.totals.amountDue, remittance: 'RE-2026-A-000123' }));
    expect(girocodeFor({ ...view, documentType: 'creditNote' })).toBeNull();
    expect(girocodeFor({ ...view, currency: 'USD' })).toBeNull();
    expect(girocodeFor({ ...view, seller: { ...view.seller!, iban: '' } })).toBeNull();
    expect(girocodeFor({ ...view, totals: { ...view.totals, prepaid: view.totals.taxInclusive, amountDue: 0 } })).toBeNull();
  });
});
