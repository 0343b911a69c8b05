/**
 * Numbers and dates on screens, in the UI language, through Intl with an explicit locale (never
 * the browser's default). Money arrives as integer cents and is never turned into a binary
 * floating point number: the unit digits go through Intl as a BigInt (grouping), the fraction
 * digits are put into the fraction slot of the currency pattern.
 */
import { isoDateParts } from '../dates.js';
import { decimalParts, splitMinorUnits } from './exact.js';

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

function currencyTemplate(currency: string, language: string, negative: boolean): Intl.NumberFormatPart[] {
  return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).formatToParts(negative ? -1n : 1n);
}

/** `formatMoney(123456, 'EUR', 'de')` → `1.234,56 €`; `'en'` → `€1,234.56`. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const { negative, units, fraction } = splitMinorUnits(minor);
  return fill(currencyTemplate(currency, language, negative), units, fraction, language);
}

/**
 * A unit price given as an exact decimal string (`"18.9"` → `18,90 €`): at least two decimals,
 * more when the price has them (`"0.125"` → `0,125 €`). Text that is not a decimal stays as is.
 */
export function formatPrice(text: string, currency: string, language: string): string {
  const parts = decimalParts(text);
  if (!parts) return text;
  return fill(currencyTemplate(currency, language, parts.negative), parts.units, parts.fraction.padEnd(2, '0'), language);
}

/**
 * An exact decimal string such as a quantity, a rate or a percentage (`"2.5"` → `2,5` in German),
 * keeping every given decimal. Text that is not a plain decimal is returned unchanged.
 */
export function formatDecimalText(text: string, language: string): string {
  const parts = decimalParts(text);
  if (!parts) return text;
  const template = new Intl.NumberFormat(language, { minimumFractionDigits: parts.fraction ? 1 : 0 }).formatToParts(parts.negative ? -1n : 1n);
  return fill(template, parts.units, parts.fraction, language);
}

/*
 * One date format per language, on every screen and in every list:
 * - German: 06.12.2026 (day and month with two digits), with time 06.12.2026, 14:30;
 * - English: 6 Dec 2026 (day, abbreviated month, year: the same in every English-speaking
 *   country, never mistaken for 12 June), with time 6 Dec 2026, 14:30.
 */
const DATE_STYLE: Record<'de' | 'en', { locale: string; options: Intl.DateTimeFormatOptions }> = {
  de: { locale: 'de-DE', options: { day: '2-digit', month: '2-digit', year: 'numeric' } },
  en: { locale: 'en-GB', options: { day: 'numeric', month: 'short', year: 'numeric' } },
};
const dateStyleOf = (language: string) => DATE_STYLE[language.startsWith('de') ? 'de' : 'en'];

/** `2026-12-06` (or a timestamp of that day) → `06.12.2026` (de) or `6 Dec 2026` (en); empty stays empty. */
export function formatDate(isoDate: string, language: string): string {
  const parts = isoDateParts(isoDate.slice(0, 10));
  if (!parts) return isoDate;
  const date = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
  const style = dateStyleOf(language);
  return new Intl.DateTimeFormat(style.locale, { ...style.options, timeZone: 'UTC' }).format(date);
}

/** A moment (ISO timestamp) in local time: `06.12.2026, 14:30` (de) or `6 Dec 2026, 14:30` (en). */
export function formatDateTime(isoTimestamp: string, language: string, timeZone?: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  const style = dateStyleOf(language);
  return new Intl.DateTimeFormat(style.locale, { ...style.options, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(date);
}
