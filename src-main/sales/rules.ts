/**
 * Pure invoicing rules: VAT case and category per line, legal notes, due dates, document
 * numbers, prices, stock levels. No database, clock or ids inside: callers pass them in.
 */
import { addDays, format, parseISO } from 'date-fns';
import type { PartySnapshot, StockLevel } from '../../src-shared/contract/views.js';
export { totalsInputOf } from '../../src-shared/invoice/document.js';
import { dec, formatDecimal } from '../../src-shared/money/decimal.js';

export { vatCaseOf, lineVat, legalNoteKeys, type CustomerVat, type ProductVat, type LineVat } from '../../src-shared/invoice/vat.js';

export function dueDateOf(issueDate: string, paymentTermsDays: number): string {
  return format(addDays(parseISO(issueDate), paymentTermsDays), 'yyyy-MM-dd');
}

/** `RE-2026-A-000123`: prefix, year, this device's series letter, gapless counter. */
export function documentNumber(prefix: string, year: number, seriesLetter: string, counter: number): string {
  return `${prefix}-${year}-${seriesLetter}-${String(counter).padStart(6, '0')}`;
}

export function seriesPrefix(prefix: string, year: number, seriesLetter: string): string {
  return `${prefix}-${year}-${seriesLetter}-`;
}

export function counterOf(number: string, prefix: string): number | undefined {
  if (!number.startsWith(prefix)) return undefined;
  const rest = number.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

export type PriceList = { validFrom: string; validTo: string; customerIds?: string[]; prices: { productId: string; netPrice: string }[] };

/** The lowest price of a price list valid on `date` for the customer; else the product's price. */
export function priceFor(productId: string, basePrice: string, customerId: string, date: string, lists: readonly PriceList[]): string {
  let best = dec(basePrice);
  for (const list of lists) {
    if (date < list.validFrom || date > list.validTo) continue;
    if (list.customerIds && list.customerIds.length > 0 && !list.customerIds.includes(customerId)) continue;
    const entry = list.prices.find((p) => p.productId === productId);
    if (entry && dec(entry.netPrice).lessThan(best)) best = dec(entry.netPrice);
  }
  return best.toString();
}

/** A plain decimal with a digit other than 0: greater than zero (checked on every line at issue, so no parsing). */
const POSITIVE_DECIMAL = /^(?=[\d.]*[1-9])\d+(\.\d+)?$/;

/**
 * UN/ECE Recommendation 20/21 units that count pieces: one, piece, each, package, number of
 * articles, pair, set, lump sum. Their quantities are whole; measured units (KGM, MTR, HUR, LTR,
 * DAY …) may have decimals.
 */
export const COUNTED_UNITS: ReadonlySet<string> = new Set(['C62', 'H87', 'EA', 'XPP', 'NAR', 'NPR', 'PR', 'SET', 'LS']);

/**
 * Quantities on orders and invoices are positive, and whole for counted units (returns go through credit notes): each line
 * that is not, named by its place, as a field problem.
 */
export function quantityProblems(lines: readonly { quantity: string; unit?: string | undefined }[]): { field: string; problem: string; params?: { unit: string } }[] {
  const problems: { field: string; problem: string; params?: { unit: string } }[] = [];
  lines.forEach((line, i) => {
    if (!POSITIVE_DECIMAL.test(line.quantity)) problems.push({ field: `lines.${i}.quantity`, problem: 'validation.positive' });
    else if (line.unit && COUNTED_UNITS.has(line.unit) && !dec(line.quantity).isInteger()) problems.push({ field: `lines.${i}.quantity`, problem: 'validation.wholeQuantity', params: { unit: line.unit } });
  });
  return problems;
}

type Problem = { field: string; problem: string };

/**
 * Orders and invoices never come to less than zero (returns go through credit notes): a line
 * whose discount takes more than the line's amount, and a document allowance that takes the net
 * of its VAT rate (as the totals compute it) below zero, each named by its place.
 */
export function negativeAmountProblems(
  doc: { lines: readonly { discountAmount?: string | undefined }[]; allowancesCharges?: readonly { isCharge: boolean; amount?: string | undefined; vatCategory: string; vatRate: string }[] },
  totals: { lines: readonly { netAmount: number }[]; vatBreakdown: readonly { category: string; rate: string; taxableAmount: number }[]; taxInclusive: number },
): Problem[] {
  const problems: Problem[] = [];
  totals.lines.forEach((line, i) => {
    if (line.netAmount < 0) problems.push({ field: `lines.${i}.${doc.lines[i]?.discountAmount ? 'discountAmount' : 'discountPercent'}`, problem: 'validation.discountBeyondLine' });
  });
  if (problems.length) return problems;
  const adjustments = doc.allowancesCharges ?? [];
  for (const group of totals.vatBreakdown) {
    if (group.taxableAmount >= 0) continue;
    const inGroup = adjustments.map((a, i) => ({ a, i })).filter(({ a }) => !a.isCharge && a.vatCategory === group.category && dec(a.vatRate).eq(group.rate));
    const last = inGroup[inGroup.length - 1];
    problems.push({ field: last ? `allowancesCharges.${last.i}.${last.a.amount !== undefined ? 'amount' : 'percent'}` : 'allowancesCharges', problem: 'validation.allowanceBeyondTotal' });
  }
  if (!problems.length && totals.taxInclusive < 0) problems.push({ field: 'allowancesCharges', problem: 'validation.allowanceBeyondTotal' });
  return problems;
}

/** Stock on hand after a correction of `quantity`; below zero only when the user confirmed it. */
export function stockAfterCorrection(onHand: string, quantity: string): { onHand: string; negative: boolean } {
  const after = dec(onHand).plus(quantity);
  return { onHand: after.toString(), negative: after.isNegative() };
}

/** A document whose date lies before the newest issued number of its series, and that number. */
export type SeriesDateProblem = { id: string; date: string; previousNumber: string; previousDate: string };

/**
 * Within one number series dates never go backwards (GoBD: numbers follow time): each document,
 * in the order its numbers are given, is compared with the newest issued number of its series
 * (`ends`, one per series) and then becomes the newest itself.
 */
export function seriesDateProblems(docs: readonly { id: string; series: string; date: string }[], ends: ReadonlyMap<string, { number: string; date: string }>): SeriesDateProblem[] {
  const newest = new Map(ends);
  const problems: SeriesDateProblem[] = [];
  for (const d of docs) {
    const end = newest.get(d.series);
    if (end?.date && d.date < end.date) problems.push({ id: d.id, date: d.date, previousNumber: end.number, previousDate: end.date });
    else newest.set(d.series, { number: end?.number ?? '', date: d.date });
  }
  return problems;
}

export type Movement = { quantity: string; reason: string };

/**
 * Stock is derived from movements, never stored: on hand = receipts + returns + corrections
 * - deliveries; reserved = reservations - releases (quantities carry their sign).
 */
export function stockLevel(movements: readonly Movement[]): StockLevel {
  let onHand = dec(0);
  let reserved = dec(0);
  for (const m of movements) {
    if (m.reason === 'reservation' || m.reason === 'reservationRelease') reserved = reserved.plus(m.quantity);
    else onHand = onHand.plus(m.quantity);
  }
  const plain = (d: ReturnType<typeof dec>) => d.toString();
  return { onHand: plain(onHand), reserved: plain(reserved), available: plain(onHand.minus(reserved)) };
}

/** Quantity times factor, as an exact decimal string (credit notes of part of a line). */
export function scaleQuantity(quantity: string, factor: string): string {
  return formatDecimal(dec(quantity).times(factor), 6).replace(/\.?0+$/, '');
}

/** A value as text with its object keys sorted, so that equal data compares equal. */
function canonical(value: unknown): string {
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== '');
    return `{${entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? '');
}

/**
 * The seller fields printed on a document that differ between what its approver saw and the
 * company data now; `seller` when nothing was recorded at approval.
 */
export function sellerChanges(approved: PartySnapshot | undefined, current: PartySnapshot): string[] {
  if (!approved) return ['seller'];
  const keys = new Set([...Object.keys(approved), ...Object.keys(current)] as (keyof PartySnapshot)[]);
  return [...keys].filter((k) => canonical(approved[k]) !== canonical(current[k])).sort();
}
