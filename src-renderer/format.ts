/**
 * Display formatting in the UI language. Money arrives as integer cents and is never turned
 * into a binary floating point number: the cents are split into euro and cent digits as
 * strings, the euro digits go through Intl as a BigInt (grouping), the cent digits are put
 * into the fraction slot of the currency pattern.
 */
import { MAX_AMOUNT, MAX_DECIMALS, MAX_QUANTITY } from '../src-shared/contract/bounds.js';
import { Decimal } from '../src-shared/money/decimal.js';

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

/** A typed amount, quantity or percentage as an exact decimal string (`"1.249,50"` → `"1249.50"`), or undefined. */
export function parseDecimalInput(text: string, language = 'de'): string | undefined {
  const read = readNumber(text, language);
  return read.ok && read.value !== '' ? read.value : undefined;
}

/*
 * One date format per language, on every screen and in every list:
 * - German: 06.12.2026 (day and month with two digits), with time 06.12.2026, 14:30;
 * - English: 6 Dec 2026 (day, abbreviated month, year: the same in every English-speaking
 *   country, never mistaken for 12 June), with time 6 Dec 2026, 14:30.
 * Always through Intl with an explicit locale, never the browser's default.
 */
const DATE_STYLE: Record<'de' | 'en', { locale: string; options: Intl.DateTimeFormatOptions }> = {
  de: { locale: 'de-DE', options: { day: '2-digit', month: '2-digit', year: 'numeric' } },
  en: { locale: 'en-GB', options: { day: 'numeric', month: 'short', year: 'numeric' } },
};
const dateStyleOf = (language: string) => DATE_STYLE[language.startsWith('de') ? 'de' : 'en'];

/** `2026-12-06` → `06.12.2026` (de) or `6 Dec 2026` (en); empty stays empty. */
export function formatDate(isoDate: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
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

/*
 * Numbers as people type them. German: decimal comma, thousands dot ("1.249,50"); English:
 * decimal point, thousands comma ("1,249.50"). Spaces and apostrophes also group thousands.
 * What is read:
 * - both "." and "," present: the last one is the decimal separator, the other groups thousands
 *   in threes ("1.249,00", "€1,249.00" in either language);
 * - one separator several times: it groups thousands ("1.000.000");
 * - the language's decimal separator once: decimals ("2,5" de, "2.5" en);
 * - the other separator once: before exactly three digits it groups thousands ("1.000" is one
 *   thousand in German, "1,000" in English), otherwise it is read as decimals ("2.5" in German);
 * - a currency sign or code before or after ("1.249,00 €", "EUR 12"), a leading minus or "−".
 * Anything else is refused with the problem named: a letter, a group that is not three digits,
 * a separator after the decimals. The value is an exact decimal string, never a float.
 */

export type NumberKind = 'money' | 'price' | 'quantity' | 'percent';
export type NumberProblem = 'notANumber' | 'separator' | 'negative' | 'tooManyDecimals' | 'tooLarge';
export type ReadNumber = { ok: true; value: string } | { ok: false; problem: NumberProblem; max?: string };

type KindRule = { decimals: number; max: string };
/** The same bounds as the contract (src-shared/contract/bounds.ts): the screen says so before saving. */
export const NUMBER_RULES: Record<NumberKind, KindRule> = {
  money: { decimals: 2, max: MAX_AMOUNT },
  price: { decimals: MAX_DECIMALS, max: MAX_AMOUNT },
  quantity: { decimals: MAX_DECIMALS, max: MAX_QUANTITY },
  percent: { decimals: 4, max: '100' },
};

const CURRENCY = /^(?:€|EUR|\$|USD|CHF|£|GBP)\s*|\s*(?:€|EUR|\$|USD|CHF|£|GBP)$/i;
const GROUP_SPACES = /[\s\u00a0\u202f']/g;

/** `text` as typed in `language`, read as a plain decimal (`""` for an empty field). */
export function readNumber(text: string, language: string, kind?: NumberKind, options: { negative?: boolean } = {}): ReadNumber {
  let rest = text.trim().replace(/\u2212/g, '-');
  if (rest === '') return { ok: true, value: '' };
  let negative = false;
  for (let i = 0; i < 3; i += 1) {
    const before = rest;
    rest = rest.replace(CURRENCY, '').trim();
    if (/^[-+]/.test(rest)) {
      negative = negative || rest.startsWith('-');
      rest = rest.slice(1).trim();
    }
    if (rest === before) break;
  }
  if (!/^[\d.,\s\u00a0\u202f']+$/.test(rest) || !/\d/.test(rest)) return { ok: false, problem: 'notANumber' };
  const split = splitDecimal(rest.replace(GROUP_SPACES, ' '), language);
  if (!split) return { ok: false, problem: 'separator' };
  const units = split.units.replace(/^0+(?=\d)/, '') || '0';
  const value = `${negative && /[1-9]/.test(units + split.fraction) ? '-' : ''}${units}${split.fraction ? `.${split.fraction}` : ''}`;
  if (!kind) return { ok: true, value };
  const rule = NUMBER_RULES[kind];
  if (value.startsWith('-') && !options.negative) return { ok: false, problem: 'negative' };
  if (split.fraction.length > rule.decimals) return { ok: false, problem: 'tooManyDecimals', max: String(rule.decimals) };
  if (new Decimal(value).abs().gt(rule.max)) return { ok: false, problem: 'tooLarge', max: rule.max };
  return { ok: true, value };
}

/** Integer digits and decimals of a number without sign, or undefined when its separators do not fit. */
function splitDecimal(body: string, language: string): { units: string; fraction: string } | undefined {
  const own = language.startsWith('de') ? ',' : '.';
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const count = body.split(separator).length - 1;
    const threeAfter = /^\d{3}$/.test(body.slice(body.lastIndexOf(separator) + 1));
    decimal = count > 1 ? undefined : separator === own || !threeAfter ? separator : undefined;
  }
  const at = decimal ? body.lastIndexOf(decimal) : -1;
  const whole = at >= 0 ? body.slice(0, at) : body;
  const fraction = at >= 0 ? body.slice(at + 1) : '';
  if (!/^\d*$/.test(fraction)) return undefined;
  const groups = whole.split(/[.,\s]/);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return undefined;
  if (groups.length > 1 && new Set(whole.replace(/\d/g, '')).size > 1) return undefined;
  const units = groups.join('');
  if (units === '' && fraction === '') return undefined;
  return { units: units || '0', fraction };
}

/**
 * A plain decimal as an input shows it in `language`: money with two decimals
 * (`"1249"` → `1.249,00`), prices with at least two, quantities and percentages as they are
 * (`"2.5"` → `2,5`); always grouped, never with a currency sign. Empty stays empty.
 */
export function formatNumberInput(plain: string, language: string, kind: NumberKind): string {
  if (!DECIMAL_TEXT.test(plain)) return plain;
  const [units = '0', fraction = ''] = plain.split('.');
  const decimals = kind === 'money' || kind === 'price' ? fraction.padEnd(2, '0') : fraction;
  return formatDecimalText(decimals ? `${units}.${decimals}` : units, language);
}

/**
 * A number as typed in `language`, as the contract takes it (`"1.249,00"` → `"1249.00"`). Text
 * that does not read goes as typed, so that the main process refuses it naming the field; the
 * bounds are the contract's to check.
 */
export function typedNumber(text: string, language: string): string {
  const read = readNumber(text, language);
  return read.ok ? read.value : text.trim();
}

/** Cents as an input shows them (`124900` → `1.249,00`). */
export function formatMinorInput(minor: number, language: string): string {
  return formatNumberInput(minorToDecimalText(minor), language, 'money');
}
