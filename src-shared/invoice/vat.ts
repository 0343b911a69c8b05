/**
 * Which VAT category and rate each line gets, and which legal notes a document carries, by
 * VAT case (domestic, § 13b reverse charge, intra-EU, export, exempt, § 19 small business).
 * Shared: the main process decides with it, the editors preview with it.
 */
import type { VatCase } from '../contract/views.js';
import type { VatCategoryCode } from './totals.js';

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

