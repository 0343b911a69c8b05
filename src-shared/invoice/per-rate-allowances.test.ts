/**
 * A percent discount on all lines of a document with several VAT rates lowers each rate's base by
 * that percent: one allowance per rate, each a percent of its own rate's lines.
 */
import { describe, expect, it } from 'vitest';
import type { LineView } from '../contract/views.js';
import { allowancesPerRate, totalsInputOf } from './document.js';
import { computeInvoiceTotals } from './totals.js';

const line = (id: string, quantity: string, price: string, vatRate: string): LineView => ({ id, productId: '', description: id, quantity, unit: 'HUR', netUnitPrice: price, vatCategory: 'S', vatRate });
// 2,5 x 24,90 = 62,25 at 7 %; 3 x 95,00 = 285,00 at 19 %.
const LINES = [line('BUCH-01', '2.5', '24.90', '7'), line('WART-1', '3', '95.00', '19')];

describe('a percent discount on all lines, with two VAT rates', () => {
  it('becomes one allowance per rate of the lines', () => {
    expect(allowancesPerRate(LINES, [{ isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '19', allRates: true }])).toEqual([
      { isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '7' },
      { isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '19' },
    ]);
  });

  it('lowers the 19 % base from 285,00 to 256,50 and the 7 % base from 62,25 to 56,02 (the allowance 6,225 rounded to 6,23)', () => {
    const allowancesCharges = allowancesPerRate(LINES, [{ isCharge: false, percent: '10', reason: 'Rabatt', vatCategory: 'S', vatRate: '19', allRates: true }]);
    const totals = computeInvoiceTotals(totalsInputOf({ currency: 'EUR', lines: LINES, allowancesCharges }));
    expect(totals.allowancesCharges).toEqual([
      { isCharge: false, amount: 623, baseAmount: 6225, reason: 'Rabatt', vatCategory: 'S', vatRate: '7' },
      { isCharge: false, amount: 2850, baseAmount: 28500, reason: 'Rabatt', vatCategory: 'S', vatRate: '19' },
    ]);
    expect(totals.vatBreakdown.map((b) => [b.rate, b.taxableAmount, b.taxAmount])).toEqual([
      ['19', 25650, 4874],
      ['7', 5602, 392],
    ]);
    expect(totals).toMatchObject({ lineTotal: 34725, allowanceTotal: 3473, taxExclusive: 31252, vatTotal: 5266, taxInclusive: 36518 });
  });

  it('takes a percent at one rate from that rate’s lines only', () => {
    const totals = computeInvoiceTotals(totalsInputOf({ currency: 'EUR', lines: LINES, allowancesCharges: [{ isCharge: true, percent: '2', reason: 'Verpackung', vatCategory: 'S', vatRate: '7' }] }));
    expect(totals.allowancesCharges[0]).toMatchObject({ amount: 125, baseAmount: 6225 });
    expect(totals.vatBreakdown.map((b) => [b.rate, b.taxableAmount])).toEqual([
      ['19', 28500],
      ['7', 6350],
    ]);
  });

  it('leaves an amount and a percent without "all rates" as they are', () => {
    const list = [
      { isCharge: true, amount: '9.90', reason: 'Fracht', vatCategory: 'S', vatRate: '19' },
      { isCharge: false, percent: '3', reason: 'Treue', vatCategory: 'S', vatRate: '19', allRates: false },
    ];
    expect(allowancesPerRate(LINES, list)).toEqual([list[0], { isCharge: false, percent: '3', reason: 'Treue', vatCategory: 'S', vatRate: '19' }]);
  });
});
