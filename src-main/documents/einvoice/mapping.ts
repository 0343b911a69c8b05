/**
 * An issued invoice or credit note as the input of `@e-invoice-eu/core` (its JSON "Invoice"
 * format mirrors UBL; the library renders CII, UBL, XRechnung and Factur-X from it).
 *
 * Every amount comes from `view.totals` (integer cents) and is written as an exact decimal
 * string; nothing is computed again here, so the XML says what the issued document says.
 */
import type { Invoice } from '@e-invoice-eu/core';
import type { AddressView, InvoiceView, LineView, PartySnapshot } from '../../../src-shared/contract/views.js';
import type { LineTotals, VatCategoryCode } from '../../../src-shared/invoice/totals.js';
import { translateKnown } from '../../../src-shared/i18n/index.js';
import { Decimal, parseDecimal } from '../../../src-shared/money/decimal.js';
import { EInvoiceDataError } from './errors.js';
import { paymentMeans, paymentTerms } from './payment.js';

type Doc = Invoice['ubl:Invoice'];
type Party = Doc['cac:AccountingSupplierParty']['cac:Party'];
type BuyerParty = Doc['cac:AccountingCustomerParty']['cac:Party'];
type Address = Party['cac:PostalAddress'];
type Line = Doc['cac:InvoiceLine'][number];
type LineAllowanceCharge = NonNullable<Line['cac:AllowanceCharge']>[number];
type DocAllowanceCharge = NonNullable<Doc['cac:AllowanceCharge']>[number];
type TaxSubtotal = NonNullable<Doc['cac:TaxTotal'][0]['cac:TaxSubtotal']>[number];
type Currency = Doc['cbc:DocumentCurrencyCode'];

/** BT-121 by category; E carries its reason as text only (§ 19, § 4 UStG have no VATEX code). */
const EXEMPTION_CODE: Partial<Record<VatCategoryCode, string>> = { AE: 'VATEX-EU-AE', K: 'VATEX-EU-IC', G: 'VATEX-EU-G', O: 'VATEX-EU-O' };
const HAS_EXEMPTION_REASON = new Set<VatCategoryCode>(['E', 'AE', 'K', 'G', 'O']);

/** Cents to an exact decimal string: 123456 -> "1234.56", -5 -> "-0.05". */
export function centsToAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Amount must be a safe integer of cents, got ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function toEInvoice(view: InvoiceView): Invoice {
  const where = `E-invoice for ${view.number || view.id}`;
  if (view.status !== 'issued' && view.status !== 'sent') throw new Error(`${where}: only issued documents become e-invoices; this one is ${view.status}`);
  if (!view.number) throw new EInvoiceDataError('number', `${where}: the document has no number (BT-1)`);
  const { seller, buyer, totals } = view;
  if (!seller) throw new EInvoiceDataError('seller', `${where}: the seller snapshot (BG-4) is missing`);
  if (!buyer) throw new EInvoiceDataError('buyer', `${where}: the buyer snapshot (BG-7) is missing`);
  if (totals.lines.length !== view.lines.length || totals.lines.some((t, i) => t.id !== view.lines[i]?.id)) {
    throw new Error(`${where}: totals.lines do not belong to the lines`);
  }
  if (totals.allowancesCharges.length !== view.allowancesCharges.length) throw new Error(`${where}: totals.allowancesCharges do not belong to allowancesCharges`);
  checkVatIds(view, seller, buyer, where);

  const currency = view.currency as Currency;
  const amount = centsToAmount;
  const isCredit = view.documentType === 'creditNote';
  const notes = [view.note, ...view.legalNotes.map((key) => translateKnown(view.language, key))].filter((n) => n.trim() !== '');

  const doc: Doc = {
    'cbc:ID': view.number,
    'cbc:IssueDate': view.issueDate,
    ...(view.dueDate ? { 'cbc:DueDate': view.dueDate } : {}),
    'cbc:InvoiceTypeCode': isCredit ? '381' : '380',
    ...(notes.length ? { 'cbc:Note': notes } : {}),
    'cbc:DocumentCurrencyCode': currency,
    'cbc:BuyerReference': buyerReference(view, buyer),
    ...(view.servicePeriod ? { 'cac:InvoicePeriod': { 'cbc:StartDate': view.servicePeriod.from, 'cbc:EndDate': view.servicePeriod.to } } : {}),
    ...(isCredit && view.correctsNumber ? { 'cac:BillingReference': [{ 'cac:InvoiceDocumentReference': { 'cbc:ID': view.correctsNumber } }] } : {}),
    'cac:AccountingSupplierParty': { 'cac:Party': sellerParty(view, seller) },
    'cac:AccountingCustomerParty': { 'cac:Party': buyerParty(buyer) },
    ...delivery(view, buyer),
    'cac:PaymentMeans': [paymentMeans(view, seller)],
    'cac:PaymentTerms': { 'cbc:Note': paymentTerms(view) },
    ...(view.allowancesCharges.length ? { 'cac:AllowanceCharge': view.allowancesCharges.map((_, i) => documentAllowanceCharge(view, i, currency)) } : {}),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': amount(totals.vatTotal),
        'cbc:TaxAmount@currencyID': currency,
        'cac:TaxSubtotal': totals.vatBreakdown.map((b): TaxSubtotal => ({
          'cbc:TaxableAmount': amount(b.taxableAmount),
          'cbc:TaxableAmount@currencyID': currency,
          'cbc:TaxAmount': amount(b.taxAmount),
          'cbc:TaxAmount@currencyID': currency,
          'cac:TaxCategory': {
            'cbc:ID': b.category,
            // BT-119 also for "not subject to VAT" (0): XRechnung requires it (BR-DE-14); EN 16931 forbids a rate only on lines and allowances (BR-O-05 to 07).
            'cbc:Percent': b.category === 'O' ? '0' : b.rate,
            ...(EXEMPTION_CODE[b.category] ? { 'cbc:TaxExemptionReasonCode': EXEMPTION_CODE[b.category] } : {}),
            ...(HAS_EXEMPTION_REASON.has(b.category) ? { 'cbc:TaxExemptionReason': b.exemptionReason || defaultExemptionReason(view, b.category) } : {}),
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        })),
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(totals.lineTotal),
      'cbc:LineExtensionAmount@currencyID': currency,
      'cbc:TaxExclusiveAmount': amount(totals.taxExclusive),
      'cbc:TaxExclusiveAmount@currencyID': currency,
      'cbc:TaxInclusiveAmount': amount(totals.taxInclusive),
      'cbc:TaxInclusiveAmount@currencyID': currency,
      ...(totals.allowancesCharges.some((a) => !a.isCharge) ? { 'cbc:AllowanceTotalAmount': amount(totals.allowanceTotal), 'cbc:AllowanceTotalAmount@currencyID': currency } : {}),
      ...(totals.allowancesCharges.some((a) => a.isCharge) ? { 'cbc:ChargeTotalAmount': amount(totals.chargeTotal), 'cbc:ChargeTotalAmount@currencyID': currency } : {}),
      ...(totals.prepaid ? { 'cbc:PrepaidAmount': amount(totals.prepaid), 'cbc:PrepaidAmount@currencyID': currency } : {}),
      ...(totals.rounding ? { 'cbc:PayableRoundingAmount': amount(totals.rounding), 'cbc:PayableRoundingAmount@currencyID': currency } : {}),
      'cbc:PayableAmount': amount(totals.amountDue),
      'cbc:PayableAmount@currencyID': currency,
    },
    'cac:InvoiceLine': view.lines.map((line, i) => invoiceLine(view, line, totals.lines[i]!, i, currency)) as Doc['cac:InvoiceLine'],
  };
  return { 'ubl:Invoice': doc };
}

/**
 * BT-10. XRechnung requires it (BR-DE-15: "Das Element Buyer reference (BT-10) muss übermittelt
 * werden"); EN 16931 leaves it optional. Public buyers route by their Leitweg-ID, so that wins.
 * A private buyer has none, and BR-DE-15 asks only for presence, not for a Leitweg-ID: the one
 * reference both sides know for the buyer is its customer number (also BT-46), the document
 * number the last resort, so an XRechnung to a private buyer never fails BR-DE-15 for want of it.
 */
function buyerReference(view: InvoiceView, buyer: PartySnapshot): string {
  return buyer.buyerReference?.trim() || buyer.customerNumber?.trim() || view.number;
}

/** BR-IC-02 / BR-G-02 need the seller's USt-IdNr.; BR-AE-02 accepts the tax number too. */
function checkVatIds(view: InvoiceView, seller: PartySnapshot, buyer: PartySnapshot, where: string): void {
  const categories = new Set<VatCategoryCode>([...view.lines.map((l) => l.vatCategory), ...view.allowancesCharges.map((a) => a.vatCategory)]);
  const need = (field: string, ok: boolean, text: string) => {
    if (!ok) throw new EInvoiceDataError(field, `${where}: ${field} is required: ${text}`);
  };
  if (categories.has('K')) {
    need('seller.vatId', !!seller.vatId, 'VAT category K (intra-EU supply) needs the seller VAT ID BT-31 (BR-IC-02)');
    need('buyer.vatId', !!buyer.vatId, 'VAT category K (intra-EU supply) needs the buyer VAT ID BT-48 (BR-IC-02)');
  }
  if (categories.has('G')) need('seller.vatId', !!seller.vatId, 'VAT category G (export) needs the seller VAT ID BT-31 (BR-G-02)');
  if (categories.has('AE')) {
    // § 14a Abs. 1 UStG: services to another member state carry both VAT IDs; § 13b at home may use the tax number.
    if (view.vatCase === 'intraEu') need('seller.vatId', !!seller.vatId, 'reverse charge across the EU needs the seller VAT ID BT-31 (BR-AE-02, § 14a Abs. 1 UStG)');
    else need('seller.vatId', !!seller.vatId || !!seller.taxNumber, 'VAT category AE needs the seller VAT ID BT-31 or tax number BT-32 (BR-AE-02)');
    need('buyer.vatId', !!buyer.vatId, 'VAT category AE (reverse charge) needs the buyer VAT ID BT-48 (BR-AE-02)');
  }
}

function postalAddress(address: AddressView): Address {
  return {
    'cbc:StreetName': address.street,
    ...(address.addition ? { 'cbc:AdditionalStreetName': address.addition } : {}),
    'cbc:CityName': address.city,
    'cbc:PostalZone': address.postalCode,
    'cac:Country': { 'cbc:IdentificationCode': (address.country || 'DE') as Address['cac:Country']['cbc:IdentificationCode'] },
  };
}

/**
 * BG-13: the delivery date (BT-72) and, for an intra-community supply, where the goods went
 * (BG-15): BR-IC-12 requires the deliver-to country (BT-80), BR-IC-11 the delivery date or the
 * invoicing period. The buyer's shipping address as the document was issued, else its billing
 * address.
 */
function delivery(view: InvoiceView, buyer: PartySnapshot): Pick<Doc, 'cac:Delivery'> {
  const intraEu = view.lines.some((l) => l.vatCategory === 'K') || view.allowancesCharges.some((a) => a.vatCategory === 'K');
  if (!view.supplyDate && !intraEu) return {};
  const to = buyer.shippingAddress ?? buyer.address;
  return {
    'cac:Delivery': {
      ...(view.supplyDate ? { 'cbc:ActualDeliveryDate': view.supplyDate } : {}),
      ...(intraEu ? { 'cac:DeliveryLocation': { 'cac:Address': postalAddress(to) }, 'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': to.name || buyer.name } } } : {}),
    },
  };
}

function sellerParty(view: InvoiceView, seller: PartySnapshot): Party {
  const taxSchemes = [
    ...(seller.vatId ? [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] : []),
    // BT-32, the German Steuernummer: scheme "FC" (fiscal code) as XRechnung's examples use it.
    ...(seller.taxNumber ? [{ 'cbc:CompanyID': seller.taxNumber, 'cac:TaxScheme': { 'cbc:ID': 'FC' } }] : []),
  ] as Party['cac:PartyTaxScheme'];
  const legalInfo = seller.managingDirectors ? `${view.language === 'de' ? 'Geschäftsführung' : 'Managing directors'}: ${seller.managingDirectors}` : '';
  // BR-CO-26 wants BT-29, BT-30 or BT-31: without a VAT ID and a register entry, the tax number identifies the seller.
  const identifier = !seller.vatId && !seller.register && seller.taxNumber ? seller.taxNumber : '';
  return {
    ...(seller.email ? { 'cbc:EndpointID': seller.email, 'cbc:EndpointID@schemeID': 'EM' as const } : {}),
    ...(identifier ? { 'cac:PartyIdentification': [{ 'cbc:ID': identifier }] } : {}),
    'cac:PostalAddress': postalAddress(seller.address),
    ...(taxSchemes?.length ? { 'cac:PartyTaxScheme': taxSchemes } : {}),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': seller.name,
      ...(seller.register ? { 'cbc:CompanyID': seller.register } : {}),
      ...(legalInfo ? { 'cbc:CompanyLegalForm': legalInfo } : {}),
    },
    // BG-6 (BR-DE-2): the company is its own contact point; phone and e-mail are the company's.
    'cac:Contact': {
      'cbc:Name': seller.name,
      ...(seller.phone ? { 'cbc:Telephone': seller.phone } : {}),
      ...(seller.email ? { 'cbc:ElectronicMail': seller.email } : {}),
    },
  };
}

function buyerParty(buyer: PartySnapshot): BuyerParty {
  return {
    ...(buyer.email ? { 'cbc:EndpointID': buyer.email, 'cbc:EndpointID@schemeID': 'EM' as const } : {}),
    ...(buyer.customerNumber ? { 'cac:PartyIdentification': { 'cbc:ID': buyer.customerNumber } } : {}),
    'cac:PostalAddress': postalAddress(buyer.address),
    ...(buyer.vatId ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': buyer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } } : {}),
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyer.name },
  };
}

function defaultExemptionReason(view: InvoiceView, category: VatCategoryCode): string {
  const key = { E: 'vatNotes.exempt', AE: 'vatNotes.reverseCharge', K: 'vatNotes.intraEu', G: 'vatNotes.export' }[category as string];
  return key ? translateKnown(view.language, key) : 'Not subject to VAT';
}

function documentAllowanceCharge(view: InvoiceView, index: number, currency: Currency): DocAllowanceCharge {
  const source = view.allowancesCharges[index]!;
  const t = view.totals.allowancesCharges[index]!;
  const de = view.language === 'de';
  const percent = source.percent !== undefined ? percentText(source.percent) : undefined;
  return {
    'cbc:ChargeIndicator': t.isCharge ? 'true' : 'false',
    'cbc:AllowanceChargeReason': t.reason || source.reason || (t.isCharge ? (de ? 'Zuschlag' : 'Charge') : de ? 'Nachlass' : 'Allowance'),
    ...(percent ? { 'cbc:MultiplierFactorNumeric': percent } : {}),
    'cbc:Amount': centsToAmount(t.amount),
    'cbc:Amount@currencyID': currency,
    // A percentage applies to the lines of its VAT rate (src-shared/invoice/totals.ts); totals kept from before name no base: BT-106.
    ...(percent ? { 'cbc:BaseAmount': centsToAmount(t.baseAmount ?? view.totals.lineTotal), 'cbc:BaseAmount@currencyID': currency } : {}),
    'cac:TaxCategory': { 'cbc:ID': t.vatCategory, ...(t.vatCategory !== 'O' ? { 'cbc:Percent': t.vatRate } : {}), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
  };
}

/** The library takes percentages with at most four decimals; longer ones are left to the amount. */
function percentText(value: string): string | undefined {
  const p = parseDecimal(value);
  return p.decimalPlaces() <= 4 ? p.toFixed() : undefined;
}

function invoiceLine(view: InvoiceView, line: LineView, t: LineTotals, index: number, currency: Currency): Line {
  const de = view.language === 'de';
  const adjustments: LineAllowanceCharge[] = [];
  if (t.allowanceAmount !== 0) {
    // One allowance (BG-27) of exactly the amount the totals took off; a lone percent discount also shows percent and base.
    const onlyPercent = line.discountPercent && !line.discountAmount ? percentText(line.discountPercent) : undefined;
    adjustments.push({
      'cbc:ChargeIndicator': 'false',
      'cbc:AllowanceChargeReasonCode': '95',
      'cbc:AllowanceChargeReason': de ? 'Rabatt' : 'Discount',
      ...(onlyPercent ? { 'cbc:MultiplierFactorNumeric': onlyPercent } : {}),
      'cbc:Amount': centsToAmount(t.allowanceAmount),
      'cbc:Amount@currencyID': currency,
      ...(onlyPercent ? { 'cbc:BaseAmount': centsToAmount(t.grossAmount), 'cbc:BaseAmount@currencyID': currency } : {}),
    });
  }
  if (t.chargeAmount !== 0) {
    adjustments.push({ 'cbc:ChargeIndicator': 'true', 'cbc:AllowanceChargeReason': de ? 'Zuschlag' : 'Charge', 'cbc:Amount': centsToAmount(t.chargeAmount), 'cbc:Amount@currencyID': currency });
  }
  const { price, baseQuantity } = netPrice(line);
  const unit = line.unit || 'C62';
  return {
    'cbc:ID': String(index + 1),
    'cbc:InvoicedQuantity': line.quantity,
    'cbc:InvoicedQuantity@unitCode': unit as Line['cbc:InvoicedQuantity@unitCode'],
    'cbc:LineExtensionAmount': centsToAmount(t.netAmount),
    'cbc:LineExtensionAmount@currencyID': currency,
    ...(adjustments.length ? { 'cac:AllowanceCharge': adjustments } : {}),
    'cac:Item': {
      'cbc:Name': line.description,
      'cac:ClassifiedTaxCategory': { 'cbc:ID': line.vatCategory, ...(line.vatCategory !== 'O' ? { 'cbc:Percent': rateText(line.vatRate) } : {}), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
    },
    'cac:Price': {
      'cbc:PriceAmount': price,
      'cbc:PriceAmount@currencyID': currency,
      ...(baseQuantity ? { 'cbc:BaseQuantity': baseQuantity, 'cbc:BaseQuantity@unitCode': unit as NonNullable<Line['cac:Price']['cbc:BaseQuantity@unitCode']> } : {}),
    },
  };
}

function rateText(rate: string): string {
  const r = parseDecimal(rate);
  return r.isZero() ? '0' : r.toFixed();
}

/**
 * BT-146 and BT-149. The library accepts unit prices with at most two decimals, EN 16931 does
 * not limit them. A price like 0.125 per 1 is written as 1.25 per 10: the same price, and
 * quantity x price / base quantity (what the totals computed) stays exactly the same.
 */
export function netPrice(line: Pick<LineView, 'netUnitPrice' | 'priceBaseQuantity'>): { price: string; baseQuantity?: string } {
  const price = parseDecimal(line.netUnitPrice);
  const base = line.priceBaseQuantity ? parseDecimal(line.priceBaseQuantity) : undefined;
  const extra = Math.max(0, price.decimalPlaces() - 2);
  if (extra === 0) return { price: price.toFixed(2), ...(base ? { baseQuantity: base.toFixed() } : {}) };
  const factor = new Decimal(10).pow(extra);
  return { price: price.times(factor).toFixed(2), baseQuantity: (base ?? new Decimal(1)).times(factor).toFixed() };
}
