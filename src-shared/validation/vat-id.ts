/**
 * Format check of EU VAT identification numbers (USt-IdNr.). Checks the country's pattern and,
 * for Germany, the check digit (ISO 7064 MOD 11,10). It does not ask the EU's VIES service,
 * which needs the network; a number can be well-formed yet not issued.
 */
const PATTERNS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  EL: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  XI: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** The example a form shows: well-formed, with a valid German check digit (DE123456789 has none). */
export const VAT_ID_EXAMPLE = 'DE123456788';

export function normalizeVatId(input: string): string {
  return input.replace(/[\s.-]/g, '').toUpperCase();
}

export type VatIdProblem = 'country' | 'format' | 'checksum';

export function vatIdProblem(input: string): VatIdProblem | undefined {
  const id = normalizeVatId(input);
  const pattern = PATTERNS[id.slice(0, 2)];
  if (!pattern) return 'country';
  if (!pattern.test(id)) return 'format';
  if (id.startsWith('DE') && !germanCheckDigitOk(id.slice(2))) return 'checksum';
  return undefined;
}

/** ISO 7064 MOD 11,10 over the first eight digits gives the ninth. */
function germanCheckDigitOk(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < 8; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return check === Number(digits[8]);
}
