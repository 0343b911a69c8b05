/** The rules under the sales reports: which Kennzahl a sale goes to, the form's rounding, shares, buckets. */
import { describe, expect, it } from 'vitest';
import { bucketsBetween, bucketKeyOf, yearBefore } from './periods.js';
import { scaled } from './recognition.js';
import { cashKennzahlOf, formTaxOf, KENNZAHL_BY_KEY, kennzahlOf } from './ustva.js';

describe('UStVA Kennzahl of a sale', () => {
  it('follows the VAT case and the category and rate of the VAT group', () => {
    expect(kennzahlOf('domestic', 'S', '19')).toBe('81');
    expect(kennzahlOf('domestic', 'S', '7')).toBe('86');
    expect(kennzahlOf('domestic', 'S', '10.7')).toBe('35');
    expect(kennzahlOf('domestic', 'Z', '0')).toBe('87');
    expect(kennzahlOf('intraEu', 'K', '0')).toBe('41');
    expect(kennzahlOf('intraEu', 'AE', '0')).toBe('21');
    expect(kennzahlOf('reverseCharge13b', 'AE', '0')).toBe('60');
    expect(kennzahlOf('export', 'G', '0')).toBe('43');
    expect(kennzahlOf('exempt', 'E', '0')).toBe('48');
    expect(kennzahlOf('domestic', 'O', '0')).toBe('45');
    expect(kennzahlOf('smallBusiness', 'E', '0')).toBe('smallBusiness');
  });

  it('puts cash income with VAT to 81 or 86, expense VAT to 66, and income without VAT to no Kennzahl', () => {
    expect([cashKennzahlOf('income', 19), cashKennzahlOf('income', 7), cashKennzahlOf('income', 0)]).toEqual(['81', '86', 'unassigned']);
    expect([cashKennzahlOf('expense', 19), cashKennzahlOf('expense', 0)]).toEqual(['66', null]);
  });

  it('works the tax of 81 and 86 out from whole euros, as the form does', () => {
    // 948.99 € base: the form takes 948 €, 19 % of it is 180.12 €.
    expect(formTaxOf(KENNZAHL_BY_KEY.get('81')!, 94899, 18031)).toBe(18012);
    expect(formTaxOf(KENNZAHL_BY_KEY.get('86')!, -4950, -347)).toBe(-343);
    expect(formTaxOf(KENNZAHL_BY_KEY.get('35')!, 10000, 1000)).toBe(1000);
  });
});

describe('shares and buckets', () => {
  it('rounds a part half away from zero, exactly beyond 2^53', () => {
    expect(scaled(10000, 1, 3)).toBe(3333);
    expect(scaled(10000, 2, 3)).toBe(6667);
    expect(scaled(-250, 1, 2)).toBe(-125);
    expect(scaled(-5, 1, 2)).toBe(-3);
    expect(scaled(9_000_000_000_000, 9_000_000, 18_000_000)).toBe(4_500_000_000_000);
  });

  it('clips the first and last bucket to the range and compares each with the same days a year earlier', () => {
    expect(bucketsBetween('2026-02-15', '2026-07-10', 'quarter')).toEqual([
      { key: '2026-Q1', from: '2026-02-15', to: '2026-03-31', previousFrom: '2025-02-15', previousTo: '2025-03-31' },
      { key: '2026-Q2', from: '2026-04-01', to: '2026-06-30', previousFrom: '2025-04-01', previousTo: '2025-06-30' },
      { key: '2026-Q3', from: '2026-07-01', to: '2026-07-10', previousFrom: '2025-07-01', previousTo: '2025-07-10' },
    ]);
    expect(bucketsBetween('2026-10-01', '2026-12-31', 'month').map((b) => b.key)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(bucketsBetween('2025-03-01', '2026-03-01', 'year').map((b) => b.key)).toEqual(['2025', '2026']);
    expect(bucketKeyOf('2026-11-27', 'quarter')).toBe('2026-Q4');
    expect(yearBefore('2028-02-29')).toBe('2027-02-28');
  });
});
