/**
 * The cash book's rules, pure: the VAT part of a gross amount, the order of entries and the
 * running balance, the next voucher number, and what a new entry must not do (lie in the
 * future, before the opening, on a closed day, or make the cash balance negative at any moment
 * from its own on). No database, no clock: the service passes what it read and today's date.
 */
import type { CashEntryType, CashRecordType, CashVatLine, FieldError } from '../../src-shared/contract/index.js';

import { carriesOwnVat } from '../../src-shared/cashbook/vat.js';

export { carriesOwnVat, splitGross, vatOfGross } from '../../src-shared/cashbook/vat.js';

/** One entry as the rules see it. */
export type CashEntryFact = {
  id: string;
  voucher: number;
  date: string;
  time: string;
  type: CashEntryType;
  direction: 'in' | 'out';
  /** Gross, 0 or more. */
  amount: number;
  vatRate: number;
  vat: number;
  reversesId?: string;
  /** The invoice a cash income settles (its reversal names it too): no VAT of its own. */
  invoiceId?: string;
};

/** Only income and expense carry VAT; private and transit movements and differences none. */
export const VAT_TYPES: readonly CashEntryType[] = ['income', 'expense'];

/** Which way a recorded type moves cash. */
export const DIRECTION_OF: Record<CashRecordType, 'in' | 'out'> = {
  income: 'in',
  expense: 'out',
  privateDeposit: 'in',
  privateWithdrawal: 'out',
  transitIn: 'in',
  transitOut: 'out',
};

/** The cash an entry moves: positive in, negative out. */
export const signedAmount = (e: Pick<CashEntryFact, 'direction' | 'amount'>) => (e.direction === 'in' ? e.amount : -e.amount);

/** The moment order of the cash book: date, time, then voucher (recording order within a minute). */
export function byMoment(a: Pick<CashEntryFact, 'date' | 'time' | 'voucher'>, b: Pick<CashEntryFact, 'date' | 'time' | 'voucher'>): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : a.voucher - b.voucher;
}

/** Entries in moment order with the balance after each. */
export function withBalances<T extends CashEntryFact>(entries: readonly T[]): { entry: T; balance: number }[] {
  let balance = 0;
  return [...entries].sort(byMoment).map((entry) => {
    balance += signedAmount(entry);
    return { entry, balance };
  });
}

/** The balance after every entry up to the end of `date` (before the day when `before`). */
export function balanceAt(entries: readonly CashEntryFact[], date: string, before = false): number {
  return entries.reduce((sum, e) => ((before ? e.date < date : e.date <= date) ? sum + signedAmount(e) : sum), 0);
}

/** Gap-free per cash book: the highest voucher so far plus one. */
export function nextVoucher(entries: readonly Pick<CashEntryFact, 'voucher'>[]): number {
  return entries.reduce((highest, e) => Math.max(highest, e.voucher), 0) + 1;
}

/**
 * The first moment at or after the new entries where the balance would be negative, or undefined:
 * a back-dated expense that empties the cash at a LATER moment is refused as well.
 */
export function negativeMoment(entries: readonly CashEntryFact[], added: readonly CashEntryFact[]): { date: string; time: string; balance: number } | undefined {
  const ids = new Set(added.map((e) => e.id));
  let reached = false;
  for (const { entry, balance } of withBalances([...entries, ...added])) {
    reached ||= ids.has(entry.id);
    if (reached && balance < 0) return { date: entry.date, time: entry.time, balance };
  }
  return undefined;
}

/**
 * `today` and `now` (HH:MM) are the device's local wall date and time, the frame an entry's date
 * and time are typed in (the service says why): a time is compared with `now` on `today` only.
 */
export type BookDates = { openingDate: string; closedUntil: string; today: string; now?: string };

/**
 * What is wrong with the date (and time, when given) of a new entry (or a closing): future,
 * before the opening, on or before a closed day.
 */
export function dateProblems(date: string, book: BookDates, field = 'date', time?: string): FieldError[] {
  if (date > book.today) return [{ field, problem: 'validation.futureDate' }];
  if (time !== undefined && book.now !== undefined && date === book.today && time > book.now) return [{ field: 'time', problem: 'validation.cashFutureTime' }];
  if (date < book.openingDate) return [{ field, problem: 'validation.cashBeforeOpening', params: { date: book.openingDate } }];
  if (book.closedUntil && date <= book.closedUntil) return [{ field, problem: 'validation.cashDayClosed', params: { date: book.closedUntil } }];
  return [];
}

/** A rate on a type without VAT. */
export function vatProblems(type: CashEntryType, rate: number): FieldError[] {
  return rate !== 0 && !VAT_TYPES.includes(type) ? [{ field: 'vatRate', problem: 'validation.cashNoVat' }] : [];
}

/** The problem of entries that would make the balance negative, named at `field`. */
export function balanceProblems(entries: readonly CashEntryFact[], added: readonly CashEntryFact[], field = 'amount'): FieldError[] {
  const at = negativeMoment(entries, added);
  return at ? [{ field, problem: 'validation.cashNegativeBalance', params: { date: at.date, time: at.time } }] : [];
}

/** A reversal takes an entry back once; a reversal, the opening and a closing's difference are not taken back. */
export function reversalProblems(entry: CashEntryFact, all: readonly CashEntryFact[]): FieldError[] {
  if (entry.reversesId) return [{ field: 'entryId', problem: 'validation.cashReversalOfReversal' }];
  if (entry.type === 'opening' || entry.type === 'difference') return [{ field: 'entryId', problem: 'validation.cashNotReversible' }];
  if (all.some((e) => e.reversesId === entry.id)) return [{ field: 'entryId', problem: 'validation.cashReversedAlready' }];
  return [];
}

/**
 * VAT of the income and expense entries by rate and direction, reversals netted (a reversal
 * keeps its entry's type, with the other direction).
 */
export function vatLines(entries: readonly CashEntryFact[]): CashVatLine[] {
  const lines = new Map<string, CashVatLine>();
  for (const e of entries) {
    if (!VAT_TYPES.includes(e.type) || !carriesOwnVat(e)) continue;
    const direction = e.type === 'income' ? 'income' : 'expense';
    // Income counts what came in, expense what went out: a reversal subtracts.
    const sign = (direction === 'income') === (e.direction === 'in') ? 1 : -1;
    const key = `${direction}:${e.vatRate}`;
    const line = lines.get(key) ?? { rate: e.vatRate, direction, gross: 0, net: 0, vat: 0 };
    line.gross += sign * e.amount;
    line.vat += sign * e.vat;
    line.net = line.gross - line.vat;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => (a.direction === b.direction ? b.rate - a.rate : a.direction === 'income' ? -1 : 1));
}
