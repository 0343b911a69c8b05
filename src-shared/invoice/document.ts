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

