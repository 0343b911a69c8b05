/**
 * The VAT part of a cash entry's gross amount: the one home of this rule, used by the cash book
 * in the main process (entries, month totals, PDF) and by the entry form, which shows net and VAT
 * while the amount is typed. Integers only, never floats.
 */

/** The VAT contained in `gross` cents at `rate` percent, rounded half up: gross × rate / (100 + rate). */
export function vatOfGross(gross: number, rate: number): number {
  if (rate === 0 || gross === 0) return 0;
  const sign = gross < 0 ? -1 : 1;
  const g = BigInt(Math.abs(gross));
  const r = BigInt(rate);
  const vat = (2n * g * r + (100n + r)) / (2n * (100n + r));
  return sign * Number(vat);
}

/** Net and VAT of a gross amount: net + vat = gross, always. */
export function splitGross(gross: number, rate: number): { net: number; vat: number } {
  const vat = vatOfGross(gross, rate);
  return { net: gross - vat, vat };
}

/**
 * A cash income that settles an invoice (and its reversal, which names the same invoice) carries
 * no VAT of its own: the invoice carries it. Its rate is 0, it adds no VAT line, the VAT summary
 * leaves it out and the entry form offers no rate for it.
 */
export function carriesOwnVat(entry: { invoiceId?: string | undefined }): boolean {
  return !entry.invoiceId;
}
