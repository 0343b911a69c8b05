/** Test support: what an e-invoice says, read back from CII or UBL into one shape (money in cents). */
import { all, cents, one, parseXml, text, type XmlElement } from './xml.js';

export type ReadParty = { name?: string; legalInfo?: string; vatId?: string; taxNumber?: string; ids: string[]; endpoint?: string; endpointScheme?: string; contactName?: string; phone?: string; email?: string; city?: string; postalCode?: string };
export type ReadAllowanceCharge = { isCharge: boolean; amount: number; category?: string; rate?: string; reason?: string };

export type Readback = {
  syntax: 'CII' | 'UBL';
  /** Local names of the elements that carry a currencyID attribute. */
  currencyIdOn: string[];
  customizationId?: string;
  typeCode?: string;
  number?: string;
  issueDate?: string;
  dueDate?: string;
  currency?: string;
  buyerReference?: string;
  notes: string[];
  precedingInvoice?: string;
  deliveryDate?: string;
  period?: { from?: string; to?: string };
  seller: ReadParty;
  buyer: ReadParty;
  paymentMeans: { code?: string; iban?: string; bic?: string }[];
  paymentReference?: string;
  paymentTerms?: string;
  lines: { id?: string; name?: string; quantity?: string; unit?: string; net: number; price?: string; baseQuantity?: string; category?: string; rate?: string; allowancesCharges: ReadAllowanceCharge[] }[];
  allowancesCharges: ReadAllowanceCharge[];
  breakdown: { category?: string; rate?: string; taxable: number; tax: number; exemptionCode?: string; exemptionReason?: string }[];
  totals: { lineTotal: number; allowanceTotal: number; chargeTotal: number; taxExclusive: number; vatTotal: number; taxInclusive: number; prepaid: number; rounding: number; amountDue: number };
};

const optionalCents = (value: string | undefined, where: string) => (value === undefined ? 0 : cents(value, where));

function withCurrencyId(e: XmlElement): string[] {
  return [...('currencyID' in e.attributes ? [e.local] : []), ...e.children.flatMap(withCurrencyId)];
}

export function readEInvoice(xml: string): Readback {
  const root = parseXml(xml);
  if (root.local === 'CrossIndustryInvoice') return { ...readCii(root), currencyIdOn: withCurrencyId(root) };
  if (root.local === 'Invoice' || root.local === 'CreditNote') return { ...readUbl(root), currencyIdOn: withCurrencyId(root) };
  throw new Error(`Not an e-invoice: <${root.name}>`);
}

function ciiAllowanceCharge(e: XmlElement): ReadAllowanceCharge {
  return {
    isCharge: text(e, 'ChargeIndicator/Indicator') === 'true',
    amount: cents(text(e, 'ActualAmount'), 'ActualAmount'),
    category: text(e, 'CategoryTradeTax/CategoryCode'),
    rate: text(e, 'CategoryTradeTax/RateApplicablePercent'),
    reason: text(e, 'Reason'),
  };
}

function ciiParty(p: XmlElement | undefined): ReadParty {
  const registrations = all(p, 'SpecifiedTaxRegistration').map((r) => ({ scheme: one(r, 'ID')?.attributes.schemeID, id: text(r, 'ID') }));
  return {
    name: text(p, 'Name'),
    legalInfo: text(p, 'Description'),
    vatId: registrations.find((r) => r.scheme === 'VA')?.id,
    taxNumber: registrations.find((r) => r.scheme === 'FC')?.id,
    ids: [...all(p, 'ID'), ...all(p, 'SpecifiedLegalOrganization/ID')].map((e) => e.text.trim()),
    endpoint: text(p, 'URIUniversalCommunication/URIID'),
    endpointScheme: one(p, 'URIUniversalCommunication/URIID')?.attributes.schemeID,
    contactName: text(p, 'DefinedTradeContact/PersonName') ?? text(p, 'DefinedTradeContact/DepartmentName'),
    phone: text(p, 'DefinedTradeContact/TelephoneUniversalCommunication/CompleteNumber'),
    email: text(p, 'DefinedTradeContact/EmailURIUniversalCommunication/URIID'),
    city: text(p, 'PostalTradeAddress/CityName'),
    postalCode: text(p, 'PostalTradeAddress/PostcodeCode'),
  };
}

function readCii(root: XmlElement): Omit<Readback, 'currencyIdOn'> {
  const tx = one(root, 'SupplyChainTradeTransaction');
  const agreement = one(tx, 'ApplicableHeaderTradeAgreement');
  const settlement = one(tx, 'ApplicableHeaderTradeSettlement');
  const sum = one(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const amount = (name: string) => optionalCents(text(sum, name), name);
  return {
    syntax: 'CII',
    customizationId: text(root, 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID'),
    typeCode: text(root, 'ExchangedDocument/TypeCode'),
    number: text(root, 'ExchangedDocument/ID'),
    issueDate: text(root, 'ExchangedDocument/IssueDateTime/DateTimeString'),
    dueDate: text(settlement, 'SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString'),
    currency: text(settlement, 'InvoiceCurrencyCode'),
    buyerReference: text(agreement, 'BuyerReference'),
    notes: all(root, 'ExchangedDocument/IncludedNote/Content').map((n) => n.text.trim()),
    precedingInvoice: text(settlement, 'InvoiceReferencedDocument/IssuerAssignedID'),
    deliveryDate: text(tx, 'ApplicableHeaderTradeDelivery/ActualDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString'),
    ...(one(settlement, 'BillingSpecifiedPeriod')
      ? { period: { from: text(settlement, 'BillingSpecifiedPeriod/StartDateTime/DateTimeString'), to: text(settlement, 'BillingSpecifiedPeriod/EndDateTime/DateTimeString') } }
      : {}),
    seller: ciiParty(one(agreement, 'SellerTradeParty')),
    buyer: ciiParty(one(agreement, 'BuyerTradeParty')),
    paymentMeans: all(settlement, 'SpecifiedTradeSettlementPaymentMeans').map((m) => ({
      code: text(m, 'TypeCode'),
      iban: text(m, 'PayeePartyCreditorFinancialAccount/IBANID'),
      bic: text(m, 'PayeeSpecifiedCreditorFinancialInstitution/BICID'),
    })),
    paymentReference: text(settlement, 'PaymentReference'),
    paymentTerms: one(settlement, 'SpecifiedTradePaymentTerms/Description')?.text,
    lines: all(tx, 'IncludedSupplyChainTradeLineItem').map((l) => ({
      id: text(l, 'AssociatedDocumentLineDocument/LineID'),
      name: text(l, 'SpecifiedTradeProduct/Name'),
      quantity: text(l, 'SpecifiedLineTradeDelivery/BilledQuantity'),
      unit: one(l, 'SpecifiedLineTradeDelivery/BilledQuantity')?.attributes.unitCode,
      net: cents(text(l, 'SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount'), 'LineTotalAmount'),
      price: text(l, 'SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount'),
      baseQuantity: text(l, 'SpecifiedLineTradeAgreement/NetPriceProductTradePrice/BasisQuantity'),
      category: text(l, 'SpecifiedLineTradeSettlement/ApplicableTradeTax/CategoryCode'),
      rate: text(l, 'SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent'),
      allowancesCharges: all(l, 'SpecifiedLineTradeSettlement/SpecifiedTradeAllowanceCharge').map(ciiAllowanceCharge),
    })),
    allowancesCharges: all(settlement, 'SpecifiedTradeAllowanceCharge').map(ciiAllowanceCharge),
    breakdown: all(settlement, 'ApplicableTradeTax').map((b) => ({
      category: text(b, 'CategoryCode'),
      rate: text(b, 'RateApplicablePercent'),
      taxable: cents(text(b, 'BasisAmount'), 'BasisAmount'),
      tax: cents(text(b, 'CalculatedAmount'), 'CalculatedAmount'),
      exemptionCode: text(b, 'ExemptionReasonCode'),
      exemptionReason: text(b, 'ExemptionReason'),
    })),
    totals: {
      lineTotal: amount('LineTotalAmount'),
      allowanceTotal: amount('AllowanceTotalAmount'),
      chargeTotal: amount('ChargeTotalAmount'),
      taxExclusive: amount('TaxBasisTotalAmount'),
      // BT-110 is the TaxTotalAmount in the document currency (BT-111 would be a second one).
      vatTotal: optionalCents(all(sum, 'TaxTotalAmount').find((e) => e.attributes.currencyID === text(settlement, 'InvoiceCurrencyCode'))?.text.trim(), 'TaxTotalAmount'),
      taxInclusive: amount('GrandTotalAmount'),
      prepaid: amount('TotalPrepaidAmount'),
      rounding: amount('RoundingAmount'),
      amountDue: amount('DuePayableAmount'),
    },
  };
}

function ublAllowanceCharge(e: XmlElement): ReadAllowanceCharge {
  return {
    isCharge: text(e, 'ChargeIndicator') === 'true',
    amount: cents(text(e, 'Amount'), 'Amount'),
    category: text(e, 'TaxCategory/ID'),
    rate: text(e, 'TaxCategory/Percent'),
    reason: text(e, 'AllowanceChargeReason'),
  };
}

function ublParty(p: XmlElement | undefined): ReadParty {
  const schemes = all(p, 'PartyTaxScheme').map((s) => ({ scheme: text(s, 'TaxScheme/ID'), id: text(s, 'CompanyID') }));
  return {
    name: text(p, 'PartyLegalEntity/RegistrationName'),
    legalInfo: text(p, 'PartyLegalEntity/CompanyLegalForm'),
    vatId: schemes.find((s) => s.scheme === 'VAT')?.id,
    taxNumber: schemes.find((s) => s.scheme !== 'VAT')?.id,
    ids: [...all(p, 'PartyIdentification/ID'), ...all(p, 'PartyLegalEntity/CompanyID')].map((e) => e.text.trim()),
    endpoint: text(p, 'EndpointID'),
    endpointScheme: one(p, 'EndpointID')?.attributes.schemeID,
    contactName: text(p, 'Contact/Name'),
    phone: text(p, 'Contact/Telephone'),
    email: text(p, 'Contact/ElectronicMail'),
    city: text(p, 'PostalAddress/CityName'),
    postalCode: text(p, 'PostalAddress/PostalZone'),
  };
}

function readUbl(root: XmlElement): Omit<Readback, 'currencyIdOn'> {
  const credit = root.local === 'CreditNote';
  const total = one(root, 'LegalMonetaryTotal');
  const amount = (name: string) => optionalCents(text(total, name), name);
  const taxTotal = all(root, 'TaxTotal').find((t) => one(t, 'TaxSubtotal')) ?? one(root, 'TaxTotal');
  return {
    syntax: 'UBL',
    customizationId: text(root, 'CustomizationID'),
    typeCode: text(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'),
    number: text(root, 'ID'),
    issueDate: text(root, 'IssueDate'),
    dueDate: text(root, 'DueDate'),
    currency: text(root, 'DocumentCurrencyCode'),
    buyerReference: text(root, 'BuyerReference'),
    notes: all(root, 'Note').map((n) => n.text.trim()),
    precedingInvoice: text(root, 'BillingReference/InvoiceDocumentReference/ID'),
    deliveryDate: text(root, 'Delivery/ActualDeliveryDate'),
    ...(one(root, 'InvoicePeriod') ? { period: { from: text(root, 'InvoicePeriod/StartDate'), to: text(root, 'InvoicePeriod/EndDate') } } : {}),
    seller: ublParty(one(root, 'AccountingSupplierParty/Party')),
    buyer: ublParty(one(root, 'AccountingCustomerParty/Party')),
    paymentMeans: all(root, 'PaymentMeans').map((m) => ({
      code: text(m, 'PaymentMeansCode'),
      iban: text(m, 'PayeeFinancialAccount/ID'),
      bic: text(m, 'PayeeFinancialAccount/FinancialInstitutionBranch/ID'),
    })),
    paymentReference: text(root, 'PaymentMeans/PaymentID'),
    paymentTerms: one(root, 'PaymentTerms/Note')?.text,
    lines: all(root, credit ? 'CreditNoteLine' : 'InvoiceLine').map((l) => ({
      id: text(l, 'ID'),
      name: text(l, 'Item/Name'),
      quantity: text(l, credit ? 'CreditedQuantity' : 'InvoicedQuantity'),
      unit: one(l, credit ? 'CreditedQuantity' : 'InvoicedQuantity')?.attributes.unitCode,
      net: cents(text(l, 'LineExtensionAmount'), 'LineExtensionAmount'),
      price: text(l, 'Price/PriceAmount'),
      baseQuantity: text(l, 'Price/BaseQuantity'),
      category: text(l, 'Item/ClassifiedTaxCategory/ID'),
      rate: text(l, 'Item/ClassifiedTaxCategory/Percent'),
      allowancesCharges: all(l, 'AllowanceCharge').map(ublAllowanceCharge),
    })),
    allowancesCharges: all(root, 'AllowanceCharge').map(ublAllowanceCharge),
    breakdown: all(taxTotal, 'TaxSubtotal').map((b) => ({
      category: text(b, 'TaxCategory/ID'),
      rate: text(b, 'TaxCategory/Percent'),
      taxable: cents(text(b, 'TaxableAmount'), 'TaxableAmount'),
      tax: cents(text(b, 'TaxAmount'), 'TaxAmount'),
      exemptionCode: text(b, 'TaxCategory/TaxExemptionReasonCode'),
      exemptionReason: text(b, 'TaxCategory/TaxExemptionReason'),
    })),
    totals: {
      lineTotal: amount('LineExtensionAmount'),
      allowanceTotal: amount('AllowanceTotalAmount'),
      chargeTotal: amount('ChargeTotalAmount'),
      taxExclusive: amount('TaxExclusiveAmount'),
      vatTotal: optionalCents(text(taxTotal, 'TaxAmount'), 'TaxAmount'),
      taxInclusive: amount('TaxInclusiveAmount'),
      prepaid: amount('PrepaidAmount'),
      rounding: amount('PayableRoundingAmount'),
      amountDue: amount('PayableAmount'),
    },
  };
}
