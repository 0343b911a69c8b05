/**
 * A report table as a printed letter in the company's letterhead (documents' table letter): the
 * title, a line with the period and filters, the table with figures right-aligned and the money
 * columns headed with their currency, the totals row, page numbers in the footer.
 */
import type { PartySnapshot, ReportCell, ReportColumn, ReportTable } from '../../../src-shared/contract/index.js';
import { translate, type Language } from '../../../src-shared/i18n/index.js';
import { formatDecimal, formatShortDate } from '../../../src-shared/format/document.js';
import { centsToDecimal } from '../../../src-shared/format/exact.js';
import type { TableLetter } from '../../documents/index.js';
import { labelsOf, numberOf, totalsRow } from './cells.js';

/** Column widths in points by type; the first text column takes the width that is left and wraps. */
const WIDTH: Record<ReportColumn['type'], number> = { text: 60, money: 44, date: 46, number: 36, percent: 34, days: 30 };

/** About the width of one character of the table's type, in points. */
const CHAR = 4.6;

/** The longest text of a column (its heading too), in characters. */
function longest(table: ReportTable, key: string, heading: string): number {
  let most = heading.length;
  for (const row of table.rows) most = Math.max(most, String(row[key] ?? '').length);
  return most;
}

/** The text column with the longest texts: it takes the width that is left and wraps. */
function widestText(table: ReportTable): number {
  let best = -1;
  let most = -1;
  table.columns.forEach((column, i) => {
    if (column.type !== 'text') return;
    const length = longest(table, column.key, '');
    if (length > most) [best, most] = [i, length];
  });
  return best;
}

/** Another text column: as wide as its longest text (a short code stays narrow), at most the usual width. */
function textWidth(table: ReportTable, column: ReportColumn, heading: string): number {
  return Math.min(WIDTH.text, Math.max(24, Math.ceil(longest(table, column.key, heading) * CHAR)));
}

/** The upright letter's body (165 mm) in points; a table that needs more, with its wrapping column at least 90 pt, is set landscape. */
const UPRIGHT_BODY = 467;
const GUTTER = 4;

const currencySign = (currency: string) => (currency === 'EUR' ? '€' : currency);

/** A number's exact decimal text: at most `digits` decimals, trailing zeros dropped. */
function decimalText(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A cell as printed: money without the sign (the heading names the currency), dates short. */
export function printedCell(cell: ReportCell, column: ReportColumn, language: Language): string {
  if (cell === null || cell === '') return '';
  const number = numberOf(cell);
  if (number === null) return column.type === 'date' && typeof cell === 'string' ? formatShortDate(cell, language) : String(cell);
  switch (column.type) {
    case 'money':
      return formatDecimal(centsToDecimal(Math.round(number)), language, 2);
    case 'percent':
      return `${formatDecimal(decimalText(number, 2), language)} %`;
    case 'number':
      return formatDecimal(decimalText(number, 4), language);
    default:
      return formatDecimal(decimalText(number, 1), language);
  }
}

export type ReportPrint = {
  language: Language;
  seller: PartySnapshot;
  /** ISO day of printing. */
  date: string;
  /** The period and filters, worded. */
  filters: string[];
  /** A sentence printed under the table (worded). */
  note?: string;
};

export function reportLetter(table: ReportTable, print: ReportPrint): TableLetter {
  const { language } = print;
  const { title, headings } = labelsOf(table, language);
  const flexible = widestText(table);
  const columns = table.columns.map((column, i) => ({
    key: column.key,
    label: column.type === 'money' ? `${headings[i]} (${currencySign(table.currency)})` : headings[i]!,
    ...(i === flexible ? {} : { width: column.type === 'text' ? textWidth(table, column, headings[i]!) : WIDTH[column.type] }),
    ...(column.type === 'text' ? {} : { right: true }),
  }));
  const fixed = columns.reduce((sum, c) => sum + ('width' in c ? (c.width ?? 0) : 0), 0) + GUTTER * (columns.length - 1);
  const landscape = fixed + (flexible >= 0 ? 90 : 0) > UPRIGHT_BODY;
  const totals = totalsRow(table, language);
  const rows = [...table.rows, ...(totals ? [totals] : [])].map((row) =>
    Object.fromEntries(table.columns.map((column) => [column.key, printedCell(row[column.key] ?? null, column, language)])),
  );
  return {
    language,
    seller: print.seller,
    buyer: null,
    title,
    date: print.date,
    info: [[translate(language, 'reportExport.created'), formatShortDate(print.date, language)]],
    intro: print.filters.length ? [print.filters.join(' · ')] : [],
    columns,
    rows,
    totals: [],
    note: print.note ?? '',
    landscape,
  };
}
