import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDecimalText, formatMinorInput, formatMoney, formatNumberInput, formatPrice, minorToDecimalText, parseDecimalInput, readNumber, splitMinorUnits, todayIso, type NumberKind } from './format.js';

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
  it('accepts a decimal comma or dot, and thousands separators', () => {
    expect(parseDecimalInput(' 18,90 ')).toBe('18.90');
    expect(parseDecimalInput('3')).toBe('3');
    expect(parseDecimalInput('-1.5')).toBe('-1.5');
    expect(parseDecimalInput('1.234,56')).toBe('1234.56');
    expect(parseDecimalInput('12 €')).toBe('12');
  });
  it('rejects garbage, misplaced separators and empty text', () => {
    expect(parseDecimalInput('')).toBeUndefined();
    expect(parseDecimalInput('zwölf')).toBeUndefined();
    expect(parseDecimalInput('1.23.4')).toBeUndefined();
  });
});

/** `[typed, language, kind, what is read]`: a value, or the problem (and the limit it names). */
const READ_TABLE: [string, 'de' | 'en', NumberKind, string | { problem: string; max?: string }][] = [
  ['1.249,00', 'de', 'money', '1249.00'],
  ['1.000,00', 'de', 'money', '1000.00'],
  ['1.249,00 €', 'de', 'money', '1249.00'],
  ['1.249,00\u00a0€', 'de', 'money', '1249.00'],
  ['€1,249.00', 'de', 'money', '1249.00'],
  ['€1,249.00', 'en', 'money', '1249.00'],
  ['1,249.00', 'en', 'money', '1249.00'],
  ['EUR 12', 'en', 'money', '12'],
  ['2,50', 'de', 'money', '2.50'],
  ['2.50', 'de', 'money', '2.50'],
  ['0,5', 'de', 'quantity', '0.5'],
  ['2,5', 'de', 'quantity', '2.5'],
  ['2.5', 'en', 'quantity', '2.5'],
  ['2,5', 'en', 'quantity', '2.5'],
  ['1.000', 'de', 'quantity', '1000'],
  ['1,000', 'en', 'quantity', '1000'],
  ['1.000', 'en', 'quantity', '1.000'],
  ['1.000.000', 'de', 'quantity', '1000000'],
  ['1 249,50', 'de', 'money', '1249.50'],
  [',5', 'de', 'money', '0.5'],
  ['007', 'de', 'quantity', '7'],
  ['', 'de', 'money', ''],
  ['   ', 'en', 'money', ''],
  ['abc', 'de', 'money', { problem: 'notANumber' }],
  ['12a', 'en', 'quantity', { problem: 'notANumber' }],
  ['1.2.3', 'de', 'quantity', { problem: 'separator' }],
  ['12.34,5', 'de', 'money', { problem: 'separator' }],
  ['1.249,00,5', 'de', 'money', { problem: 'separator' }],
  ['1,24,9', 'en', 'money', { problem: 'separator' }],
  ['-3', 'de', 'quantity', { problem: 'negative' }],
  ['−1.249,00 €', 'de', 'money', { problem: 'negative' }],
  ['1,239', 'de', 'money', { problem: 'tooManyDecimals', max: '2' }],
  ['19.999', 'en', 'money', { problem: 'tooManyDecimals', max: '2' }],
  ['999999999999', 'de', 'quantity', { problem: 'tooLarge', max: '1000000' }],
  ['999999999999', 'de', 'money', { problem: 'tooLarge', max: '99999999.99' }],
  ['99.999.999.999.999,00 €', 'de', 'price', { problem: 'tooLarge', max: '99999999.99' }],
  ['100.000.000', 'de', 'money', { problem: 'tooLarge', max: '99999999.99' }],
  ['99.999.999,99', 'de', 'money', '99999999.99'],
  ['1.000.000', 'de', 'quantity', '1000000'],
  ['0,125', 'de', 'price', '0.125'],
  ['100,5', 'de', 'percent', { problem: 'tooLarge', max: '100' }],
];

describe('readNumber: what German and English users type', () => {
  it.each(READ_TABLE)('%s (%s, %s)', (typed, language, kind, expected) => {
    const read = readNumber(typed, language, kind);
    if (typeof expected === 'string') expect(read).toEqual({ ok: true, value: expected });
    else expect(read).toEqual({ ok: false, ...expected });
  });
  it('reads a negative amount where the field allows it', () => {
    expect(readNumber('-1.249,00 €', 'de', 'money', { negative: true })).toEqual({ ok: true, value: '-1249.00' });
    expect(readNumber('-€1,249.00', 'en', 'money', { negative: true })).toEqual({ ok: true, value: '-1249.00' });
    expect(readNumber('-0,00', 'de', 'money', { negative: true })).toEqual({ ok: true, value: '0.00' });
  });
  it('gives exact decimals where a float would not', () => {
    expect(readNumber('0,1', 'de', 'price')).toEqual({ ok: true, value: '0.1' });
    expect(readNumber('99.999.999,99', 'de', 'money')).toEqual({ ok: true, value: '99999999.99' });
  });
});

describe('numbers as inputs show them', () => {
  it('money with two decimals and grouping in the user\'s format', () => {
    expect(formatNumberInput('1249', 'de', 'money')).toBe('1.249,00');
    expect(formatNumberInput('1249', 'en', 'money')).toBe('1,249.00');
    expect(formatNumberInput('2.5', 'de', 'money')).toBe('2,50');
    expect(formatNumberInput('-1249.5', 'de', 'money')).toBe('-1.249,50');
    expect(formatMinorInput(124900, 'de')).toBe('1.249,00');
    expect(formatMinorInput(250, 'en')).toBe('2.50');
  });
  it('prices with at least two decimals, quantities as they are', () => {
    expect(formatNumberInput('68.5', 'de', 'price')).toBe('68,50');
    expect(formatNumberInput('0.125', 'de', 'price')).toBe('0,125');
    expect(formatNumberInput('2.5', 'de', 'quantity')).toBe('2,5');
    expect(formatNumberInput('1000000', 'de', 'quantity')).toBe('1.000.000');
    expect(formatNumberInput('1000000', 'en', 'quantity')).toBe('1,000,000');
    expect(formatNumberInput('', 'de', 'quantity')).toBe('');
  });
  it('reads back what it shows', () => {
    for (const language of ['de', 'en'] as const)
      for (const [plain, kind] of [['1249.00', 'money'], ['0.125', 'price'], ['2.5', 'quantity'], ['1000000', 'quantity'], ['99999999.99', 'money']] as const)
        expect(readNumber(formatNumberInput(plain, language, kind), language, kind)).toEqual({ ok: true, value: plain });
  });
});

describe('dates and amounts for inputs', () => {
  it('formats ISO dates, one format per language', () => {
    expect(formatDate('2026-11-27', 'de')).toBe('27.11.2026');
    expect(formatDate('2026-12-06', 'de')).toBe('06.12.2026');
    expect(formatDate('2026-12-06', 'en')).toBe('6 Dec 2026');
    expect(formatDate('2026-12-06T10:00:00.000Z', 'en')).toBe('6 Dec 2026');
    expect(formatDate('', 'de')).toBe('');
  });
  it('formats moments with the same date format and a 24-hour time', () => {
    expect(formatDateTime('2026-12-06T13:30:00.000Z', 'de', 'Europe/Berlin')).toBe('06.12.2026, 14:30');
    expect(formatDateTime('2026-12-06T13:30:00.000Z', 'en', 'Europe/Berlin')).toBe('6 Dec 2026, 14:30');
    expect(formatDateTime('', 'de')).toBe('');
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
