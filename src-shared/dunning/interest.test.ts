import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BaseRateTable,
  type InterestInput,
  baseRateOn,
  computeDefaultInterest,
  INTEREST_MARGIN,
  validateBaseRateTable,
} from './interest.js';

const shippedJson: unknown = JSON.parse(readFileSync(new URL('../../resources/base-rates.json', import.meta.url), 'utf8'));
const shipped = validateBaseRateTable(shippedJson);

/**
 * The shipped table cut to the state of 2026-01-01 (last entry 2026-01-01, valid through 2026-06-30), so
 * that the tests about assumed rates stay true when newer rates are added to the JSON file.
 */
const asOf2026H1: BaseRateTable = {
  ...shipped,
  validThrough: '2026-06-30',
  rates: shipped.rates.filter((r) => r.from <= '2026-01-01'),
};

const TEN_THOUSAND_EUR = 1_000_000; // €10,000.00 in cents

function compute(extra: Partial<InterestInput>): ReturnType<typeof computeDefaultInterest> {
  return computeDefaultInterest({
    principal: TEN_THOUSAND_EUR,
    from: '2024-05-15',
    to: '2024-08-14',
    customerKind: 'business',
    baseRates: shipped,
    ...extra,
  });
}

/** A valid copy of the shipped table with one change, for the validation tests. */
function tableWith(change: (t: { source: unknown; validThrough: unknown; updatedAt: unknown; rates: unknown[] }) => void): unknown {
  const copy = JSON.parse(JSON.stringify(shippedJson)) as { source: unknown; validThrough: unknown; updatedAt: unknown; rates: unknown[] };
  change(copy);
  return copy;
}

describe('shipped base rate table', () => {
  it('validates and holds one entry per half-year from 2002-01-01', () => {
    expect(shipped.source).toBe('Deutsche Bundesbank, Basiszinssatz nach § 247 BGB');
    expect(shipped.rates[0]).toEqual({ from: '2002-01-01', rate: '2.57' });
    // 2002-01-01 .. 2026-01-01: 24 years × 2 + 1 = 49 entries at least (newer ones may be added).
    expect(shipped.rates.length).toBeGreaterThanOrEqual(49);
    const byDate = new Map(shipped.rates.map((r) => [r.from, r.rate]));
    expect(byDate.get('2007-01-01')).toBe('2.70');
    expect(byDate.get('2013-01-01')).toBe('-0.13');
    expect(byDate.get('2020-07-01')).toBe('-0.88');
    expect(byDate.get('2023-01-01')).toBe('1.62');
    expect(byDate.get('2024-01-01')).toBe('3.62');
    expect(byDate.get('2024-07-01')).toBe('3.37');
    expect(byDate.get('2026-01-01')).toBe('1.27');
  });

  it('looks up the rate in force on a day', () => {
    expect(baseRateOn(shipped, '2024-06-30')).toEqual({ rate: '3.62', assumed: false });
    expect(baseRateOn(shipped, '2024-07-01')).toEqual({ rate: '3.37', assumed: false });
    expect(baseRateOn(shipped, '2016-07-01')).toEqual({ rate: '-0.88', assumed: false });
    expect(baseRateOn(asOf2026H1, '2026-07-01')).toEqual({ rate: '1.27', assumed: true });
    expect(() => baseRateOn(shipped, '2001-12-31')).toThrow(/^date: .*before the first base rate/);
    expect(() => baseRateOn(shipped, '2024-02-30')).toThrow(/^date: not a valid ISO date/);
  });

  it('has the § 288 BGB margins', () => {
    expect(INTEREST_MARGIN).toEqual({ consumer: '5', business: '9' });
  });
});

describe('computeDefaultInterest', () => {
  it('business, €10,000.00, 2024-05-15..2024-08-14 across the 2024-07-01 change', () => {
    // 2024 is a leap year: divisor 366.
    // P1 2024-05-15..2024-06-30: 17 (May 15–31) + 30 = 47 days at 3.62 + 9 = 12.62 %
    //    1,000,000 × 12.62 / 100 = 126,200; × 47 = 5,931,400; / 366 = 16,206.0109 → 16,206
    //    (366 × 16,206 = 5,931,396, remainder 4)
    // P2 2024-07-01..2024-08-14: 31 + 14 = 45 days at 3.37 + 9 = 12.37 %
    //    1,000,000 × 12.37 / 100 = 123,700; × 45 = 5,566,500; / 366 = 15,209.0164 → 15,209
    //    (366 × 15,209 = 5,566,494, remainder 6)
    // Total 16,206 + 15,209 = 31,415 cents = €314.15
    const result = compute({});
    expect(result.periods).toEqual([
      { from: '2024-05-15', to: '2024-06-30', days: 47, principal: 1_000_000, baseRate: '3.62', margin: '9', rate: '12.62', amount: 16_206, assumed: false },
      { from: '2024-07-01', to: '2024-08-14', days: 45, principal: 1_000_000, baseRate: '3.37', margin: '9', rate: '12.37', amount: 15_209, assumed: false },
    ]);
    expect(result.amount).toBe(31_415);
    expect(result.assumedAfter).toBeUndefined();
  });

  it('consumer, same case: 8.62 % / 8.37 %', () => {
    // P1 47 days at 3.62 + 5 = 8.62 %: 86,200 × 47 = 4,051,400; / 366 = 11,069.3989 → 11,069
    //    (366 × 11,069 = 4,051,254, remainder 146)
    // P2 45 days at 3.37 + 5 = 8.37 %: 83,700 × 45 = 3,766,500; / 366 = 10,290.9836 → 10,291
    //    (366 × 10,290 = 3,766,140, remainder 360)
    // Total 11,069 + 10,291 = 21,360 cents = €213.60
    const result = compute({ customerKind: 'consumer' });
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.rate, p.margin, p.amount])).toEqual([
      ['2024-05-15', '2024-06-30', 47, '8.62', '5', 11_069],
      ['2024-07-01', '2024-08-14', 45, '8.37', '5', 10_291],
    ]);
    expect(result.amount).toBe(21_360);
  });

  it('a partial payment of €4,000.00 on 2024-06-10 gives three periods', () => {
    // P1 2024-05-15..2024-06-09: 17 + 9 = 26 days, 1,000,000 at 12.62 %:
    //    126,200 × 26 = 3,281,200; / 366 = 8,965.0273 → 8,965   (366 × 8,965 = 3,281,190, rem. 10)
    // P2 2024-06-10..2024-06-30: 21 days (payment day charged on the reduced amount), 600,000 at 12.62 %:
    //    75,720 × 21 = 1,590,120; / 366 = 4,344.5902 → 4,345   (366 × 4,344 = 1,589,904, rem. 216)
    // P3 2024-07-01..2024-08-14: 45 days, 600,000 at 12.37 %:
    //    74,220 × 45 = 3,339,900; / 366 = 9,125.4098 → 9,125   (366 × 9,125 = 3,339,750, rem. 150)
    // Total 8,965 + 4,345 + 9,125 = 22,435 cents = €224.35
    const result = compute({ payments: [{ date: '2024-06-10', amount: 400_000 }] });
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.principal, p.rate, p.amount])).toEqual([
      ['2024-05-15', '2024-06-09', 26, 1_000_000, '12.62', 8_965],
      ['2024-06-10', '2024-06-30', 21, 600_000, '12.62', 4_345],
      ['2024-07-01', '2024-08-14', 45, 600_000, '12.37', 9_125],
    ]);
    expect(result.amount).toBe(22_435);
    // Two payments on the same day count as one.
    const split = compute({ payments: [{ date: '2024-06-10', amount: 150_000 }, { date: '2024-06-10', amount: 250_000 }] });
    expect(split).toEqual(result);
  });

  it('splits at 1 January: 2025-12-01..2026-01-31 (365-day years)', () => {
    // Base rate 1.27 on both sides (2025-07-01 and 2026-01-01), business 10.27 %, divisor 365 in both years.
    // P1 2025-12-01..2025-12-31: 31 days: 102,700 × 31 = 3,183,700; / 365 = 8,722.4658 → 8,722
    //    (365 × 8,722 = 3,183,530, remainder 170)
    // P2 2026-01-01..2026-01-31: 31 days: same figures → 8,722
    // Total 17,444 cents = €174.44
    const result = compute({ from: '2025-12-01', to: '2026-01-31' });
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.baseRate, p.rate, p.amount])).toEqual([
      ['2025-12-01', '2025-12-31', 31, '1.27', '10.27', 8_722],
      ['2026-01-01', '2026-01-31', 31, '1.27', '10.27', 8_722],
    ]);
    expect(result.amount).toBe(17_444);
  });

  it('uses 366 before and 365 after 1 January 2025, with the rate change', () => {
    // P1 2024-12-16..2024-12-31: 16 days at 3.37 + 9 = 12.37 %, divisor 366:
    //    123,700 × 16 = 1,979,200; / 366 = 5,407.6503 → 5,408   (366 × 5,407 = 1,978,962, rem. 238)
    // P2 2025-01-01..2025-01-15: 15 days at 2.27 + 9 = 11.27 %, divisor 365:
    //    112,700 × 15 = 1,690,500; / 365 = 4,631.5068 → 4,632   (365 × 4,631 = 1,690,315, rem. 185)
    // Total 5,408 + 4,632 = 10,040
    const result = compute({ from: '2024-12-16', to: '2025-01-15' });
    expect(result.periods.map((p) => [p.days, p.rate, p.amount])).toEqual([
      [16, '12.37', 5_408],
      [15, '11.27', 4_632],
    ]);
    expect(result.amount).toBe(10_040);
  });

  it('carries the last rate on after validThrough and flags it', () => {
    // Table valid through 2026-06-30, last rate 1.27; consumer 6.27 %; €1,000.00 = 100,000 cents; 2026: 365 days.
    // P1 2026-06-01..2026-06-30: 30 days, known: 6,270 × 30 = 188,100; / 365 = 515.3425 → 515
    //    (365 × 515 = 187,975, remainder 125)
    // P2 2026-07-01..2026-08-31: 31 + 31 = 62 days, assumed: 6,270 × 62 = 388,740; / 365 = 1,065.0411 → 1,065
    //    (365 × 1,065 = 388,725, remainder 15)
    // Total 515 + 1,065 = 1,580
    const result = computeDefaultInterest({
      principal: 100_000,
      from: '2026-06-01',
      to: '2026-08-31',
      customerKind: 'consumer',
      baseRates: asOf2026H1,
    });
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.baseRate, p.rate, p.amount, p.assumed])).toEqual([
      ['2026-06-01', '2026-06-30', 30, '1.27', '6.27', 515, false],
      ['2026-07-01', '2026-08-31', 62, '1.27', '6.27', 1_065, true],
    ]);
    expect(result.amount).toBe(1_580);
    expect(result.assumedAfter).toBe('2026-06-30');
  });

  it('negative base rate era: consumer 2020 (-0.88 + 5 = 4.12 %)', () => {
    // 2020-03-01..2020-09-30: 31 + 30 + 31 + 30 + 31 + 31 + 30 = 214 days; the base rate is -0.88 on both
    // sides of 2020-07-01, so it stays one period. 2020 is a leap year: 366.
    // 1,000,000 × 4.12 / 100 = 41,200; × 214 = 8,816,800; / 366 = 24,089.6175 → 24,090
    // (366 × 24,089 = 8,816,574, remainder 226)
    const result = compute({ customerKind: 'consumer', from: '2020-03-01', to: '2020-09-30' });
    expect(result.periods).toEqual([
      { from: '2020-03-01', to: '2020-09-30', days: 214, principal: 1_000_000, baseRate: '-0.88', margin: '5', rate: '4.12', amount: 24_090, assumed: false },
    ]);
    expect(result.amount).toBe(24_090);
  });

  it('rounds an exact half cent up', () => {
    // Synthetic table: base 1.00, business 10 %; 365 cents for 5 days of 2025 (365 days):
    // 365 × 10 / 100 × 5 / 365 = 0.5 → 1
    const table: BaseRateTable = { source: 'test', validThrough: '2025-06-30', updatedAt: '2025-01-01', rates: [{ from: '2025-01-01', rate: '1.00' }] };
    const result = computeDefaultInterest({ principal: 365, from: '2025-03-01', to: '2025-03-05', customerKind: 'business', baseRates: table });
    expect(result.periods.map((p) => [p.days, p.rate, p.amount])).toEqual([[5, '10.00', 1]]);
  });

  it('clamps a negative total rate to 0', () => {
    const table: BaseRateTable = { source: 'test', validThrough: '2025-06-30', updatedAt: '2025-01-01', rates: [{ from: '2025-01-01', rate: '-6.00' }] };
    const result = computeDefaultInterest({ principal: 100_000, from: '2025-03-01', to: '2025-03-31', customerKind: 'consumer', baseRates: table });
    expect(result.periods.map((p) => [p.baseRate, p.rate, p.amount])).toEqual([['-6.00', '0.00', 0]]);
    expect(result.amount).toBe(0);
  });

  it('gives 0 and no periods when from is after to', () => {
    expect(compute({ from: '2024-08-15', to: '2024-08-14' })).toEqual({ amount: 0, periods: [] });
  });

  it('a single day is one day of interest', () => {
    // 2024-05-15 only: 126,200 × 1 / 366 = 344.8087 → 345
    expect(compute({ to: '2024-05-15' }).periods.map((p) => [p.days, p.amount])).toEqual([[1, 345]]);
  });

  it('stops when a payment covers the principal', () => {
    // Only P1 of the partial-payment case remains: 26 days on 1,000,000 at 12.62 % = 8,965 (see above).
    for (const amount of [1_000_000, 1_200_000]) {
      const result = compute({ payments: [{ date: '2024-06-10', amount }] });
      expect(result.periods.map((p) => [p.from, p.to, p.amount])).toEqual([['2024-05-15', '2024-06-09', 8_965]]);
      expect(result.amount).toBe(8_965);
    }
    // Paid in full on the first day: nothing accrues.
    expect(compute({ payments: [{ date: '2024-05-15', amount: 1_000_000 }] })).toEqual({ amount: 0, periods: [] });
    // Paid in full in two steps, the second after the rate change.
    const twoSteps = compute({ payments: [{ date: '2024-06-10', amount: 400_000 }, { date: '2024-07-01', amount: 600_000 }] });
    expect(twoSteps.periods.map((p) => p.amount)).toEqual([8_965, 4_345]);
    expect(twoSteps.amount).toBe(13_310);
  });

  it('does not set assumedAfter when no period is assumed', () => {
    const paidEarly = computeDefaultInterest({
      principal: 100_000,
      from: '2026-06-01',
      to: '2026-08-31',
      customerKind: 'consumer',
      baseRates: asOf2026H1,
      payments: [{ date: '2026-06-15', amount: 100_000 }],
    });
    expect(paidEarly.periods.every((p) => !p.assumed)).toBe(true);
    expect(paidEarly.assumedAfter).toBeUndefined();
  });
});

describe('input errors name the field', () => {
  it('principal', () => {
    for (const principal of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(() => compute({ principal }), String(principal)).toThrow(/^principal: /);
    }
  });

  it('dates and customer kind', () => {
    expect(() => compute({ from: '2024-5-15' })).toThrow(/^from: not a valid ISO date/);
    expect(() => compute({ to: '2023-02-29' })).toThrow(/^to: not a valid ISO date/);
    expect(() => compute({ from: '2024-05-15T00:00:00Z' })).toThrow(/^from: /);
    expect(() => compute({ from: '2001-06-01', to: '2002-03-01' })).toThrow(/^from: .*before the first base rate/);
    expect(() => compute({ customerKind: 'company' as never })).toThrow(/^customerKind: /);
  });

  it('payments', () => {
    expect(() => compute({ payments: [{ date: '2024-08-15', amount: 100 }] })).toThrow(/^payments\[0\]\.date: .*outside/);
    expect(() => compute({ payments: [{ date: '2024-06-01', amount: 100 }, { date: '2024-05-14', amount: 100 }] })).toThrow(
      /^payments\[1\]\.date: .*outside/,
    );
    expect(() => compute({ payments: [{ date: '2024-06-01', amount: 0 }] })).toThrow(/^payments\[0\]\.amount: /);
    expect(() => compute({ payments: [{ date: '2024-06-01', amount: -100 }] })).toThrow(/^payments\[0\]\.amount: /);
    expect(() => compute({ payments: [{ date: '2024-06-31', amount: 100 }] })).toThrow(/^payments\[0\]\.date: not a valid/);
  });

  it('a bad table passed to computeDefaultInterest', () => {
    const bad = tableWith((t) => {
      t.rates[3] = { from: '2003-08-01', rate: '1.22' };
    }) as BaseRateTable;
    expect(() => compute({ baseRates: bad })).toThrow(/^baseRates\.rates\[3\]\.from: not a 1 January or 1 July date/);
  });
});

describe('validateBaseRateTable', () => {
  it('returns a clean copy of a valid table', () => {
    expect(validateBaseRateTable(shippedJson)).toEqual(shippedJson);
  });

  it.each([
    ['not an object', null, /^table: not an object/],
    ['missing source', tableWith((t) => void (t.source = '')), /^source: /],
    ['bad validThrough', tableWith((t) => void (t.validThrough = '2026-13-01')), /^validThrough: not a valid ISO date/],
    ['bad updatedAt', tableWith((t) => void (t.updatedAt = 20260101)), /^updatedAt: not a valid ISO date/],
    ['empty rates', tableWith((t) => void (t.rates = [])), /^rates: not a non-empty array/],
    ['entry not an object', tableWith((t) => void (t.rates[2] = '1.97')), /^rates\[2\]: not an object/],
    ['from not 1 Jan / 1 Jul', tableWith((t) => void (t.rates[3] = { from: '2003-03-01', rate: '1.22' })), /^rates\[3\]\.from: not a 1 January or 1 July date/],
    ['from not a date', tableWith((t) => void (t.rates[3] = { from: '2003-07-32', rate: '1.22' })), /^rates\[3\]\.from: not a valid ISO date/],
    ['duplicate', tableWith((t) => void (t.rates[3] = { from: '2003-01-01', rate: '1.22' })), /^rates\[3\]\.from: duplicate/],
    ['descending', tableWith((t) => void (t.rates[3] = { from: '2002-07-01', rate: '1.22' })), /^rates\[3\]\.from: not in ascending order/],
    ['gap', tableWith((t) => void t.rates.splice(3, 1)), /^rates\[3\]\.from: gap in the table, expected 2003-07-01/],
    ['rate too high', tableWith((t) => void (t.rates[5] = { from: '2004-07-01', rate: '30.01' })), /^rates\[5\]\.rate: not a decimal between -10 and 30/],
    ['rate too low', tableWith((t) => void (t.rates[5] = { from: '2004-07-01', rate: '-10.5' })), /^rates\[5\]\.rate: not a decimal between -10 and 30/],
    ['rate with comma', tableWith((t) => void (t.rates[5] = { from: '2004-07-01', rate: '1,13' })), /^rates\[5\]\.rate: not a decimal/],
    ['rate as number', tableWith((t) => void (t.rates[5] = { from: '2004-07-01', rate: 1.13 })), /^rates\[5\]\.rate: not a decimal/],
    ['validThrough before last from', tableWith((t) => void (t.validThrough = '2025-12-31')), /^validThrough: .*before the last rates\[\d+\]\.from/],
    ['validThrough beyond the last half-year', tableWith((t) => void (t.validThrough = '2099-12-31')), /^validThrough: .*after the half-year of the last rate/],
  ])('%s', (_name, value, message) => {
    expect(() => validateBaseRateTable(value)).toThrow(message);
  });

  it('accepts the range limits', () => {
    const table = { source: 's', validThrough: '2030-12-31', updatedAt: '2030-07-01', rates: [{ from: '2030-01-01', rate: '-10' }, { from: '2030-07-01', rate: '30' }] };
    expect(validateBaseRateTable(table)).toEqual(table);
  });
});
