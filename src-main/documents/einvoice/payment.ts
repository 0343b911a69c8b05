/** Payment instructions (BG-16) and payment terms (BT-20) of an e-invoice. */
import type { Invoice } from '@e-invoice-eu/core';
import type { InvoiceView, PartySnapshot } from '../../../src-shared/contract/views.js';
import { parseDecimal } from '../../../src-shared/money/decimal.js';
import { normalizeIban } from '../../../src-shared/validation/iban.js';
import { EInvoiceDataError } from './errors.js';

type PaymentMeans = NonNullable<Invoice['ubl:Invoice']['cac:PaymentMeans']>[number];

/**
 * BG-16 (XRechnung BR-DE-1 requires it). SEPA credit transfer to the seller's IBAN for an
 * invoice. Code 30/58 would need an account (BR-61, BR-DE-23-a), so without an IBAN the means
 * are "1" (not defined). A credit note is paid by the seller: its IBAN would point the money
 * the wrong way, so credit notes carry "1" as well and say how in BT-20.
 */
export function paymentMeans(view: InvoiceView, seller: PartySnapshot): PaymentMeans {
  const iban = normalizeIban(seller.iban ?? '');
  if (view.documentType === 'creditNote' || !iban) return { 'cbc:PaymentMeansCode': '1' };
  return {
    'cbc:PaymentMeansCode': '58',
    'cbc:PaymentID': view.number,
    'cac:PayeeFinancialAccount': {
      'cbc:ID': iban,
      'cbc:Name': seller.name,
      ...(seller.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': seller.bic.replace(/\s+/g, '').toUpperCase() } } : {}),
    },
  };
}

/** BT-20 in the document's language; Skonto in XRechnung's machine-readable line (BR-DE-18). */
export function paymentTerms(view: InvoiceView): string {
  const de = view.language === 'de';
  const date = (iso: string) => (de ? iso.split('-').reverse().join('.') : iso);
  if (view.documentType === 'creditNote') {
    const ref = view.correctsNumber ? (de ? ` zur Rechnung ${view.correctsNumber}` : ` for invoice ${view.correctsNumber}`) : '';
    return de ? `Gutschrift${ref}; der Betrag wird Ihnen erstattet oder verrechnet.` : `Credit note${ref}; the amount will be refunded or set off.`;
  }
  const due = view.paymentTermsDays === 0 ? (de ? 'Zahlbar sofort ohne Abzug.' : 'Payable immediately without deduction.') : de ? `Zahlbar ohne Abzug bis ${date(view.dueDate)}.` : `Payable without deduction by ${view.dueDate}.`;
  if (!view.skonto) return due;
  const percent = parseDecimal(view.skonto.percent);
  if (percent.decimalPlaces() > 2) {
    throw new EInvoiceDataError('skonto.percent', `E-invoice for ${view.number}: skonto.percent ${view.skonto.percent} has more than two decimals; XRechnung's #SKONTO# line (BR-DE-18) takes exactly two (payment terms BT-20)`);
  }
  const shown = de ? percent.toFixed(2).replace('.', ',') : percent.toFixed(2);
  const text = de ? `Bei Zahlung innerhalb von ${view.skonto.days} Tagen ${shown} % Skonto.` : `${shown} % discount for payment within ${view.skonto.days} days.`;
  // The Skonto line must end with a line break (XRechnung, chapter "Skonto").
  return `${due} ${text}\n#SKONTO#TAGE=${view.skonto.days}#PROZENT=${percent.toFixed(2)}#\n`;
}
