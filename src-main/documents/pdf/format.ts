/**
 * Numbers and dates as printed on documents: German (de-DE) or British English (en-GB) style,
 * built from integer cents and exact decimal strings with string arithmetic only, so no binary
 * floating point ever touches an amount.
 */
export type DocLanguage = 'de' | 'en';

const SEPARATORS: Record<DocLanguage, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** An exact decimal string ("-1234.5") in local style ("-1.234,5"), optionally padded to `minFraction` digits. */
export function formatDecimal(value: string, language: DocLanguage, minFraction = 0): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`Not a decimal number: ${JSON.stringify(value)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const { group, decimal } = SEPARATORS[language];
  const digits = fraction.padEnd(minFraction, '0');
  const intPart = groupThousands(whole.replace(/^0+(?=\d)/, ''), group);
  const isZero = /^0*$/.test(whole + fraction);
  return `${isZero ? '' : sign}${intPart}${digits ? decimal + digits : ''}`;
}

/** Integer minor units (cents) as a decimal string: 123456 -> "1234.56", -5 -> "-0.05". */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Amount must be an integer of cents, got ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
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
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  if (language === 'de') return `${day}.${month}.${year}`;
  return `${Number(day)}\u00a0${MONTHS_EN[Number(month) - 1]}\u00a0${year}`;
}

/** ISO date in table cells: "02.09.2026" (de) or "02/09/2026" (en-GB). */
export function formatShortDate(iso: string, language: DocLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return language === 'de' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

/** ISO date plus whole days, in UTC so that no time zone or DST shifts the day. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Skonto (cash discount) from the amount due, exactly: `percent` of `amountDue` cents, rounded
 * half away from zero to whole cents (kaufmännische Rundung), with BigInt arithmetic.
 */
export function skontoOf(amountDue: number, percent: string): { discount: number; payable: number } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent.trim());
  if (!match || !Number.isSafeInteger(amountDue)) throw new Error(`Bad skonto input: ${amountDue}, ${JSON.stringify(percent)}`);
  const fraction = match[2] ?? '';
  const numerator = BigInt(amountDue) * BigInt(`${match[1]}${fraction}`);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  const discount = Number(numerator < 0n ? -rounded : rounded);
  return { discount, payable: amountDue - discount };
}
