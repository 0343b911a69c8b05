/**
 * IBAN check per ISO 13616: a known country code, that country's length (SWIFT IBAN registry),
 * and the check digits (ISO 7064 MOD 97-10) computed digit by digit on small integers, so no
 * number ever grows past what an integer holds exactly.
 */

/** IBAN length per country, every SEPA country among them. */
const LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** The IBAN length of a country, or undefined for a country without IBANs. */
export function ibanLength(country: string): number | undefined {
  return LENGTHS[country.toUpperCase()];
}

export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

export function ibanProblem(input: string): IbanProblem | undefined {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]*$/.test(iban)) return 'format';
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected === undefined) return 'country';
  if (iban.length !== expected) return 'length';
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1 ? undefined : 'checksum';
}

/** ISO 7064 MOD 97-10 of digits and letters (A = 10 … Z = 35), one decimal digit at a time. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    if (value >= 10) remainder = (remainder * 10 + Math.trunc(value / 10)) % 97;
    remainder = (remainder * 10 + (value % 10)) % 97;
  }
  return remainder;
}

/** IBAN in groups of four, as printed on invoices. */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})/g, '$1 ').trim();
}

export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * BIC per ISO 9362: bank code (4 letters), country (2 letters), location (2 letters or digits),
 * optionally a branch (3 letters or digits); 8 or 11 characters.
 */
export function bicProblem(input: string): 'format' | undefined {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalizeBic(input)) ? undefined : 'format';
}
