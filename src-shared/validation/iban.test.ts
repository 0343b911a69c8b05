import { describe, expect, it } from 'vitest';
import { bicProblem, ibanLength, ibanProblem } from './iban.js';

describe('IBAN of a payee', () => {
  it('accepts IBANs as banks print them', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'NL91ABNA0417164300', 'AT611904300234573201', 'CH9300762011623852957', 'FR1420041010050500013M02606', 'NO9386011117947', 'BE68539007547034', 'MT84MALT011000012345MTLCAST001S']) {
      expect(ibanProblem(iban), iban).toBeUndefined();
    }
  });

  it('refuses a wrong checksum', () => {
    expect(ibanProblem('DE89370400440532013001')).toBe('checksum');
    expect(ibanProblem('GB82WEST12345698765431')).toBe('checksum');
    expect(ibanProblem('NL92ABNA0417164300')).toBe('checksum');
  });

  it('refuses "DE001234": far too short for a German IBAN', () => {
    expect(ibanProblem('DE001234')).toBe('length');
  });

  it('refuses a country without IBANs and text that is no IBAN', () => {
    expect(ibanProblem('US12345678901234567890')).toBe('country');
    expect(ibanProblem('Kontonummer 12345')).toBe('format');
    expect(ibanProblem('DE8937040044053201300€')).toBe('format');
  });

  it('knows the length of every SEPA country', () => {
    const sepa = ['AD', 'AL', 'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GI', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'SM', 'VA'];
    expect(sepa.filter((country) => ibanLength(country) === undefined)).toEqual([]);
    expect([ibanLength('DE'), ibanLength('NL'), ibanLength('NO'), ibanLength('MT')]).toEqual([22, 18, 15, 31]);
  });

  it('computes the checksum exactly for the longest IBANs, where a floating-point remainder would drift', () => {
    // 33 characters turn into more than 40 digits: far beyond what a double holds exactly.
    expect(ibanProblem('RU0204452560040702810412345678901')).toBeUndefined();
    expect(ibanProblem('LC55HEMM000100010012001200023015')).toBeUndefined();
  });
});

describe('BIC of a payee', () => {
  it('accepts 8 and 11 characters per ISO 9362', () => {
    expect(bicProblem('COBADEFFXXX')).toBeUndefined();
    expect(bicProblem('DEUTDEFF')).toBeUndefined();
    expect(bicProblem('deut de ff 500')).toBeUndefined();
  });

  it('refuses other lengths and digits in the bank or country code', () => {
    for (const bic of ['COBADEFFX', 'COBADE', 'C0BADEFFXXX', 'COBA12FFXXX', 'COBADEFF-XX']) expect(bicProblem(bic), bic).toBe('format');
  });
});
