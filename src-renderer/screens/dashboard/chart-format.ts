/**
 * How the revenue chart writes its figures: month names and amounts in the UI language through
 * Intl (German: `Nov. 2026`, `1.234,56 €`), exact from integer cents; the axis shows whole
 * currency units when its steps are whole.
 */
import { formatMoney } from '../../format.js';

export const localeOf = (language: string) => (language.startsWith('de') ? 'de-DE' : 'en-GB');

/** `2026-11` → `Nov. 2026` (de, `short`) / `November 2026` (`long`); anything else stays as it is. */
export function monthLabel(month: string, language: string, style: 'short' | 'long' = 'short'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(localeOf(language), { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The month under a bar: `Nov`, with the year below on the first bar and in January (`['Jan', '2026']`). */
export function axisMonthLabel(month: string, first: boolean, language: string): string | [string, string] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const name = new Intl.DateTimeFormat(localeOf(language), { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  return first || match[2] === '01' ? [name, match[1]!] : name;
}

/** An axis tick in cents: `250000` → `2.500 €`; a step below one unit keeps its cents (`0,50 €`). */
export function axisMoney(cents: number, currency: string, language: string): string {
  const whole = Math.round(cents);
  if (whole % 100 !== 0) return formatMoney(whole, currency, language);
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(whole / 100);
}

/** The figures of the chart as one sentence for its text alternative: `Nov. 2026: 1.234,56 €; …`. */
export function chartFigures(months: readonly { month: string; net: number }[], currency: string, language: string): string {
  return months.map((m) => `${monthLabel(m.month, language)}: ${formatMoney(m.net, currency, language)}`).join('; ');
}

/** Whether the user asked the system for less motion (no animation of the chart then). */
export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
