/**
 * Numbers as people type them on screens, and the display formatting every screen uses (its
 * home is src-shared/format/screen.ts, next to the printed style of documents).
 */
import { MAX_AMOUNT, MAX_DECIMALS, MAX_QUANTITY } from '../src-shared/contract/bounds.js';
import { centsToDecimal, splitMinorUnits } from '../src-shared/format/exact.js';
import { formatDecimalText } from '../src-shared/format/screen.js';
import { Decimal } from '../src-shared/money/decimal.js';

export { formatDate, formatDateTime, formatDecimalText, formatMoney, formatPrice } from '../src-shared/format/screen.js';
export { splitMinorUnits };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** A typed amount, quantity or percentage as an exact decimal string (`"1.249,50"` → `"1249.50"`), or undefined. */
export function parseDecimalInput(text: string, language = 'de'): string | undefined {
  const read = readNumber(text, language);
  return read.ok && read.value !== '' ? read.value : undefined;
}

/** Today in the local time zone as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Money in cents as the decimal text an input shows and the contract accepts (`1990` → `19.90`). */
export const minorToDecimalText: (minor: number) => string = centsToDecimal;

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
