/**
 * A discount of 10 % on all lines of an order with a 7 % book and a 19 % service lowers both VAT
 * bases: the order keeps one allowance per rate, and the invoice made from it shows each rate's
 * base reduced by 10 %.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

describe('a percent discount on all lines of a document with two VAT rates', () => {
  it('lowers the 7 % and the 19 % base of the order and of its invoice', async () => {
    // 3 x 24,90 = 74,70 at 7 %; 3 x 95,00 = 285,00 at 19 %.
    const book = await product(t.bookkeeper, { sku: 'BUCH-01', nameDe: 'Buch', unit: 'C62', netPrice: '24.90', vatRate: '7' });
    const service = await product(t.bookkeeper, { sku: 'WART-1', nameDe: 'Wartung', unit: 'HUR', netPrice: '95.00', vatRate: '19' });
    const c = await customer(t.bookkeeper);
    const order = await unwrap(
      t.bookkeeper.invoke('orders.save', {
        customerId: c.id,
        orderDate: '2026-11-20',
        lines: [
          { productId: book.id, quantity: '3' },
          { productId: service.id, quantity: '3' },
        ],
        allowancesCharges: [{ isCharge: false, percent: '10', reason: 'Rabatt', allRates: true }],
      }),
    );
    expect(order.allowancesCharges).toEqual([
      { isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '7' },
      { isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '19' },
    ]);
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    const invoice = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
    // 74,70 - 7,47 = 67,23 at 7 %; 285,00 - 28,50 = 256,50 at 19 %.
    expect(invoice.totals.vatBreakdown.map((b) => [b.rate, b.taxableAmount, b.taxAmount])).toEqual([
      ['19', 25650, 4874],
      ['7', 6723, 471],
    ]);
    expect(invoice.totals).toMatchObject({ lineTotal: 35970, allowanceTotal: 3597, taxExclusive: 32373 });
  });

  it('refuses "all rates" on an amount, naming the field, and writes nothing', async () => {
    const c = await customer(t.bookkeeper);
    const draft = await t.bookkeeper.invoke('invoices.saveDraft', {
      customerId: c.id,
      lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', vatCategory: 'S', vatRate: '19' }],
      allowancesCharges: [{ isCharge: false, amount: '10', allRates: true }],
    });
    expect(draft).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'allowancesCharges.0.allRates', problem: 'validation.allRatesPercent' }] } } });
    expect(await app.services.books.db.invoices.count().exec()).toBe(0);
  });
});
