/**
 * Display formatting in the UI language. Money arrives as integer cents and is never turned
 * into a binary floating point number: the cents are split into euro and cent digits as
 * strings, the euro digits go through Intl as a BigInt (grouping), the cent digits are put
 * into the fraction slot of the currency pattern.
 */

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** `1234` → `{ negative: false, units: '12', fraction: '34' }`, by string operations only. */
export function splitMinorUnits(minor: number | bigint, fractionDigits = 2): { negative: boolean; units: string; fraction: string } {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new Error(`Minor units must be a safe integer, got ${minor}`);
  const text = String(minor);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(fractionDigits + 1, '0');
  const units = digits.slice(0, digits.length - fractionDigits).replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits === 0 ? '' : digits.slice(digits.length - fractionDigits);
  return { negative: negative && /[1-9]/.test(digits), units, fraction };
}

/** The integer digits `units` grouped the way the language groups them (`1234567` → `1.234.567`). */
function groupedParts(units: string, locale: string): Intl.NumberFormatPart[] {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).formatToParts(BigInt(units)).filter((p) => p.type === 'integer' || p.type === 'group');
}

/** Fills a template formatted from ±1 with the real integer digits and fraction. */
function fill(template: Intl.NumberFormatPart[], units: string, fraction: string, locale: string): string {
  return template
    .flatMap((part) => (part.type === 'integer' ? groupedParts(units, locale) : part.type === 'fraction' ? [{ ...part, value: fraction }] : [part]))
    .map((part) => part.value)
    .join('');
}

/** `formatMoney(123456, 'EUR', 'de')` → `1.234,56 €`; `'en'` → `€1,234.56`. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const { negative, units, fraction } = splitMinorUnits(minor);
  const template = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).formatToParts(negative ? -1n : 1n);
  return fill(template, units, fraction, language);
}

/**
 * A unit price given as an exact decimal string (`"18.9"` → `18,90 €`): at least two decimals,
 * more when the price has them (`"0.125"` → `0,125 €`). Text that is not a decimal stays as is.
 */
export function formatPrice(text: string, currency: string, language: string): string {
  if (!DECIMAL_TEXT.test(text)) return text;
  const negative = text.startsWith('-') && /[1-9]/.test(text);
  const [units = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const template = new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).formatToParts(negative ? -1n : 1n);
  return fill(template, units.replace(/^0+(?=\d)/, ''), fraction.padEnd(2, '0'), language);
}

/**
 * An exact decimal string such as a quantity, a rate or a percentage (`"2.5"` → `2,5` in German),
 * keeping every given decimal. Text that is not a plain decimal is returned unchanged.
 */
export function formatDecimalText(text: string, language: string): string {
  if (!DECIMAL_TEXT.test(text)) return text;
  const negative = text.startsWith('-') && /[1-9]/.test(text);
  const [units = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const template = new Intl.NumberFormat(language, { minimumFractionDigits: fraction ? 1 : 0 }).formatToParts(negative ? -1n : 1n);
  return fill(template, units.replace(/^0+(?=\d)/, ''), fraction, language);
}

/** A typed amount, quantity or percentage as an exact decimal string (`"18,90"` → `"18.90"`), or undefined. */
export function parseDecimalInput(text: string): string | undefined {
  const value = text.trim().replace(',', '.');
  return DECIMAL_TEXT.test(value) ? value : undefined;
}

/** `2026-11-27` → `27.11.2026` (de) or `11/27/2026` (en); empty stays empty. */
export function formatDate(isoDate: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** Today in the local time zone as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Money in cents as the decimal text an input shows and the contract accepts (`1990` → `19.90`). */
export function minorToDecimalText(minor: number): string {
  const { negative, units, fraction } = splitMinorUnits(minor);
  return `${negative ? '-' : ''}${units}.${fraction}`;
}
