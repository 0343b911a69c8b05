import { describe, expect, it } from 'vitest';
import { centsToDecimal } from './exact.js';
import { formatDate, formatDecimal, formatMoney, formatPrice } from './document.js';

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
});

describe('dates on documents', () => {
  it('are German or English', () => {
    expect(formatDate('2026-11-27', 'de')).toBe('27.11.2026');
    expect(formatDate('2026-11-01', 'en')).toBe('1\u00a0November\u00a02026');
  });
});
