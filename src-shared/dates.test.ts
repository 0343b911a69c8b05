import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDateParts } from './dates.js';

describe('calendar days', () => {
  it('add days over month ends and DST', () => {
    expect(addDays('2026-11-27', 10)).toBe('2026-12-07');
    expect(addDays('2026-03-25', 7)).toBe('2026-04-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('go back and count whole days across the change to summer and winter time', () => {
    expect(addDays('2026-03-30', -2)).toBe('2026-03-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-07', '2026-11-27')).toBe(-10);
  });

  it('count as date-fns does, also over leap days, years and the books\' far ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('1900-01-01', '2199-12-31')).toBe(109_572);
    expect(addDays('1900-03-01', -1)).toBe('1900-02-28');
    expect(addDays('2199-12-31', 1)).toBe('2200-01-01');
    expect(daysBetween('2026-11-27T23:30:00', '2026-11-28')).toBe(1);
    expect(daysBetween('2026-02-30', '2026-03-01')).toBeNaN();
  });

  it('read only a plain ISO date', () => {
    expect(isoDateParts('2026-11-27')).toEqual({ year: '2026', month: '11', day: '27' });
    expect(isoDateParts('27.11.2026')).toBeUndefined();
    expect(isoDateParts('2026-11-27T10:00')).toBeUndefined();
  });
});
