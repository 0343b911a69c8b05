// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { axisMoney, axisMonthLabel, chartFigures, monthLabel } from './chart-format.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('figures of the revenue chart', () => {
  it('names months in the UI language', () => {
    expect(monthLabel('2026-11', 'de')).toBe('Nov. 2026');
    expect(monthLabel('2026-03', 'de', 'long')).toBe('März 2026');
    expect(monthLabel('2026-11', 'en')).toBe('Nov 2026');
    expect(monthLabel('2026-13x', 'de')).toBe('2026-13x');
  });

  it('writes the months under the bars short, with the year on the first bar and in January', () => {
    expect(axisMonthLabel('2025-12', true, 'de')).toEqual(['Dez', '2025']);
    expect(axisMonthLabel('2026-03', false, 'de')).toBe('Mär');
    expect(axisMonthLabel('2026-01', false, 'de')).toEqual(['Jan', '2026']);
    expect(axisMonthLabel('2026-09', false, 'en')).toBe('Sept');
  });

  it('writes axis amounts in whole euros, German style, and keeps cents of a step below one euro', () => {
    expect(plain(axisMoney(250000, 'EUR', 'de'))).toBe('2.500 €');
    expect(plain(axisMoney(123456700, 'EUR', 'de'))).toBe('1.234.567 €');
    expect(plain(axisMoney(50, 'EUR', 'de'))).toBe('0,50 €');
    expect(plain(axisMoney(250000, 'EUR', 'en'))).toBe('€2,500');
    expect(plain(axisMoney(0, 'EUR', 'de'))).toBe('0 €');
  });

  it('lists every month with its exact amount for the text alternative', () => {
    expect(plain(chartFigures([{ month: '2026-10', net: 0 }, { month: '2026-11', net: 123456 }], 'EUR', 'de'))).toBe('Okt. 2026: 0,00 €; Nov. 2026: 1.234,56 €');
  });
});
