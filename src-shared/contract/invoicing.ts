/**
 * Contract inputs of customers, products, orders, invoices and credit notes. Amounts typed by
 * people are exact decimal strings ("1234.56"); stored and returned money is integer cents.
 */
import { z } from 'zod';
import { dec, formatDecimal, fromMinorUnits, roundDecimal } from '../money/decimal.js';
import { isValidLeitwegId, normalizeLeitwegId } from '../validation/leitweg-id.js';
import { amountText, priceText, quantityText, stockQuantityText } from './bounds.js';
import { countryCode, currencyCode, email, language, optionalText, requiredText, vatId, withinDigits } from './fields.js';

/** A buyer reference that is a Leitweg-ID in lower case or with spaces around is stored in its normal form. */
function normalizeLeitwegIdIfPossible(value: string): string {
  const normal = normalizeLeitwegId(value);
  return isValidLeitwegId(normal) ? normal : value;
}

/** A decimal with at most 11 digits before the point (amounts stay below the books' 10^13 cents) and 10 after it. */
export const decimalText = z
  .string()
  .trim()
  .transform((v) => v.replace(',', '.'))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), { message: 'validation.decimal', abort: true })
  .refine((v) => withinDigits(v, 11, 10), { message: 'validation.outOfRange', abort: true });
export const positiveDecimal = decimalText.refine((v) => Number(v) > 0, 'validation.positive');
export const nonNegativeDecimal = decimalText.refine((v) => !v.startsWith('-'), 'validation.notNegative');
export const percentText = nonNegativeDecimal.refine((v) => Number(v) <= 100, 'validation.percent');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'validation.date')
  // Books keep the dates of people's business: 1900 to 2199 (a due date a year after still fits the store's ten characters).
  .refine((v) => v >= '1900-01-01' && v <= '2199-12-31', 'validation.date');
export const id = z.string().min(1, 'validation.required').max(40);
export const vatCategory = z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O'], { message: 'validation.vatCategory' });
export const unitCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,3}$/, 'validation.unit');

export const AddressInput = z
  .object({
    name: optionalText(200),
    addition: optionalText(200),
    street: requiredText(200),
    postalCode: requiredText(20),
    city: requiredText(100),
    country: countryCode.default('DE'),
  })
  .strict()
  .refine((a) => postalCodeFits(a.postalCode, a.country), { path: ['postalCode'], message: 'validation.postalCodeDE' });

/** A German postcode is five digits; other countries' are checked only for length. */
export function postalCodeFits(postalCode: string, country: string): boolean {
  return country !== 'DE' || /^\d{5}$/.test(postalCode);
}

export const VAT_TREATMENTS = ['domestic', 'reverseCharge13b', 'intraEu', 'export', 'exempt'] as const;

export const CustomerInput = z
  .object({
    id: id.optional(),
    number: optionalText(30),
    name: requiredText(200),
    billingAddress: AddressInput,
    shippingAddress: AddressInput.optional(),
    vatId: vatId.default(''),
    taxNumber: optionalText(30),
    invoiceEmails: z.array(email.pipe(z.string().min(1, 'validation.required'))).max(10).default([]),
    language: language.default('de'),
    paymentTermsDays: z.coerce.number({ message: 'validation.number' }).int('validation.wholeNumber').min(0, 'validation.paymentTerms').max(365, 'validation.paymentTerms'),
    kind: z.enum(['business', 'consumer'], { message: 'validation.customerKind' }),
    vatTreatment: z.enum(VAT_TREATMENTS, { message: 'validation.vatTreatment' }).default('domestic'),
    exemptionReason: optionalText(300),
    discountPercent: percentText.default('0'),
    creditLimit: amountText.default('0'),
    accountManagerId: z.string().max(40).default(''),
    buyerReference: optionalText(100).transform(normalizeLeitwegIdIfPossible),
    publicBuyer: z.boolean().default(false),
    eInvoiceFormat: z.enum(['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'zugferd']).default('pdf'),
    skontoPercent: percentText.default('0'),
    skontoDays: z.coerce.number().int('validation.wholeNumber').min(0).max(365).default(0),
    /** Why this customer gets no reminders (dispute, agreed payment plan); empty: reminders go. */
    dunningStop: optionalText(300),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    const needsVatId = c.vatTreatment === 'intraEu' || c.vatTreatment === 'reverseCharge13b';
    if (needsVatId && c.vatId === '') ctx.addIssue({ code: 'custom', path: ['vatId'], message: 'validation.vatIdRequiredForCase' });
    if (c.vatTreatment === 'exempt' && c.exemptionReason === '') ctx.addIssue({ code: 'custom', path: ['exemptionReason'], message: 'validation.exemptionReasonRequired' });
    if (c.publicBuyer && c.buyerReference === '') ctx.addIssue({ code: 'custom', path: ['buyerReference'], message: 'validation.leitwegIdRequired' });
    else if (c.publicBuyer && !isValidLeitwegId(c.buyerReference)) ctx.addIssue({ code: 'custom', path: ['buyerReference'], message: 'validation.leitwegId' });
    if (c.kind === 'consumer' && c.vatTreatment !== 'domestic' && c.vatTreatment !== 'export') ctx.addIssue({ code: 'custom', path: ['vatTreatment'], message: 'validation.vatTreatmentConsumer' });
    const skonto = skontoProblem(c.skontoPercent, c.skontoDays, c.paymentTermsDays);
    if (skonto) ctx.addIssue({ code: 'custom', path: ['skontoDays'], ...skonto });
    if (!skontoPercentFits(c.skontoPercent)) ctx.addIssue({ code: 'custom', path: ['skontoPercent'], message: 'validation.skontoDecimals' });
  });

/** A Skonto rate has at most two decimals: XRechnung's payment terms (BR-DE-18) carry it so. */
export function skontoPercentFits(percent: string | undefined): boolean {
  return percent === undefined || !/\.\d{3,}$/.test(percent);
}

/** A Skonto needs a period, and one shorter than the payment term (else it is a plain discount). */
export function skontoProblem(percent: string | undefined, days: number | undefined, termsDays: number | undefined): { message: string; params?: Record<string, number> } | undefined {
  if (percent === undefined || !/[1-9]/.test(percent)) return undefined;
  if (!days) return { message: 'validation.skontoDaysRequired' };
  if (termsDays !== undefined && days >= termsDays) return { message: 'validation.skontoWithinTerms', params: { terms: termsDays } };
  return undefined;
}

export const ProductInput = z
  .object({
    id: id.optional(),
    sku: requiredText(60),
    nameDe: requiredText(300),
    nameEn: optionalText(300),
    unit: unitCode.default('C62'),
    netPrice: priceText,
    currency: currencyCode.default('EUR'),
    vatCategory: vatCategory.default('S'),
    vatRate: percentText.default('19'),
    stockTracked: z.boolean().default(false),
    allowBackorder: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.vatCategory === 'S' && Number(p.vatRate) <= 0) ctx.addIssue({ code: 'custom', path: ['vatRate'], message: 'validation.standardRate' });
    if (p.vatCategory !== 'S' && Number(p.vatRate) !== 0) ctx.addIssue({ code: 'custom', path: ['vatRate'], message: 'validation.zeroRate' });
  });

/** A receipt (positive) or a correction (negative); one that leaves stock below zero needs `confirmNegative`. */
export const StockReceiptInput = z
  .object({ productId: id, quantity: stockQuantityText, note: optionalText(300), confirmNegative: z.boolean().default(false) })
  .strict();

export const LineInput = z
  .object({
    id: z.string().max(40).optional(),
    productId: z.string().max(40).default(''),
    description: optionalText(2000),
    /** Returns go through credit notes: a line's quantity is always positive. */
    quantity: quantityText,
    unit: unitCode.optional(),
    netUnitPrice: priceText.optional(),
    discountPercent: percentText.optional(),
    discountAmount: amountText.optional(),
    vatCategory: vatCategory.optional(),
    vatRate: percentText.optional(),
    exemptionReason: optionalText(300),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (discountBeyondLine(l)) ctx.addIssue({ code: 'custom', path: ['discountAmount'], message: 'validation.discountBeyondLine' });
  });

/**
 * A discount that takes more than the line's amount (returns go through credit notes), when the
 * price is given; a product's price is checked when the lines are built.
 */
export function discountBeyondLine(l: { quantity: string; netUnitPrice?: string | undefined; discountPercent?: string | undefined; discountAmount?: string | undefined }): boolean {
  if (l.netUnitPrice === undefined || l.discountAmount === undefined) return false;
  const gross = roundDecimal(dec(l.quantity).times(l.netUnitPrice), 2);
  const percent = l.discountPercent ? roundDecimal(gross.times(l.discountPercent).div(100), 2) : dec(0);
  return gross.minus(percent).minus(l.discountAmount).isNegative();
}

export const AllowanceChargeInput = z
  .object({
    isCharge: z.boolean(),
    amount: amountText.optional(),
    percent: percentText.optional(),
    reason: optionalText(300),
    vatCategory: vatCategory.default('S'),
    vatRate: percentText.default('19'),
    /** A percent of all lines: one allowance or charge per VAT rate of the lines, each on its rate's lines (vatCategory and vatRate are not used). */
    allRates: z.boolean().optional(),
  })
  .strict()
  .refine((a) => (a.amount === undefined) !== (a.percent === undefined), { message: 'validation.amountOrPercent', path: ['amount'] })
  .refine((a) => !a.allRates || a.percent !== undefined, { message: 'validation.allRatesPercent', path: ['allRates'] });

export const OrderInput = z
  .object({
    id: id.optional(),
    customerId: id,
    orderDate: isoDate,
    customerReference: optionalText(200),
    note: optionalText(5000),
    lines: z.array(LineInput).min(1, 'validation.atLeastOneLine').max(5000),
    allowancesCharges: z.array(AllowanceChargeInput).max(50).default([]),
  })
  .strict();

export const ListInput = z
  .object({
    search: z.string().trim().max(200).default(''),
    status: z.string().max(20).default(''),
    customerId: z.string().max(40).default(''),
    documentType: z.enum(['', 'invoice', 'creditNote']).default(''),
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const InvoiceDraftInput = z
  .object({
    id: id.optional(),
    customerId: id,
    issueDate: isoDate.optional(),
    supplyDate: isoDate.optional(),
    servicePeriodFrom: isoDate.optional(),
    servicePeriodTo: isoDate.optional(),
    paymentTermsDays: z.number().int().min(0).max(365).optional(),
    skontoPercent: percentText.optional(),
    skontoDays: z.number().int().min(1).max(365).optional(),
    note: optionalText(5000),
    lines: z.array(LineInput).min(1, 'validation.atLeastOneLine').max(5000),
    allowancesCharges: z.array(AllowanceChargeInput).max(50).default([]),
  })
  .strict()
  .refine((v) => !v.servicePeriodFrom || !v.servicePeriodTo || v.servicePeriodFrom <= v.servicePeriodTo, {
    message: 'validation.periodOrder',
    path: ['servicePeriodTo'],
  })
  .superRefine((v, ctx) => {
    const skonto = skontoProblem(v.skontoPercent, v.skontoDays, v.paymentTermsDays);
    if (skonto) ctx.addIssue({ code: 'custom', path: ['skontoDays'], ...skonto });
    if (!skontoPercentFits(v.skontoPercent)) ctx.addIssue({ code: 'custom', path: ['skontoPercent'], message: 'validation.skontoDecimals' });
  });

export const CreditNoteInput = z
  .object({
    invoiceId: id,
    reason: requiredText(2000),
    /** Omitted: the whole invoice. Otherwise the lines and quantities credited. */
    lines: z.array(z.object({ lineId: z.string().min(1), quantity: quantityText }).strict()).max(5000).optional(),
    returnStock: z.boolean().default(true),
  })
  .strict();

export const PriceListInput = z
  .object({
    id: id.optional(),
    name: requiredText(200),
    validFrom: isoDate,
    validTo: isoDate,
    customerIds: z.array(z.string().min(1).max(40)).max(1000).default([]),
    prices: z.array(z.object({ productId: id, netPrice: priceText }).strict()).min(1, 'validation.atLeastOneLine').max(10_000),
  })
  .strict()
  .refine((v) => v.validFrom <= v.validTo, { message: 'validation.periodOrder', path: ['validTo'] });

export const ByIdInput = z.object({ id }).strict();
/** Cancelling an order needs its reason: kept with the order and in the audit entry. */
export const OrderCancelInput = z.object({ id, reason: z.string({ message: 'validation.reasonRequired' }).trim().min(1, 'validation.reasonRequired').pipe(requiredText(500)) }).strict();
export const RejectInput = z.object({ id, reason: requiredText(2000) }).strict();
/**
 * `acknowledgedRisks`: the reasons (i18n keys) the supervisor was shown why this customer is a
 * risk (over the limit, high class) and approves anyway; a reason not among them refuses.
 */
export const ApproveInput = z.object({ id, acknowledgedRisks: z.array(z.string().max(80)).max(20).default([]) }).strict();
export const OrdersImportInput = z.object({ fileName: requiredText(300), dataBase64: z.string().min(1).max(30_000_000) }).strict();

/** The save input that reproduces a customer as shown (for edit forms). */
export function customerInputOf(v: import('./views.js').CustomerView): z.input<typeof CustomerInput> {
  return {
    id: v.id,
    number: v.number,
    name: v.name,
    billingAddress: { ...v.billingAddress },
    ...(v.shippingAddress ? { shippingAddress: { ...v.shippingAddress } } : {}),
    vatId: v.vatId,
    taxNumber: v.taxNumber,
    invoiceEmails: [...v.invoiceEmails],
    language: v.language,
    paymentTermsDays: v.paymentTermsDays,
    kind: v.kind,
    vatTreatment: v.vatTreatment,
    exemptionReason: v.exemptionReason,
    discountPercent: v.discountPercent,
    creditLimit: formatDecimal(fromMinorUnits(v.creditLimit), 2),
    accountManagerId: v.accountManagerId,
    buyerReference: v.buyerReference,
    publicBuyer: v.publicBuyer,
    eInvoiceFormat: v.eInvoiceFormat,
    skontoPercent: v.skontoPercent,
    skontoDays: v.skontoDays,
    dunningStop: v.dunningStop,
    active: v.active,
  };
}
