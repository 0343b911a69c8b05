/** Documents (orders, invoices, credit notes) as input of `computeInvoiceTotals`. */
import type { LineView } from '../contract/views.js';
import { dec } from '../money/decimal.js';
import type { TotalsInput, TotalsLine, VatCategoryCode } from './totals.js';

/** The input of `computeInvoiceTotals` for a document's lines and allowances/charges. */
export function totalsInputOf(doc: {
  currency: string;
  lines: readonly LineView[];
  allowancesCharges?: readonly { isCharge: boolean; amount?: string; percent?: string; reason?: string; vatCategory: string; vatRate: string }[];
  prepaid?: number;
}): TotalsInput {
  const lines: TotalsLine[] = doc.lines.map((l) => {
    const allowances = [];
    if (l.discountPercent && !dec(l.discountPercent).isZero()) allowances.push({ percent: l.discountPercent, reason: 'Rabatt' });
    if (l.discountAmount && !dec(l.discountAmount).isZero()) allowances.push({ amount: l.discountAmount, reason: 'Rabatt' });
    return {
      id: l.id,
      quantity: l.quantity,
      netUnitPrice: l.netUnitPrice,
      ...(l.priceBaseQuantity ? { priceBaseQuantity: l.priceBaseQuantity } : {}),
      ...(allowances.length ? { allowances } : {}),
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
      ...(l.exemptionReason ? { exemptionReason: l.exemptionReason } : {}),
    };
  });
  return {
    currency: doc.currency,
    lines,
    allowancesCharges: (doc.allowancesCharges ?? []).map((a) => ({ ...a, vatCategory: a.vatCategory as VatCategoryCode })),
    ...(doc.prepaid ? { prepaid: doc.prepaid } : {}),
  };
}

type AllowanceChargeIn = { isCharge: boolean; amount?: string | undefined; percent?: string | undefined; reason?: string | undefined; vatCategory: string; vatRate: string; allRates?: boolean | undefined };

/**
 * A document's allowances and charges, one VAT category and rate each (EN 16931 BG-20/BG-21): a
 * percent on all lines (`allRates`) becomes one per VAT rate of the lines, each a percent of that
 * rate's lines (see `computeInvoiceTotals`), so a 10 % discount lowers every rate's base by 10 %.
 */
export function allowancesPerRate<A extends AllowanceChargeIn>(lines: readonly { vatCategory: string; vatRate: string }[], list: readonly A[]): Omit<A, 'allRates'>[] {
  const rates: { vatCategory: string; vatRate: string }[] = [];
  for (const line of lines) {
    if (!rates.some((r) => r.vatCategory === line.vatCategory && dec(r.vatRate).eq(line.vatRate))) rates.push({ vatCategory: line.vatCategory, vatRate: line.vatRate });
  }
  return list.flatMap(({ allRates, ...one }) => (allRates && one.percent !== undefined && rates.length ? rates.map((rate) => ({ ...one, ...rate })) : [one]));
}
