/**
 * A report table as CSV for German Excel: `;` between cells, CRLF between rows, UTF-8 with a
 * byte order mark (without it Excel reads the file as Windows-1252 and breaks the umlauts),
 * money as a plain decimal with a comma ("-1234,56": no thousands separator, which Excel's import
 * could take for a decimal point), dates as DD.MM.YYYY.
 *
 * Cells that a spreadsheet would not take as they are written:
 * - Formula injection (OWASP "CSV Injection", ASVS 1.2.10): a text cell whose first character is
 *   = + - @ TAB CR (or NUL) is a formula to Excel and LibreOffice. It gets a single quote in front
 *   ('=SUMME(...)), which keeps the text readable and inert. Numeric cells are never touched: a
 *   negative amount is written by us from a number ("-12,50") and must stay a number.
 * - Leading zeros: Excel turns a cell of digits into a number on opening a CSV, quoted or not, so
 *   a customer number "00123" would become 123. The usual fix, `="00123"`, is a formula, which
 *   this file must never contain, and a CSV has no way to mark a cell as text. Such a cell (digits
 *   with a leading zero, or more digits than Excel keeps exactly, 15) gets the same single quote
 *   as a neutralised formula: Excel shows '00123, the digits stay as written, and one rule (a
 *   leading ' means "text as written") covers both cases. Whoever needs typed cells without the
 *   mark takes the XLSX export, where text cells are text.
 */
import type { ReportCell, ReportColumn, ReportTable } from '../../../src-shared/contract/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import { centsToDecimal } from '../../../src-shared/format/exact.js';
import { isoDateParts } from '../../../src-shared/dates.js';
import { labelsOf, numberOf, totalsRow } from './cells.js';

export const CSV_SEPARATOR = ';';
const BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r\0]/;
/** Digits that Excel would read as a number and so lose: a leading zero, or past 15 digits. */
const FRAGILE_DIGITS = /^(0\d+|\d{16,})$/;

/** A text cell as written to the file: neutralised where Excel would not keep it, quoted where needed. */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) || FRAGILE_DIGITS.test(text.trim()) ? `'${text}` : text;
  return quoted(safe);
}

function quoted(text: string): string {
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A decimal number with a comma: 12.5 → "12,5"; at most `digits` decimals, no thousands separator. */
function decimalComma(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  const trimmed = digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
  return (trimmed === '-0' ? '0' : trimmed).replace('.', ',');
}

/** One cell by its column's type; a cell that is not what its column says is written as text. */
export function csvCell(cell: ReportCell, column: ReportColumn): string {
  if (cell === null || cell === '') return '';
  const number = numberOf(cell);
  switch (column.type) {
    case 'money':
      return number === null ? csvText(String(cell)) : centsToDecimal(Math.round(number)).replace('.', ',');
    case 'number':
    case 'percent':
      return number === null ? csvText(String(cell)) : decimalComma(number, 4);
    case 'days':
      return number === null ? csvText(String(cell)) : decimalComma(number, 1);
    case 'date': {
      const parts = typeof cell === 'string' ? isoDateParts(cell) : undefined;
      return parts ? `${parts.day}.${parts.month}.${parts.year}` : csvText(String(cell));
    }
    default:
      return csvText(String(cell));
  }
}

/** The table as the bytes of a CSV file: BOM, the headings, the rows, the totals row last. */
export function tableToCsv(table: ReportTable, language: Language): Buffer {
  const { headings } = labelsOf(table, language);
  const lines = [headings.map(csvText).join(CSV_SEPARATOR)];
  const totals = totalsRow(table, language);
  for (const row of totals ? [...table.rows, totals] : table.rows) {
    lines.push(table.columns.map((column) => csvCell(row[column.key] ?? null, column)).join(CSV_SEPARATOR));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
