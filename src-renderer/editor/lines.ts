/**
 * The document line editor's model: what the user typed (strings), how it becomes contract
 * input, and the live totals the editor shows while typing. The totals go through the same
 * `computeInvoiceTotals` as the main process; VAT per line mirrors its rules for the
 * customer's VAT treatment by the shared rule (price lists are only known after saving).
 */
import type { AllowanceChargeView, CustomerView, InputOf, LineView, ProductView } from '../../src-shared/contract/index.js';
import { allowancesPerRate, totalsInputOf } from '../../src-shared/invoice/document.js';
import { computeInvoiceTotals, type InvoiceTotals, type VatCategoryCode } from '../../src-shared/invoice/totals.js';
import { lineVat as sharedLineVat, vatCaseOf } from '../../src-shared/invoice/vat.js';
import { formatNumberInput, parseDecimalInput, typedNumber } from '../format.js';

export type EditorLine = {
  /** Stable React key; the stored line id when the line came from a saved document. */
  key: string;
  id?: string;
  productId: string;
  description: string;
  quantity: string;
  /** Empty: the product's price. */
  unitPrice: string;
  /** Empty: the customer's discount. */
  discountPercent: string;
  /** For free-text lines only: the standard rate typed, e.g. "19" or "7". */
  vatRate: string;
};

export type Adjustment = {
  kind: 'none' | 'allowance' | 'charge';
  mode: 'amount' | 'percent';
  value: string;
  reason: string;
  vatRate: string;
};

export type PricingCustomer = Pick<CustomerView, 'discountPercent' | 'vatTreatment' | 'exemptionReason' | 'language'>;
export type PricingProduct = Pick<ProductView, 'id' | 'sku' | 'nameDe' | 'nameEn' | 'unit' | 'netPrice' | 'vatCategory' | 'vatRate' | 'stockTracked'>;

type LineInputValue = InputOf<'orders.save'>['lines'][number];
type AllowanceChargeInputValue = NonNullable<InputOf<'orders.save'>['allowancesCharges']>[number];

let counter = 0;
export function newLine(): EditorLine {
  counter += 1;
  return { key: `new-${counter}`, productId: '', description: '', quantity: '1', unitPrice: '', discountPercent: '', vatRate: '19' };
}

export const NO_ADJUSTMENT: Adjustment = { kind: 'none', mode: 'amount', value: '', reason: '', vatRate: '19' };

/** A saved line as the editor shows it, numbers in the user's format (`2,5`, `68,50`); price and discount as stored. */
export function editorLineOf(line: LineView, language = 'de'): EditorLine {
  return {
    key: line.id,
    id: line.id,
    productId: line.productId,
    description: line.description,
    quantity: formatNumberInput(line.quantity, language, 'quantity'),
    unitPrice: formatNumberInput(line.netUnitPrice, language, 'price'),
    discountPercent: formatNumberInput(line.discountPercent ?? '', language, 'percent'),
    vatRate: line.vatCategory === 'S' ? line.vatRate : '19',
  };
}

/** The first allowance or charge of a saved document (the editor offers one). */
export function adjustmentOf(list: readonly AllowanceChargeView[], language = 'de'): Adjustment {
  const first = list[0];
  if (!first) return NO_ADJUSTMENT;
  return {
    kind: first.isCharge ? 'charge' : 'allowance',
    mode: first.percent !== undefined ? 'percent' : 'amount',
    value: first.percent !== undefined ? formatNumberInput(first.percent, language, 'percent') : formatNumberInput(first.amount ?? '', language, 'money'),
    reason: first.reason ?? '',
    vatRate: first.vatRate,
  };
}

/** The lines as the contract takes them; empty fields are left to the main process. */
export function lineInputs(lines: readonly EditorLine[], language = 'de'): LineInputValue[] {
  return lines.map((l) => ({
    ...(l.id ? { id: l.id } : {}),
    productId: l.productId,
    description: l.description.trim(),
    quantity: typedNumber(l.quantity, language),
    ...(l.unitPrice.trim() ? { netUnitPrice: typedNumber(l.unitPrice, language) } : {}),
    ...(l.discountPercent.trim() ? { discountPercent: typedNumber(l.discountPercent, language) } : {}),
    // Product lines take their VAT from the product; free text is standard-rated at the typed rate.
    ...(l.productId ? {} : { vatCategory: 'S' as const, vatRate: l.vatRate.trim().replace(',', '.') || '19' }),
  }));
}

export function adjustmentInputs(adjustment: Adjustment, language = 'de'): AllowanceChargeInputValue[] {
  if (adjustment.kind === 'none') return [];
  const value = typedNumber(adjustment.value, language);
  const isCharge = adjustment.kind === 'charge';
  const reason = adjustment.reason.trim();
  // A percent of the lines falls on each VAT rate of the lines; an amount on the rate chosen.
  if (adjustment.mode === 'percent') return [{ isCharge, percent: value, reason, allRates: true }];
  return [{ isCharge, amount: value, reason, vatCategory: 'S', vatRate: adjustment.vatRate || '19' }];
}

/** VAT of a line under the customer's treatment: the main process's own rule. */
export function lineVat(
  product: PricingProduct | undefined,
  customer: PricingCustomer | null,
  freeTextRate: string,
  smallBusiness = false,
): { vatCategory: VatCategoryCode; vatRate: string; exemptionReason?: string } {
  const vatCustomer = { vatTreatment: customer?.vatTreatment ?? 'domestic', exemptionReason: customer?.exemptionReason ?? '' };
  const explicit = product ? undefined : { vatCategory: 'S' as const, vatRate: parseDecimalInput(freeTextRate) ?? '19' };
  return sharedLineVat(vatCaseOf(vatCustomer, smallBusiness), product ?? null, vatCustomer, explicit);
}

export type LiveTotals = { totals: InvoiceTotals | null; lineNet: Map<string, number>; skipped: number };

/**
 * Totals of the lines whose quantity and price are known, computed exactly like the stored
 * document; lines still missing a number are counted in `skipped`.
 */
export function liveTotals(
  currency: string,
  lines: readonly EditorLine[],
  products: ReadonlyMap<string, PricingProduct>,
  customer: PricingCustomer | null,
  adjustment: Adjustment,
  language = 'de',
): LiveTotals {
  const views: LineView[] = [];
  let skipped = 0;
  for (const line of lines) {
    const product = line.productId ? products.get(line.productId) : undefined;
    const quantity = parseDecimalInput(line.quantity, language);
    const price = line.unitPrice.trim() ? parseDecimalInput(line.unitPrice, language) : product?.netPrice;
    const typedDiscount = line.discountPercent.trim();
    const discount = typedDiscount ? parseDecimalInput(typedDiscount, language) : (customer?.discountPercent ?? '0');
    if (!quantity || /^-?0+(\.0+)?$/.test(quantity) || !price || price.startsWith('-') || discount === undefined || (typedDiscount && !isPercent(discount))) {
      skipped += 1;
      continue;
    }
    const vat = lineVat(product, customer, line.vatRate);
    if (vat.vatCategory === 'S' && !/[1-9]/.test(vat.vatRate)) {
      skipped += 1;
      continue;
    }
    views.push({ id: line.key, productId: line.productId, description: line.description, quantity, unit: product?.unit ?? 'C62', netUnitPrice: price, discountPercent: discount, ...vat });
  }
  const allowancesCharges = allowancesPerRate(views, liveAdjustment(adjustment, language));
  try {
    const totals = computeInvoiceTotals(totalsInputOf({ currency, lines: views, allowancesCharges }));
    return { totals, lineNet: new Map(totals.lines.map((l) => [l.id, l.netAmount])), skipped };
  } catch {
    return { totals: null, lineNet: new Map(), skipped };
  }
}

function liveAdjustment(adjustment: Adjustment, language: string): (AllowanceChargeView & { allRates?: boolean })[] {
  if (adjustment.kind === 'none') return [];
  const value = parseDecimalInput(adjustment.value, language);
  const rate = parseDecimalInput(adjustment.vatRate) ?? '19';
  if (!value || value.startsWith('-') || (adjustment.mode === 'percent' && !isPercent(value))) return [];
  const amountOrPercent = adjustment.mode === 'percent' ? { percent: value } : { amount: value };
  return [{ isCharge: adjustment.kind === 'charge', ...amountOrPercent, reason: adjustment.reason, vatCategory: 'S', vatRate: rate, allRates: adjustment.mode === 'percent' }];
}

function isPercent(text: string): boolean {
  if (text.startsWith('-')) return false;
  const [units = '0'] = text.split('.');
  return units.replace(/^0+/, '').length <= 2 || /^100(\.0+)?$/.test(text);
}
