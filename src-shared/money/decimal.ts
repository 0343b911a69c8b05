/**
 * Exact decimal arithmetic for money, over decimal.js. Money leaves this module either as a
 * Decimal or as an integer of minor units (cents), never as a binary floating point amount.
 * Shared code: no Node or DOM APIs here.
 */
import DecimalJs from 'decimal.js';

/**
 * Our own constructor so that the global decimal.js settings of other code cannot change ours.
 * ROUND_HALF_UP in decimal.js is commercial rounding: half away from zero, so -0.005 -> -0.01.
 * `toString()` never writes exponents ("1e-7"): stored decimals stay plain decimal text.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
export type Decimal = DecimalJs;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const MAX_FRACTION_DIGITS = 20;

/** Strict parse: optional minus, digits, optional dot and digits. No exponent, sign "+", comma or spaces. */
export function parseDecimal(text: string): Decimal {
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    throw new Error(`Not a decimal number: ${JSON.stringify(text)}`);
  }
  return new Decimal(text);
}

/** Strings go through parseDecimal; numbers must be finite (meant for constants such as 100). */
export function dec(value: string | number): Decimal {
  if (typeof value === 'string') return parseDecimal(value);
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return new Decimal(value);
}

/** Rounds half away from zero to `places` decimals. */
export function roundDecimal(value: Decimal, places: number): Decimal {
  checkFractionDigits(places);
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/**
 * Converts to an integer of minor units, e.g. 12.34 -> 1234. Does not round: a value with more
 * than `fractionDigits` decimals throws, so that rounding is always an explicit step.
 */
export function toMinorUnits(value: Decimal, fractionDigits = 2): number {
  checkFractionDigits(fractionDigits);
  const scaled = value.times(new Decimal(10).pow(fractionDigits));
  if (!scaled.isInteger()) {
    throw new Error(`${value.toFixed()} has more than ${fractionDigits} decimal places; round it first`);
  }
  if (scaled.abs().gt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${value.toFixed()} is too large for a safe integer of minor units`);
  }
  const minor = scaled.toNumber();
  return minor === 0 ? 0 : minor; // never -0
}

export function fromMinorUnits(minor: number, fractionDigits = 2): Decimal {
  checkFractionDigits(fractionDigits);
  if (!Number.isSafeInteger(minor)) throw new Error(`Minor units must be a safe integer, got ${minor}`);
  return new Decimal(minor).div(new Decimal(10).pow(fractionDigits));
}

/** Fixed notation rounded half away from zero; a value that rounds to zero prints without a minus sign. */
export function formatDecimal(value: Decimal, places: number): string {
  const rounded = roundDecimal(value, places);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(places);
}

function checkFractionDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > MAX_FRACTION_DIGITS) {
    throw new Error(`fractionDigits must be an integer from 0 to ${MAX_FRACTION_DIGITS}, got ${digits}`);
  }
}
