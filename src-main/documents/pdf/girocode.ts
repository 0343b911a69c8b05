/**
 * GiroCode: the EPC069-12 "SEPA Credit Transfer" QR payload (version 002, UTF-8) that banking
 * apps read to prefill a transfer. Pure: the caller renders the QR image.
 */
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { centsToDecimal } from '../../../src-shared/format/exact.js';

export type GiroCodeInput = {
  /** Beneficiary BIC; may be empty in version 002 (EEA transfers). */
  bic: string;
  /** Beneficiary name, at most 70 characters (longer names are cut). */
  name: string;
  iban: string;
  /** EUR cents, 1 … 99,999,999,999. */
  amountCents: number;
  /** Unstructured remittance information, at most 140 characters (longer texts are cut). */
  remittance: string;
};

const MAX_AMOUNT_CENTS = 99_999_999_999;

/** Cuts to `max` characters (code points, not UTF-16 units) and trims. */
function cut(text: string, max: number): string {
  return Array.from(text.replace(/[\r\n]+/g, ' ').trim()).slice(0, max).join('').trim();
}

export function girocodePayload(input: GiroCodeInput): string {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 1 || input.amountCents > MAX_AMOUNT_CENTS) {
    throw new Error(`GiroCode amount must be 1 to ${MAX_AMOUNT_CENTS} cents, got ${input.amountCents}`);
  }
  const iban = input.iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw new Error(`GiroCode needs an IBAN, got ${JSON.stringify(input.iban)}`);
  const name = cut(input.name, 70);
  if (!name) throw new Error('GiroCode needs the beneficiary name');
  return [
    'BCD', // service tag
    '002', // version
    '1', // character set: UTF-8
    'SCT', // SEPA credit transfer
    input.bic.replace(/\s+/g, '').toUpperCase(),
    name,
    iban,
    `EUR${centsToDecimal(input.amountCents)}`,
    '', // purpose code
    '', // structured creditor reference
    cut(input.remittance, 140),
  ].join('\n');
}

/**
 * The payload for a document, or null when it gets no GiroCode: only invoices (not credit
 * notes) in EUR with an amount due above zero, from a seller with an IBAN.
 */
export function girocodeFor(view: InvoiceView): string | null {
  const seller = view.seller;
  const amount = view.totals.amountDue;
  if (view.documentType !== 'invoice' || view.currency !== 'EUR' || amount <= 0 || amount > MAX_AMOUNT_CENTS) return null;
  if (!seller?.iban || !seller.name) return null;
  return girocodePayload({ bic: seller.bic ?? '', name: seller.name, iban: seller.iban, amountCents: amount, remittance: view.number });
}
