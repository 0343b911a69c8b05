/**
 * How a report cell reads on screen: one function per column type, in the UI language, so that
 * every report shows its figures alike. Money cells are integer cents (formatted exactly, never
 * through a float), dates ISO days, percentages plain numbers (12.5 → 12,5 %).
 */
import type { ReportCell, ReportColumnType } from '../../../src-shared/contract/report-table.js';
import { formatDate, formatMoney } from '../../format.js';

const NUMERIC: ReadonlySet<ReportColumnType> = new Set(['money', 'number', 'percent', 'days']);

/** Whether a column of `type` is a figure (right-aligned, sorted by value). */
export const isNumericColumn = (type: ReportColumnType): boolean => NUMERIC.has(type);

const localeOf = (language: string) => (language.startsWith('de') ? 'de-DE' : 'en-GB');

/**
 * `cell` of a column of `type` as text in `language`; empty cells stay empty. `text` turns a
 * text cell that is an i18n key into its words (names and numbers come back as they are).
 */
export function formatReportCell(cell: ReportCell, type: ReportColumnType, currency: string, language: string, text: (value: string) => string = (v) => v): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'string') return type === 'date' ? formatDate(cell, language) : text(cell);
  switch (type) {
    case 'money':
      return formatMoney(cell, currency, language);
    case 'percent':
      return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit: 'percent', maximumFractionDigits: 1 }).format(cell);
    case 'days':
      return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(cell);
    case 'number':
      return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 4 }).format(cell);
    default:
      return String(cell);
  }
}

/**
 * A period bucket of the sales reports in words: `2026-10` → "Okt. 2026" / "Oct 2026",
 * `2026-Q4` → "Q4 2026"; a year and anything else stay as they are. (The exports keep ISO.)
 */
export function periodBucketLabel(cell: string, language: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(cell);
  if (month) return new Intl.DateTimeFormat(localeOf(language), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(cell);
  return quarter ? `Q${quarter[2]} ${quarter[1]}` : cell;
}

/**
 * Whether a DSO needs the hint that the period's revenue is small against the receivables: more
 * than three times the period's days (2.167 days over a 31-day month).
 */
export const dsoNeedsHint = (dso: number | null, days: number): boolean => dso !== null && dso > 3 * days;

/** Order of two cells of one column: figures by value, dates by day, texts alphabetically; empty cells last. */
export function compareReportCells(a: ReportCell, b: ReportCell, language: string): number {
  const emptyA = a === null || a === '';
  const emptyB = b === null || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), localeOf(language), { numeric: true });
}
