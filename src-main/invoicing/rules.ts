/**
 * Pure invoicing rules: VAT case and category per line, legal notes, due dates, document
 * numbers, prices, stock levels. No database, clock or ids inside: callers pass them in.
 */
import { addDays, format, parseISO } from 'date-fns';
import type { StockLevel, VatCase } from '../../src-shared/contract/views.js';
import type { VatCategoryCode } from '../../src-shared/invoice/totals.js';
export { totalsInputOf } from '../../src-shared/invoice/document.js';
import { dec, formatDecimal } from '../../src-shared/money/decimal.js';

export type CustomerVat = { vatTreatment?: string; exemptionReason?: string };
export type ProductVat = { vatCategory: string; vatRate: string; stockTracked: boolean };
export type LineVat = { vatCategory: VatCategoryCode; vatRate: string; exemptionReason?: string };

/** § 19 UStG applies to the seller as a whole; otherwise the customer's treatment decides. */
export function vatCaseOf(customer: CustomerVat, smallBusiness: boolean): VatCase {
  if (smallBusiness) return 'smallBusiness';
  const t = customer.vatTreatment ?? 'domestic';
  return (['reverseCharge13b', 'intraEu', 'export', 'exempt'] as const).find((c) => c === t) ?? 'domestic';
}

/** VAT category and rate of one line under the document's VAT case (EN 16931 BT-151, BT-152). */
export function lineVat(vatCase: VatCase, product: ProductVat | null, customer: CustomerVat, explicit?: Partial<LineVat>): LineVat {
  switch (vatCase) {
    case 'smallBusiness':
      return { vatCategory: 'E', vatRate: '0', exemptionReason: 'Kleinunternehmer gemäß § 19 UStG' };
    case 'reverseCharge13b':
      return { vatCategory: 'AE', vatRate: '0', exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers' };
    case 'intraEu':
      // Goods leave tax-free (§ 4 Nr. 1b UStG); services are taxed by the recipient (§ 13b).
      return product?.stockTracked
        ? { vatCategory: 'K', vatRate: '0', exemptionReason: 'Innergemeinschaftliche Lieferung' }
        : { vatCategory: 'AE', vatRate: '0', exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers' };
    case 'export':
      return { vatCategory: 'G', vatRate: '0', exemptionReason: 'Ausfuhrlieferung' };
    case 'exempt':
      return { vatCategory: 'E', vatRate: '0', exemptionReason: customer.exemptionReason || 'Steuerfrei' };
    case 'domestic': {
      const category = (explicit?.vatCategory ?? product?.vatCategory ?? 'S') as VatCategoryCode;
      const rate = explicit?.vatRate ?? product?.vatRate ?? '19';
      if (category === 'S') return { vatCategory: 'S', vatRate: rate };
      const reason = explicit?.exemptionReason;
      return { vatCategory: category, vatRate: '0', ...(reason ? { exemptionReason: reason } : {}) };
    }
  }
}

/** The notes § 14 and § 14a UStG require on the document, as i18n keys. */
export function legalNoteKeys(vatCase: VatCase, categories: readonly string[]): string[] {
  const keys: string[] = [];
  if (vatCase === 'smallBusiness') keys.push('vatNotes.smallBusiness');
  if (categories.includes('AE')) keys.push('vatNotes.reverseCharge');
  if (categories.includes('K')) keys.push('vatNotes.intraEu');
  if (categories.includes('G')) keys.push('vatNotes.export');
  if (vatCase === 'exempt' || (vatCase === 'domestic' && categories.includes('E'))) keys.push('vatNotes.exempt');
  if (categories.includes('Z')) keys.push('vatNotes.zeroRated');
  return keys;
}

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
