import { describe, expect, it } from 'vitest';
import { addDays, centsToDecimal, formatDate, formatDecimal, formatMoney, formatPrice, skontoOf } from './format.js';

describe('money on documents', () => {
  it('formats cents German and English style, without floating point', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56 €');
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(5, 'EUR', 'de')).toBe('0,05 €');
    expect(formatMoney(-990, 'EUR', 'de')).toBe('-9,90 €');
    expect(formatMoney(-990, 'EUR', 'en')).toBe('-€9.90');
    expect(formatMoney(0, 'EUR', 'en')).toBe('€0.00');
    // 2^53 - 1 cents: every digit survives, as it would not through division by 100 in floating point.
    expect(formatMoney(9_007_199_254_740_991, 'EUR', 'de')).toBe('90.071.992.547.409,91 €');
    expect(formatMoney(100, 'USD', 'de')).toBe('1,00 USD');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(() => formatMoney(1.5, 'EUR', 'de')).toThrow(/integer/);
  });

  it('formats exact decimals: quantities, unit prices, rates', () => {
    expect(formatDecimal('2.5', 'de')).toBe('2,5');
    expect(formatDecimal('1234567.125', 'en')).toBe('1,234,567.125');
    expect(formatDecimal('-0.000', 'de')).toBe('0,000');
    expect(formatPrice('18.9', 'EUR', 'de')).toBe('18,90 €');
    expect(formatPrice('0.125', 'EUR', 'en')).toBe('€0.125');
  });

  it('computes Skonto exactly from the amount due, rounding half up', () => {
    // 468.37 € x 2 % = 9.3674 € -> 9.37 €, leaving 459.00 €.
    expect(skontoOf(46837, '2')).toEqual({ discount: 937, payable: 45900 });
    // 100.50 € x 2.5 % = 2.5125 € -> 2.51 €.
    expect(skontoOf(10050, '2.5')).toEqual({ discount: 251, payable: 9799 });
    // 0.50 € x 3 % = 0.015 € -> 0.02 € (half up, where 0.015 in binary floating point is 0.01499…).
    expect(skontoOf(50, '3')).toEqual({ discount: 2, payable: 48 });
    expect(skontoOf(1, '0.1')).toEqual({ discount: 0, payable: 1 });
  });
});

describe('dates on documents', () => {
  it('are German or English and add days over month ends and DST', () => {
    expect(formatDate('2026-11-27', 'de')).toBe('27.11.2026');
    expect(formatDate('2026-11-01', 'en')).toBe('1\u00a0November\u00a02026');
    expect(addDays('2026-11-27', 10)).toBe('2026-12-07');
    expect(addDays('2026-03-25', 7)).toBe('2026-04-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
