import { describe, expect, it } from 'vitest';
import { formatIban, ibanProblem } from './iban.js';
import { VAT_ID_EXAMPLE, vatIdProblem } from './vat-id.js';
import { isValidLeitwegId } from './leitweg-id.js';

describe('IBAN check', () => {
  it('accepts real-format IBANs with spaces and lower case', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 00')).toBeUndefined();
    expect(ibanProblem('de89370400440532013000')).toBeUndefined();
    expect(ibanProblem('GB82 WEST 1234 5698 7654 32')).toBeUndefined();
    expect(ibanProblem('AT61 1904 3002 3457 3201')).toBeUndefined();
  });
  it('names what is wrong', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 01')).toBe('checksum');
    expect(ibanProblem('DE89 3704 0044 0532 0130')).toBe('length');
    expect(ibanProblem('Kontonummer 12345')).toBe('format');
  });
  it('prints in groups of four', () => {
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

describe('VAT ID check', () => {
  it('accepts well-formed numbers, German ones with a valid check digit', () => {
    expect(vatIdProblem('DE 136 695 976')).toBeUndefined();
    expect(vatIdProblem('DE811569869')).toBeUndefined();
    expect(vatIdProblem('ATU13585627')).toBeUndefined();
    expect(vatIdProblem('NL123456789B01')).toBeUndefined();
  });
  it('passes the example the forms show', () => {
    expect(vatIdProblem(VAT_ID_EXAMPLE)).toBeUndefined();
    expect(vatIdProblem('DE123456789')).toBe('checksum');
  });
  it('names what is wrong', () => {
    expect(vatIdProblem('DE136695977')).toBe('checksum');
    expect(vatIdProblem('DE12345')).toBe('format');
    expect(vatIdProblem('US123456789')).toBe('country');
  });
});

describe('Leitweg-ID check', () => {
  it('accepts IDs with valid check digits, with and without a fine address', () => {
    expect(isValidLeitwegId('04011000-1234512345-06')).toBe(true);
    expect(isValidLeitwegId('04011000-12345ABCXYZ-86')).toBe(true);
    expect(isValidLeitwegId(' 991-33333test-33 ')).toBe(true);
  });
  it('refuses a wrong check digit or a malformed ID', () => {
    expect(isValidLeitwegId('04011000-1234512345-07')).toBe(false);
    expect(isValidLeitwegId('04011000 1234512345 06')).toBe(false);
    expect(isValidLeitwegId('1-06')).toBe(false);
    expect(isValidLeitwegId('')).toBe(false);
  });
});
