import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

async function issued(input: Record<string, unknown>) {
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', input as never));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  return unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
}

describe('partial credit notes credit what was charged', () => {
  it('one of two items under a 10 % document discount is credited at its discounted amount, not 40.13 € more', async () => {
    const c = await customer(t.bookkeeper);
    const invoice = await issued({
      customerId: c.id,
      lines: [
        { description: 'Teigknetmaschine', quantity: '1', netUnitPrice: '337.20', vatCategory: 'S', vatRate: '19' },
        { description: 'Wartung', quantity: '1', netUnitPrice: '150.00', vatCategory: 'S', vatRate: '19' },
      ],
      allowancesCharges: [{ isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '19' }],
    });
    // 487.20 - 48.72 = 438.48 net, 83.31 VAT, 521.79 gross.
    expect(invoice.totals).toMatchObject({ taxExclusive: 43848, vatTotal: 8331, taxInclusive: 52179 });

    const first = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Rückgabe Maschine', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
    // 337.20 less its share of the discount, 33.72: 303.48 net, 57.66 VAT, 361.14 gross (not 401.27).
    expect(first.totals).toMatchObject({ lineTotal: 33720, allowanceTotal: 3372, taxExclusive: 30348, vatTotal: 5766, taxInclusive: 36114 });
    expect(first.allowancesCharges).toEqual([{ isCharge: false, amount: '33.72', reason: 'Rabatt', vatCategory: 'S', vatRate: '19' }]);

    const second = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Wartung entfällt', lines: [{ lineId: invoice.lines[1]!.id, quantity: '1' }] }));
    expect(first.totals.taxInclusive + second.totals.taxInclusive).toBe(invoice.totals.taxInclusive);
    expect(first.totals.vatTotal + second.totals.vatTotal).toBe(invoice.totals.vatTotal);
    expect(first.totals.taxExclusive + second.totals.taxExclusive).toBe(invoice.totals.taxExclusive);

    const more = await t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'noch einmal', lines: [{ lineId: invoice.lines[1]!.id, quantity: '1' }] });
    expect(more).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.creditTooMuch' }] } } });
  });

  it('shares charges over the lines of their VAT rate and carries the VAT rounding so that partial credits add up to the cent', async () => {
    const c = await customer(t.bookkeeper);
    const invoice = await issued({
      customerId: c.id,
      lines: [
        { description: 'Brot', quantity: '3', netUnitPrice: '3.35', vatCategory: 'S', vatRate: '7' },
        { description: 'Kuchen', quantity: '7', netUnitPrice: '2.15', vatCategory: 'S', vatRate: '7' },
        { description: 'Lieferung Sonderfahrt', quantity: '1', netUnitPrice: '10.05', vatCategory: 'S', vatRate: '19' },
        { description: 'Beratung', quantity: '1', netUnitPrice: '10.05', vatCategory: 'S', vatRate: '19' },
        { description: 'Verpackung', quantity: '1', netUnitPrice: '10.05', vatCategory: 'S', vatRate: '19' },
      ],
      allowancesCharges: [
        { isCharge: false, percent: '3', reason: 'Treuerabatt', vatCategory: 'S', vatRate: '7' },
        { isCharge: true, amount: '4.99', reason: 'Fracht', vatCategory: 'S', vatRate: '19' },
      ],
    });
    const notes: Awaited<ReturnType<typeof issued>>[] = [];
    for (const line of invoice.lines) {
      notes.push(await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Storno', lines: [{ lineId: line.id, quantity: line.quantity }] })));
    }
    const sum = (key: 'taxInclusive' | 'vatTotal' | 'taxExclusive' | 'allowanceTotal' | 'chargeTotal') => notes.reduce((s, n) => s + n.totals[key], 0);
    expect({ gross: sum('taxInclusive'), vat: sum('vatTotal'), net: sum('taxExclusive'), allowances: sum('allowanceTotal'), charges: sum('chargeTotal') }).toEqual({
      gross: invoice.totals.taxInclusive,
      vat: invoice.totals.vatTotal,
      net: invoice.totals.taxExclusive,
      allowances: invoice.totals.allowanceTotal,
      charges: invoice.totals.chargeTotal,
    });
  });
});

describe('credit notes of parts add up to the invoice', () => {
  it('three pieces of 3 x 0.335 credited one by one credit the 1.20 € charged, not 1.21 €', async () => {
    const c = await customer(t.bookkeeper);
    const invoice = await issued({ customerId: c.id, lines: [{ description: 'Schraube', quantity: '3', netUnitPrice: '0.335', vatCategory: 'S', vatRate: '19' }] });
    expect(invoice.totals.taxInclusive).toBe(120);
    let credited = 0;
    for (let i = 0; i < 3; i++) {
      const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Rückgabe', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
      credited += note.totals.taxInclusive;
    }
    expect(credited).toBe(120);
  });

  it('a whole-invoice credit note after a partial one credits what is left, and then says nothing is left', async () => {
    const c = await customer(t.bookkeeper);
    const invoice = await issued({ customerId: c.id, lines: [{ description: 'Mehl', quantity: '2', netUnitPrice: '10', vatCategory: 'S', vatRate: '19' }, { description: 'Salz', quantity: '1', netUnitPrice: '5', vatCategory: 'S', vatRate: '7' }] });
    const part = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Rückgabe', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
    const rest = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Storno' }));
    expect(rest.lines.map((l) => l.quantity)).toEqual(['1', '1']);
    expect(part.totals.taxInclusive + rest.totals.taxInclusive).toBe(invoice.totals.taxInclusive);
    expect(await t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Storno' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines', problem: 'validation.nothingLeftToCredit' }] } } });
  });
});
