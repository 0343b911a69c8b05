/** The rules under the DATEV bookings: Debitor, Buchungstext, the account of each VAT case, what is left out. */
import { describe, expect, it } from 'vitest';
import type { ReportInvoice } from '../../reports/index.js';
import { buKeyOf, debitorOf, debitorRange } from './accounts.js';
import { datevBookings, partyText, type BookingSource } from './bookings.js';
import { settingsView } from './settings.js';

const settings = settingsView(null);

function invoice(overrides: Partial<ReportInvoice>): ReportInvoice {
  return {
    id: 'inv1', number: 'RE-2026-A-000001', documentType: 'invoice', status: 'issued', customerId: 'c1', customerName: 'Kunde GmbH', currency: 'EUR',
    issueDate: '2026-11-02', dueDate: '2026-11-16', vatCase: 'smallBusiness', correctsInvoiceId: '', amountDue: 10000, taxExclusive: 10000, vatTotal: 0,
    vatBreakdown: [], skonto: null, buyerVatId: '', ...overrides,
  } as ReportInvoice;
}

function source(overrides: Partial<BookingSource>): BookingSource {
  return {
    from: '2026-11-01', to: '2026-11-30', invoices: [], allocations: [], payments: [], vat: [], cash: [], cashById: new Map(), cashBookNumbers: new Map(),
    customers: new Map([['c1', { id: 'c1', number: 'K-10001', name: 'Kunde GmbH' }], ['c2', { id: 'c2', number: 'K-70001', name: 'Weit Weg AG' }], ['c3', { id: 'c3', number: 'Barkunde', name: 'Ohne Nummer' }]]),
    ...overrides,
  };
}

const entry = (kennzahl: string, customerId = 'c1', group = 'E/0') => ({
  date: '2026-11-02', kind: 'invoice' as const, documentId: 'inv1', number: 'RE-2026-A-000001', customerId, customerName: 'Kunde GmbH', paymentId: '', base: 10000, tax: 0, kennzahl, group,
});

describe('the Debitor of a customer', () => {
  it('is the first Debitor plus the number of the customer number, the same in every export', () => {
    expect(debitorOf('K-10001', 10000)).toBe(10001);
    expect(debitorOf('K-10042', 10000)).toBe(10042);
    expect(debitorOf('K-10042', 20000)).toBe(20042);
    expect(debitorOf('7', 10000)).toBe(10007);
    expect(debitorOf('Barkunde', 10000)).toBeNull();
    expect(debitorRange(4)).toEqual({ min: 10000, max: 69999 });
    expect(debitorRange(5)).toEqual({ min: 100000, max: 699999 });
  });

  it('is an error naming the customer when it leaves the personal accounts or the number has no digits', () => {
    const r = datevBookings(source({ vat: [entry('smallBusiness', 'c2'), { ...entry('smallBusiness', 'c3'), documentId: 'inv2', number: 'RE-2' }] }), settings);
    expect(r.errors.map((e) => [e.problem, e.values.customer])).toEqual([
      ['validation.datevDebitorRange', 'Weit Weg AG'],
      ['validation.datevNoDebitor', 'Ohne Nummer'],
    ]);
  });
});

describe('the account of each case', () => {
  it('puts § 19 sales to the small-business account without a BU key, S on the Debitor with the due date', () => {
    const r = datevBookings(source({ invoices: [invoice({})], vat: [entry('smallBusiness')] }), settings);
    expect(r.errors).toEqual([]);
    expect(r.bookings).toEqual([
      expect.objectContaining({ amount: 10000, side: 'S', account: '10001', contraAccount: '8192', buKey: '', document: 'RE-2026-A-000001', dueDate: '2026-11-16', text: 'Kunde GmbH RE-2026-A-000001' }),
    ]);
  });

  it('refuses a VAT case the account map has no account for (a special rate, Kennzahl 35), naming the document', () => {
    const r = datevBookings(source({ vat: [entry('35', 'c1', 'S/10')] }), settings);
    expect(r.bookings).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'noAccount', documentNumber: 'RE-2026-A-000001', problem: 'validation.datevNoAccount' })]);
  });

  it('gives a BU key only where the contra account does not compute VAT itself', () => {
    const automatic = new Set(settings.automaticAccounts);
    expect(buKeyOf('8400', automatic, { side: 'output', rate: 19 })).toBe('');
    expect(buKeyOf('8000', automatic, { side: 'output', rate: 19 })).toBe('3');
    expect(buKeyOf('8000', automatic, { side: 'output', rate: 7 })).toBe('2');
    expect(buKeyOf('4930', automatic, { side: 'input', rate: 19 })).toBe('9');
    expect(buKeyOf('4930', automatic, { side: 'input', rate: 7 })).toBe('8');
    expect(buKeyOf('8125', automatic, null)).toBe('');
    const mapped = { ...settings, accounts: { ...settings.accounts, revenue19: '8000' } };
    const r = datevBookings(source({ vat: [{ ...entry('81', 'c1', 'S/19'), base: 10000, tax: 1900 }] }), mapped);
    expect(r.bookings[0]).toMatchObject({ amount: 11900, contraAccount: '8000', buKey: '3' });
  });

  it('leaves foreign-currency documents out with a warning naming them', () => {
    const r = datevBookings(source({ invoices: [invoice({ currency: 'USD', number: 'RE-2026-A-000009' })] }), settings);
    expect(r.bookings).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'foreignCurrency', documentNumber: 'RE-2026-A-000009', values: { document: 'RE-2026-A-000009', currency: 'USD' } })]);
  });
});

describe('the Buchungstext', () => {
  it('keeps the document number whole and shortens a long name on purpose, never beyond 60 characters', () => {
    expect(partyText('', 'Kunde GmbH', 'RE-1')).toBe('Kunde GmbH RE-1');
    const long = partyText('Skonto', 'Großhandel für Bäckereibedarf und Konditoreiwaren Rheinland GmbH & Co. KG', 'RE-2026-A-000001');
    expect(long.length).toBe(60);
    expect(long.startsWith('Skonto Großhandel')).toBe(true);
    expect(long.endsWith('… RE-2026-A-000001')).toBe(true);
  });
});
