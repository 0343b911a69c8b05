/**
 * Statutory default interest (Verzugszinsen) for dunning letters. Shared code: no Node or DOM APIs,
 * money only as integers of minor units (cents) or as exact decimals, never as binary floats.
 *
 * Rules:
 * - Rate: § 288 Abs. 1 BGB – base rate + 5 percentage points when a consumer is involved;
 *   § 288 Abs. 2 BGB – base rate + 9 percentage points for legal transactions without a consumer
 *   (`business`). See {@link INTEREST_MARGIN}.
 * - Base rate: the Basiszinssatz of § 247 BGB as published by the Deutsche Bundesbank. It changes only
 *   on 1 January and 1 July, so the table has one entry per half-year ({@link validateBaseRateTable}).
 *   After the table's `validThrough` the last known rate is carried on; such periods are flagged
 *   `assumed` and the result carries `assumedAfter` (= `validThrough`), so a letter can say so.
 * - Periods: interest runs from `from` to `to`, both days inclusive. The span is split
 *   - on every 1 January (day count divisor, see below),
 *   - whenever the base rate actually changes (1 January / 1 July; a half-year with an unchanged rate
 *     does not start a new period, so a letter does not show two identical lines),
 *   - on every payment date (the principal changes; the payment day itself is charged on the reduced
 *     amount; several payments on one day are added up),
 *   - on the day after `validThrough` (the rate becomes assumed).
 * - Day count: actual days; the divisor is the actual number of days of that calendar year (365 or 366).
 *   Every period lies within one calendar year because it is split at 1 January.
 * - Amount per period: principal × rate / 100 × days / daysInYear, computed exactly and rounded half up
 *   to whole minor units. The total is the sum of the rounded periods, so the lines of a letter add up.
 * - A period whose principal is 0 or less ends the computation: no negative interest; a payment beyond
 *   the open amount just brings it to 0. A negative total rate would be clamped to 0 (cannot happen with
 *   +5 / +9 and Bundesbank rates down to -0.88, but the table is data).
 * - `from` after `to`: amount 0 and no periods (payment dates are then not range-checked).
 * - Input errors throw an Error whose message starts with the field name, e.g.
 *   "principal: ...", "payments[1].date: ...", "baseRates.rates[3].from: ...".
 * - Dates are ISO `yyyy-mm-dd` calendar dates, converted to day numbers by integer arithmetic here –
 *   no `Date`, so no time zone can shift a day.
 */
import { Decimal, dec, roundDecimal } from '../money/decimal.js';

export type BaseRateTable = { source: string; validThrough: string; updatedAt: string; rates: { from: string; rate: string }[] };
export type CustomerKind = 'consumer' | 'business';
export type InterestInput = {
  /** Open amount in minor units (cents) on `from`; > 0 integer. */
  principal: number;
  /** First day of default (interest accrues from this day, inclusive), ISO yyyy-mm-dd. */
  from: string;
  /** Last day interest accrues (inclusive), ISO yyyy-mm-dd. */
  to: string;
  customerKind: CustomerKind;
  baseRates: BaseRateTable;
  /** Payments received during the period: each reduces the base from its date on (the payment day itself is charged on the reduced amount). */
  payments?: { date: string; amount: number }[];
};
export type InterestPeriod = {
  from: string;
  to: string;
  days: number;
  /** Open amount in minor units during this period. */
  principal: number;
  /** Base rate in percent, e.g. "3.62". */
  baseRate: string;
  /** Margin in percentage points, "5" or "9". */
  margin: string;
  /** Applied rate in percent (base + margin, at least 0), e.g. "12.62". */
  rate: string;
  /** Interest of this period in minor units, rounded half up. */
  amount: number;
  /** The period lies after the table's validThrough: the last known base rate was carried on. */
  assumed: boolean;
};
export type InterestResult = {
  amount: number;
  periods: InterestPeriod[];
  /** set when `to` lies after the table's validThrough: the last known rate was carried on. */
  assumedAfter?: string;
};

/** Percentage points above the base rate: § 288 Abs. 1 BGB (consumer) and Abs. 2 BGB (business). */
export const INTEREST_MARGIN: Record<CustomerKind, string> = Object.freeze({ consumer: '5', business: '9' });

const MIN_BASE_RATE = dec('-10');
const MAX_BASE_RATE = dec('30');
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Calendar dates as integer day numbers (days since 1970-01-01, proleptic Gregorian calendar).

type Civil = { y: number; m: number; d: number };

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Strict ISO yyyy-mm-dd (years 0001..9999), or undefined. */
function parseCivil(text: unknown): Civil | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function dayNumber({ y, m, d }: Civil): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber (H. Hinnant's civil_from_days). */
function civilOf(day: number): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

function formatDay(day: number): string {
  const { y, m, d } = civilOf(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseDay(field: string, text: unknown): number {
  const civil = parseCivil(text);
  if (!civil) throw new Error(`${field}: not a valid ISO date (yyyy-mm-dd): ${JSON.stringify(text)}`);
  return dayNumber(civil);
}

// ---------------------------------------------------------------------------------------------
// Base rate table

type CheckedRate = { fromDay: number; rate: Decimal; text: string };
type CheckedTable = { table: BaseRateTable; rates: CheckedRate[]; validThroughDay: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTable(value: unknown): CheckedTable {
  if (!isRecord(value)) throw new Error('table: not an object');
  const { source, validThrough, updatedAt, rates } = value;
  if (typeof source !== 'string' || source.trim() === '') throw new Error('source: not a non-empty string');
  const validThroughDay = parseDay('validThrough', validThrough);
  parseDay('updatedAt', updatedAt);
  if (!Array.isArray(rates) || rates.length === 0) throw new Error('rates: not a non-empty array');

  const checked: CheckedRate[] = [];
  rates.forEach((entry: unknown, i: number) => {
    const field = `rates[${i}]`;
    if (!isRecord(entry)) throw new Error(`${field}: not an object`);
    const civil = parseCivil(entry.from);
    if (!civil) throw new Error(`${field}.from: not a valid ISO date (yyyy-mm-dd): ${JSON.stringify(entry.from)}`);
    if (civil.d !== 1 || (civil.m !== 1 && civil.m !== 7)) {
      throw new Error(`${field}.from: not a 1 January or 1 July date: ${entry.from as string}`);
    }
    const fromDay = dayNumber(civil);
    const previous = checked[i - 1];
    if (previous) {
      if (fromDay === previous.fromDay) throw new Error(`${field}.from: duplicate of rates[${i - 1}].from (${entry.from as string})`);
      if (fromDay < previous.fromDay) {
        throw new Error(`${field}.from: not in ascending order (${entry.from as string} is before rates[${i - 1}].from)`);
      }
      const expected = nextHalfYearStart(previous.fromDay);
      if (fromDay !== expected) {
        throw new Error(`${field}.from: gap in the table, expected ${formatDay(expected)} (one entry per half-year)`);
      }
    }
    const rateText = entry.rate;
    if (typeof rateText !== 'string' || !DECIMAL_TEXT.test(rateText)) {
      throw new Error(`${field}.rate: not a decimal between -10 and 30: ${JSON.stringify(rateText)}`);
    }
    const rate = dec(rateText);
    if (rate.lt(MIN_BASE_RATE) || rate.gt(MAX_BASE_RATE)) {
      throw new Error(`${field}.rate: not a decimal between -10 and 30: ${rateText}`);
    }
    checked.push({ fromDay, rate, text: rateText });
  });

  const last = checked[checked.length - 1]!;
  if (validThroughDay < last.fromDay) {
    throw new Error(`validThrough: ${validThrough as string} is before the last rates[${checked.length - 1}].from (${formatDay(last.fromDay)})`);
  }
  const lastHalfYearEnd = nextHalfYearStart(last.fromDay) - 1;
  if (validThroughDay > lastHalfYearEnd) {
    throw new Error(
      `validThrough: ${validThrough as string} lies after the half-year of the last rate (ends ${formatDay(lastHalfYearEnd)}); add the next rate`,
    );
  }

  const table: BaseRateTable = {
    source,
    validThrough: validThrough as string,
    updatedAt: updatedAt as string,
    rates: checked.map((r) => ({ from: formatDay(r.fromDay), rate: r.text })),
  };
  return { table, rates: checked, validThroughDay };
}

/** The 1 January or 1 July after the given day. */
function nextHalfYearStart(day: number): number {
  const { y, m } = civilOf(day);
  return m < 7 ? dayNumber({ y, m: 7, d: 1 }) : dayNumber({ y: y + 1, m: 1, d: 1 });
}

/**
 * Checks a base rate table (e.g. parsed JSON) and returns a clean copy. Throws an Error that names the
 * field: `source` non-empty; `validThrough`/`updatedAt` ISO dates; `rates` a non-empty array of
 * `{ from, rate }` where `from` is a 1 January or 1 July, strictly ascending, without duplicates and
 * without gaps (one entry per half-year, as published), and `rate` a decimal string between -10 and 30;
 * `validThrough` not before the last `from` and not beyond that entry's half-year.
 */
export function validateBaseRateTable(value: unknown): BaseRateTable {
  return checkTable(value).table;
}

function lookup(checked: CheckedTable, day: number): { entry: CheckedRate; assumed: boolean } | undefined {
  let found: CheckedRate | undefined;
  for (const entry of checked.rates) {
    if (entry.fromDay > day) break;
    found = entry;
  }
  return found ? { entry: found, assumed: day > checked.validThroughDay } : undefined;
}

/**
 * The base rate in force on `date`. After `validThrough` the last known rate is returned with
 * `assumed: true`. Throws for a date before the first entry of the table.
 */
export function baseRateOn(table: BaseRateTable, date: string): { rate: string; assumed: boolean } {
  const checked = checkTable(table);
  const day = parseDay('date', date);
  const found = lookup(checked, day);
  if (!found) throw new Error(`date: ${date} is before the first base rate in the table (${checked.table.rates[0]!.from})`);
  return { rate: formatRate(found.entry.rate), assumed: found.assumed };
}

/** At least two decimals ("3.62", "2.70", "-0.88", "0.00"), more only if the value has them. */
function formatRate(value: Decimal): string {
  const places = Math.max(2, value.decimalPlaces());
  const text = value.toFixed(places);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Interest

type Segment = { start: number; end: number; principal: number; base: Decimal; assumed: boolean; year: number };

/** Statutory default interest; see the rules at the top of this file. */
export function computeDefaultInterest(input: InterestInput): InterestResult {
  if (!isRecord(input)) throw new Error('input: not an object');
  const { principal, customerKind } = input;
  if (typeof principal !== 'number' || !Number.isSafeInteger(principal) || principal <= 0) {
    throw new Error(`principal: must be a positive safe integer of minor units, got ${String(principal)}`);
  }
  const fromDay = parseDay('from', input.from);
  const toDay = parseDay('to', input.to);
  if (customerKind !== 'consumer' && customerKind !== 'business') {
    throw new Error(`customerKind: must be "consumer" or "business", got ${JSON.stringify(customerKind)}`);
  }
  let checked: CheckedTable;
  try {
    checked = checkTable(input.baseRates);
  } catch (error) {
    throw new Error(`baseRates.${(error as Error).message}`);
  }

  // Payments: shape first, the range only when there is a range.
  const rawPayments: unknown = input.payments ?? [];
  if (!Array.isArray(rawPayments)) throw new Error('payments: not an array');
  const payments = rawPayments.map((payment: unknown, i: number) => {
    if (!isRecord(payment)) throw new Error(`payments[${i}]: not an object`);
    const day = parseDay(`payments[${i}].date`, payment.date);
    const amount = payment.amount;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
      throw new Error(`payments[${i}].amount: must be a positive safe integer of minor units, got ${String(amount)}`);
    }
    return { day, amount, index: i };
  });

  if (fromDay > toDay) return { amount: 0, periods: [] };

  for (const payment of payments) {
    if (payment.day < fromDay || payment.day > toDay) {
      throw new Error(
        `payments[${payment.index}].date: ${formatDay(payment.day)} is outside the interest period ${formatDay(fromDay)}..${formatDay(toDay)}`,
      );
    }
  }
  const firstRate = checked.rates[0]!;
  if (fromDay < firstRate.fromDay) {
    throw new Error(`from: ${formatDay(fromDay)} is before the first base rate in the table (${formatDay(firstRate.fromDay)})`);
  }

  // Every day on which something may change starts a new segment.
  const starts = new Set<number>([fromDay]);
  for (let y = civilOf(fromDay).y; y <= civilOf(toDay).y; y++) {
    starts.add(dayNumber({ y, m: 1, d: 1 }));
    starts.add(dayNumber({ y, m: 7, d: 1 }));
  }
  for (const payment of payments) starts.add(payment.day);
  starts.add(checked.validThroughDay + 1);
  const sortedStarts = [...starts].filter((day) => day >= fromDay && day <= toDay).sort((a, b) => a - b);

  // Segments with everything that determines the interest; neighbours that agree are merged.
  const segments: Segment[] = [];
  sortedStarts.forEach((start, i) => {
    const next = sortedStarts[i + 1];
    const end = next === undefined ? toDay : next - 1;
    const paid = payments.filter((p) => p.day <= start).reduce((sum, p) => sum + p.amount, 0);
    const found = lookup(checked, start)!;
    const segment: Segment = {
      start,
      end,
      principal: principal - paid,
      base: found.entry.rate,
      assumed: found.assumed,
      year: civilOf(start).y,
    };
    const previous = segments[segments.length - 1];
    if (
      previous &&
      previous.principal === segment.principal &&
      previous.base.eq(segment.base) &&
      previous.assumed === segment.assumed &&
      previous.year === segment.year
    ) {
      previous.end = end;
    } else {
      segments.push(segment);
    }
  });

  const margin = INTEREST_MARGIN[customerKind];
  const periods: InterestPeriod[] = [];
  let total = 0;
  for (const segment of segments) {
    if (segment.principal <= 0) break;
    const days = segment.end - segment.start + 1;
    const summed = segment.base.plus(dec(margin));
    const rate = summed.isNegative() ? dec(0) : summed;
    // principal × rate/100 × days/daysInYear in minor units: one exact product, one division, one rounding.
    const exact = dec(segment.principal)
      .times(rate)
      .times(days)
      .div(dec(100 * daysInYear(segment.year)));
    const amount = roundDecimal(exact, 0).toNumber();
    total += amount;
    periods.push({
      from: formatDay(segment.start),
      to: formatDay(segment.end),
      days,
      principal: segment.principal,
      baseRate: formatRate(segment.base),
      margin,
      rate: formatRate(rate),
      amount,
      assumed: segment.assumed,
    });
  }

  const result: InterestResult = { amount: total, periods };
  if (periods.some((p) => p.assumed)) result.assumedAfter = checked.table.validThrough;
  return result;
}
