import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimalText, formatMoney, formatPrice, minorToDecimalText, parseDecimalInput, splitMinorUnits, todayIso } from './format.js';

/** Intl puts a no-break space between amount and sign in German; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('splitMinorUnits', () => {
  it('splits cents into unit and fraction digits as strings', () => {
    expect(splitMinorUnits(123456)).toEqual({ negative: false, units: '1234', fraction: '56' });
    expect(splitMinorUnits(5)).toEqual({ negative: false, units: '0', fraction: '05' });
    expect(splitMinorUnits(0)).toEqual({ negative: false, units: '0', fraction: '00' });
    expect(splitMinorUnits(-50)).toEqual({ negative: true, units: '0', fraction: '50' });
    expect(splitMinorUnits(-100)).toEqual({ negative: true, units: '1', fraction: '00' });
  });
  it('is exact beyond the range where floats lose cents', () => {
    expect(splitMinorUnits(Number.MAX_SAFE_INTEGER)).toEqual({ negative: false, units: '90071992547409', fraction: '91' });
    expect(splitMinorUnits(12345678901234567890n)).toEqual({ negative: false, units: '123456789012345678', fraction: '90' });
  });
  it('refuses amounts that are not integers of cents', () => {
    expect(() => splitMinorUnits(12.5)).toThrow(/safe integer/);
  });
});

describe('formatMoney', () => {
  it('formats German amounts with a decimal comma and grouping dots', () => {
    expect(plain(formatMoney(123456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(plain(formatMoney(64958, 'EUR', 'de'))).toBe('649,58 €');
    expect(plain(formatMoney(7, 'EUR', 'de'))).toBe('0,07 €');
    expect(plain(formatMoney(0, 'EUR', 'de'))).toBe('0,00 €');
    expect(plain(formatMoney(123456789012, 'EUR', 'de'))).toBe('1.234.567.890,12 €');
  });
  it('formats English amounts', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(-29749, 'EUR', 'en')).toBe('-€297.49');
    expect(formatMoney(100, 'USD', 'en')).toBe('$1.00');
  });
  it('keeps the sign of amounts below one euro', () => {
    expect(plain(formatMoney(-50, 'EUR', 'de'))).toBe('-0,50 €');
    expect(plain(formatMoney(-123456, 'EUR', 'de'))).toBe('-1.234,56 €');
  });
  it('shows the largest safe amount exactly (a float division would not)', () => {
    expect(plain(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'de'))).toBe('90.071.992.547.409,91 €');
  });
  it('uses the currency of the document', () => {
    expect(plain(formatMoney(1050, 'CHF', 'de'))).toBe('10,50 CHF');
  });
});

describe('formatPrice', () => {
  it('shows unit prices with at least two decimals and keeps further ones', () => {
    expect(plain(formatPrice('18.9', 'EUR', 'de'))).toBe('18,90 €');
    expect(plain(formatPrice('249.99', 'EUR', 'de'))).toBe('249,99 €');
    expect(plain(formatPrice('1500', 'EUR', 'de'))).toBe('1.500,00 €');
    expect(plain(formatPrice('0.125', 'EUR', 'de'))).toBe('0,125 €');
    expect(formatPrice('0.125', 'EUR', 'en')).toBe('€0.125');
  });
});

describe('formatDecimalText', () => {
  it('keeps every decimal and uses the language separators', () => {
    expect(formatDecimalText('2.5', 'de')).toBe('2,5');
    expect(formatDecimalText('2.5', 'en')).toBe('2.5');
    expect(formatDecimalText('19', 'de')).toBe('19');
    expect(formatDecimalText('12345.125', 'de')).toBe('12.345,125');
    expect(formatDecimalText('-3', 'de')).toBe('-3');
    expect(formatDecimalText('0.001', 'en')).toBe('0.001');
  });
  it('returns text that is not a decimal unchanged', () => {
    expect(formatDecimalText('abc', 'de')).toBe('abc');
  });
});

describe('parseDecimalInput', () => {
  it('accepts a decimal comma or dot', () => {
    expect(parseDecimalInput(' 18,90 ')).toBe('18.90');
    expect(parseDecimalInput('3')).toBe('3');
    expect(parseDecimalInput('-1.5')).toBe('-1.5');
  });
  it('rejects anything ambiguous or empty', () => {
    expect(parseDecimalInput('')).toBeUndefined();
    expect(parseDecimalInput('1.234,56')).toBeUndefined();
    expect(parseDecimalInput('12 €')).toBeUndefined();
  });
});

describe('dates and amounts for inputs', () => {
  it('formats ISO dates', () => {
    expect(formatDate('2026-11-27', 'de')).toBe('27.11.2026');
    expect(formatDate('2026-11-27', 'en')).toBe('11/27/2026');
    expect(formatDate('', 'de')).toBe('');
  });
  it('gives today as a local ISO date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
  it('turns cents into the decimal text of an input', () => {
    expect(minorToDecimalText(500000)).toBe('5000.00');
    expect(minorToDecimalText(5)).toBe('0.05');
    expect(minorToDecimalText(-1990)).toBe('-19.90');
  });
});
