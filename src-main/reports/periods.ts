/**
 * Period buckets of the sales reports: month (`2026-03`), quarter (`2026-Q1`) or year (`2026`),
 * clipped to the report's range, each with the same bucket one year earlier for comparison.
 */
import { addDays, endOfMonth, endOfQuarter, endOfYear, format, parseISO, startOfMonth, startOfQuarter, startOfYear, subYears } from 'date-fns';
import type { RevenueBucket, RevenuePeriod } from '../../src-shared/contract/index.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The bucket a date falls in. */
export function bucketKeyOf(date: string, period: RevenuePeriod): string {
  const year = date.slice(0, 4);
  if (period === 'year') return year;
  const month = Number(date.slice(5, 7));
  return period === 'month' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The same bucket one year later: what a date of the comparison year is compared with. */
export function nextYearKey(key: string): string {
  return `${Number(key.slice(0, 4)) + 1}${key.slice(4)}`;
}

/** The same day a year earlier (29 February → 28 February). */
export function yearBefore(date: string): string {
  return iso(subYears(parseISO(date), 1));
}

const START = { month: startOfMonth, quarter: startOfQuarter, year: startOfYear } as const;
const END = { month: endOfMonth, quarter: endOfQuarter, year: endOfYear } as const;

/** The buckets from..to in order, the first and last clipped to the range. */
export function bucketsBetween(from: string, to: string, period: RevenuePeriod): RevenueBucket[] {
  const buckets: RevenueBucket[] = [];
  let start = START[period](parseISO(from));
  // At most 100 years of months: the contract's dates lie within 1900..2199, the screen asks for far less.
  for (let i = 0; i < 1200 && iso(start) <= to; i++) {
    const end = END[period](start);
    const bFrom = iso(start) < from ? from : iso(start);
    const bTo = iso(end) > to ? to : iso(end);
    buckets.push({ key: bucketKeyOf(bFrom, period), from: bFrom, to: bTo, previousFrom: yearBefore(bFrom), previousTo: yearBefore(bTo) });
    start = START[period](addDays(end, 1));
  }
  return buckets;
}
