/**
 * Numbers and dates as printed on documents (invoices, letters, receipts, mails): German (de-DE)
 * or British English (en-GB) style, built from integer cents and exact decimal strings with string
 * arithmetic only. Plain spaces, no Intl: a printed document reads the same on every machine.
 */
import { isoDateParts } from '../dates.js';
import { centsToDecimal, decimalParts, groupThousands } from './exact.js';

export type DocLanguage = 'de' | 'en';

const SEPARATORS: Record<DocLanguage, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** An exact decimal string ("-1234.5") in local style ("-1.234,5"), optionally padded to `minFraction` digits. */
export function formatDecimal(value: string, language: DocLanguage, minFraction = 0): string {
  const parts = decimalParts(value.trim());
  if (!parts) throw new Error(`Not a decimal number: ${JSON.stringify(value)}`);
  const { group, decimal } = SEPARATORS[language];
  const digits = parts.fraction.padEnd(minFraction, '0');
  return `${parts.negative ? '-' : ''}${groupThousands(parts.units, group)}${digits ? decimal + digits : ''}`;
}

function withCurrency(amount: string, currency: string, language: DocLanguage): string {
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  if (language === 'de') return `${amount} ${currency === 'EUR' ? '€' : currency}`;
  const symbol = currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : currency === 'USD' ? '$' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${digits}`;
}

/** Cents as money: de "1.234,56 €", en "€1,234.56". */
export function formatMoney(cents: number, currency: string, language: DocLanguage): string {
  return withCurrency(formatDecimal(centsToDecimal(cents), language, 2), currency, language);
}

/** A decimal price string ("18.9", "0.125") as money with at least two decimals. */
export function formatPrice(value: string, currency: string, language: DocLanguage): string {
  return withCurrency(formatDecimal(value, language, 2), currency, language);
}

/** A percentage ("19", "2.5") as "19 %" / "2,5 %". */
export function formatPercent(value: string, language: DocLanguage): string {
  return `${formatDecimal(value, language)} %`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ISO date "2026-11-27" as "27.11.2026" (de) or "27 November 2026" (en, with no-break spaces: a date never wraps). */
export function formatDate(iso: string, language: DocLanguage): string {
  const date = isoDateParts(iso);
  if (!date) return iso;
  if (language === 'de') return `${date.day}.${date.month}.${date.year}`;
  return `${Number(date.day)}\u00a0${MONTHS_EN[Number(date.month) - 1]}\u00a0${date.year}`;
}

const MONTHS_DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** ISO month "2026-12" as "Dezember 2026" (de) or "December 2026" (en). */
export function formatMonth(month: string, language: DocLanguage): string {
  const [year, number] = month.split('-');
  const name = (language === 'de' ? MONTHS_DE : MONTHS_EN)[Number(number) - 1];
  return year && name ? `${name}\u00a0${year}` : month;
}

/** ISO date in table cells: "02.09.2026" (de) or "02/09/2026" (en-GB). */
export function formatShortDate(iso: string, language: DocLanguage): string {
  const date = isoDateParts(iso);
  if (!date) return iso;
  return language === 'de' ? `${date.day}.${date.month}.${date.year}` : `${date.day}/${date.month}/${date.year}`;
}
