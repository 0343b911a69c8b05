import { describe, expect, it } from 'vitest';
import { adjustmentInputs, adjustmentOf, editorLineOf, lineInputs, liveTotals, NO_ADJUSTMENT, type EditorLine, type PricingCustomer, type PricingProduct } from './lines.js';

const FLOUR: PricingProduct = { id: 'p1', sku: 'MEHL-25', nameDe: 'Mehl', nameEn: 'Flour', unit: 'C62', netPrice: '18.9', vatCategory: 'S', vatRate: '7', stockTracked: true };
const OVEN: PricingProduct = { id: 'p2', sku: 'OFEN-1', nameDe: 'Wartung', nameEn: 'Service', unit: 'HUR', netPrice: '95', vatCategory: 'S', vatRate: '19', stockTracked: false };
const PRODUCTS = new Map([FLOUR, OVEN].map((p) => [p.id, p]));
const DOMESTIC: PricingCustomer = { discountPercent: '5', vatTreatment: 'domestic', exemptionReason: '', language: 'de' };

let editorLines = 0;
const line = (over: Partial<EditorLine>): EditorLine => ({ key: `k${++editorLines}`, productId: '', description: '', quantity: '1', unitPrice: '', discountPercent: '', vatRate: '19', ...over });

describe('live totals of the line editor', () => {
  it('match what the main process computes for the same order (invoicing.test.ts)', () => {
    // Flour 3 x 18.90 = 56.70, customer discount 5 % = 2.84 -> 53.86 at 7 %: VAT 3.77
    // Service 2.5 x 95.00 = 237.50 at 19 %, freight 9.90 -> 247.40: VAT 47.01
    const live = liveTotals(
      'EUR',
      [line({ productId: 'p1', quantity: '3' }), line({ productId: 'p2', quantity: '2,5', discountPercent: '0' })],
      PRODUCTS,
      DOMESTIC,
      { kind: 'charge', mode: 'amount', value: '9,90', reason: 'Fracht', vatRate: '19' },
    );
    expect(live.skipped).toBe(0);
    expect(live.totals).toMatchObject({ lineTotal: 29136, chargeTotal: 990, taxExclusive: 30126, vatTotal: 5078, taxInclusive: 35204 });
    expect(live.totals?.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: 24740, taxAmount: 4701 },
      { category: 'S', rate: '7', taxableAmount: 5386, taxAmount: 377 },
    ]);
  });

  it('leaves out lines without a usable quantity or price and counts them', () => {
    const live = liveTotals('EUR', [line({ description: 'Beratung', unitPrice: '' }), line({ productId: 'p2', quantity: 'zwei' }), line({ description: 'Fahrt', unitPrice: '40', vatRate: '7' })], PRODUCTS, null, NO_ADJUSTMENT);
    expect(live.skipped).toBe(2);
    expect(live.totals).toMatchObject({ taxExclusive: 4000, vatTotal: 280, taxInclusive: 4280 });
  });

  it('follows the VAT treatment of the customer (reverse charge: no VAT)', () => {
    const live = liveTotals('EUR', [line({ productId: 'p2', quantity: '2' })], PRODUCTS, { ...DOMESTIC, discountPercent: '0', vatTreatment: 'reverseCharge13b' }, NO_ADJUSTMENT);
    expect(live.totals?.vatBreakdown).toEqual([{ category: 'AE', rate: '0', taxableAmount: 19000, taxAmount: 0, exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers' }]);
  });

  it('applies a percentage discount on the whole document', () => {
    const live = liveTotals('EUR', [line({ description: 'Beratung', unitPrice: '100', quantity: '2' })], PRODUCTS, null, { kind: 'allowance', mode: 'percent', value: '10', reason: '', vatRate: '19' });
    expect(live.totals).toMatchObject({ lineTotal: 20000, allowanceTotal: 2000, taxExclusive: 18000, vatTotal: 3420, taxInclusive: 21420 });
  });
});

describe('contract input of the editor', () => {
  it('sends only what was typed; product lines take VAT from the product', () => {
    expect(lineInputs([line({ productId: 'p1', quantity: ' 3 ' }), line({ id: 'L1', description: 'Fahrt', unitPrice: '40,00', discountPercent: '5', vatRate: '7' })])).toEqual([
      { productId: 'p1', description: '', quantity: '3' },
      { id: 'L1', productId: '', description: 'Fahrt', quantity: '1', netUnitPrice: '40.00', discountPercent: '5', vatCategory: 'S', vatRate: '7' },
    ]);
    // As German and English users write numbers: thousands separators, decimal comma or point.
    expect(lineInputs([line({ quantity: '2,5', unitPrice: '1.249,00' })], 'de')[0]).toMatchObject({ quantity: '2.5', netUnitPrice: '1249.00' });
    expect(lineInputs([line({ quantity: '2.5', unitPrice: '€1,249.00' })], 'en')[0]).toMatchObject({ quantity: '2.5', netUnitPrice: '1249.00' });
    // What does not read goes as typed: the main process names the field.
    expect(lineInputs([line({ quantity: 'zwei' })], 'de')[0]).toMatchObject({ quantity: 'zwei' });
    expect(adjustmentInputs({ kind: 'charge', mode: 'amount', value: '1.249,50', reason: '', vatRate: '19' }, 'de')[0]).toMatchObject({ amount: '1249.50' });
    expect(adjustmentInputs(NO_ADJUSTMENT)).toEqual([]);
    // A percent of the lines falls on each VAT rate of the lines.
    expect(adjustmentInputs({ kind: 'allowance', mode: 'percent', value: '3', reason: 'Treue', vatRate: '19' })).toEqual([{ isCharge: false, percent: '3', reason: 'Treue', allRates: true }]);
  });

  it('shows a 10 % discount on all lines lowering the 7 % and the 19 % base alike', () => {
    const tenPercent = { kind: 'allowance', mode: 'percent', value: '10', reason: 'Rabatt', vatRate: '19' } as const;
    const live = liveTotals('EUR', [line({ description: 'Buch', quantity: '3', unitPrice: '24,90', vatRate: '7' }), line({ description: 'Wartung', quantity: '3', unitPrice: '95', vatRate: '19' })], PRODUCTS, null, tenPercent);
    expect(live.totals?.vatBreakdown.map((b) => [b.rate, b.taxableAmount])).toEqual([
      ['19', 25650],
      ['7', 6723],
    ]);
  });

  it('reads saved lines and allowances back into the editor', () => {
    const saved = editorLineOf({ id: 'L9', productId: 'p1', description: 'Mehl', quantity: '3', unit: 'C62', netUnitPrice: '18.9', discountPercent: '5', vatCategory: 'S', vatRate: '7' });
    expect(saved).toEqual({ key: 'L9', id: 'L9', productId: 'p1', description: 'Mehl', quantity: '3', unitPrice: '18,90', discountPercent: '5', vatRate: '7' });
    expect(adjustmentOf([{ isCharge: true, amount: '9.9', reason: 'Fracht', vatCategory: 'S', vatRate: '19' }])).toEqual({ kind: 'charge', mode: 'amount', value: '9,90', reason: 'Fracht', vatRate: '19' });
  });

  it('shows saved numbers in the user\'s format, never "68.5" in German', () => {
    const saved = { id: 'L9', productId: 'p1', description: 'Mehl', quantity: '2.5', unit: 'C62', netUnitPrice: '1249', vatCategory: 'S' as const, vatRate: '7' };
    expect(editorLineOf(saved, 'de')).toMatchObject({ quantity: '2,5', unitPrice: '1.249,00' });
    expect(editorLineOf(saved, 'en')).toMatchObject({ quantity: '2.5', unitPrice: '1,249.00' });
    expect(editorLineOf({ ...saved, quantity: '68.5' }, 'de').quantity).toBe('68,5');
  });
});
