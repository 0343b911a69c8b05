/**
 * The exact parts of a number as text, shared by every formatter (screens and printed documents):
 * integer minor units (cents) and decimal strings are split with string operations only, so no
 * binary floating point ever touches an amount.
 */
export type DecimalParts = { negative: boolean; units: string; fraction: string };

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `1234` → `{ negative: false, units: '12', fraction: '34' }`; -0 has no sign. */
export function splitMinorUnits(minor: number | bigint, fractionDigits = 2): DecimalParts {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new Error(`Minor units must be a safe integer, got ${minor}`);
  const text = String(minor);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(fractionDigits + 1, '0');
  const units = digits.slice(0, digits.length - fractionDigits).replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits === 0 ? '' : digits.slice(digits.length - fractionDigits);
  return { negative: negative && /[1-9]/.test(digits), units, fraction };
}

/** Integer minor units (cents) as a decimal string: 123456 → "1234.56", -5 → "-0.05". */
export function centsToDecimal(cents: number | bigint): string {
  const { negative, units, fraction } = splitMinorUnits(cents);
  return `${negative ? '-' : ''}${units}.${fraction}`;
}

/** A plain decimal string ("-0012.50") in parts (`-`, "12", "50"), or undefined when it is none. */
export function decimalParts(text: string): DecimalParts | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  return { negative: sign === '-' && /[1-9]/.test(whole + fraction), units: whole.replace(/^0+(?=\d)/, ''), fraction };
}

/** Integer digits grouped in threes: ("1234567", ".") → "1.234.567". */
export function groupThousands(units: string, separator: string): string {
  return units.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
