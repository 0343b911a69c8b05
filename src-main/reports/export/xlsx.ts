/**
 * A report table as an Excel workbook (exceljs): one sheet, the headings bold and frozen, typed
 * cells (money as euros with the number format `#,##0.00 "€"`, dates as real dates, text as
 * text, so "00123" keeps its zeros), the totals row bold, widths to fit. Text cells are string
 * cells, never formulas: a text starting with "=" is shown, not evaluated, so nothing needs
 * neutralising here (unlike CSV).
 */
import ExcelJS from 'exceljs';
import type { ReportCell, ReportColumn, ReportTable } from '../../../src-shared/contract/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import { isoDateParts } from '../../../src-shared/dates.js';
import { labelsOf, numberOf, totalsRow } from './cells.js';

/** The number format of a money column: Excel's own grouping and decimal signs, the currency after. */
export function moneyFormat(currency: string): string {
  return `#,##0.00 "${currency === 'EUR' ? '€' : currency}"`;
}

function formatOf(column: ReportColumn, currency: string): string | undefined {
  switch (column.type) {
    case 'money':
      return moneyFormat(currency);
    case 'date':
      return 'dd.mm.yyyy';
    case 'percent':
      return '0.0 "%"';
    case 'days':
      return '0';
    case 'number':
      return '#,##0.##';
    default:
      return undefined;
  }
}

/** A cell's value in the workbook: cents as euros (the one division, for display), ISO days as dates. */
export function xlsxValue(cell: ReportCell, column: ReportColumn): string | number | Date | null {
  if (cell === null || cell === '') return null;
  const number = numberOf(cell);
  if (column.type === 'money') return number === null ? String(cell) : Math.round(number) / 100;
  if (column.type === 'date') {
    const parts = typeof cell === 'string' ? isoDateParts(cell) : undefined;
    return parts ? new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day))) : String(cell);
  }
  if (column.type === 'text') return String(cell);
  return number ?? String(cell);
}

/** Excel refuses sheet names over 31 characters or with any of []:*?/\. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Report';
}

const widthOf = (value: string | number | Date | null, column: ReportColumn): number => {
  if (value === null) return 0;
  if (value instanceof Date) return 10;
  if (typeof value === 'number') return column.type === 'money' ? Math.abs(value).toFixed(2).length + 6 : String(value).length + 2;
  return Math.max(...value.split('\n').map((line) => line.length));
};

export async function tableToXlsx(table: ReportTable, language: Language, meta: { creator: string; created: Date }): Promise<Buffer> {
  const { title, headings } = labelsOf(table, language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  workbook.modified = meta.created;
  workbook.title = title;
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  const totals = totalsRow(table, language);
  const widths = headings.map((h) => h.length);
  const addRow = (cells: Record<string, ReportCell>) => {
    const values = table.columns.map((column) => xlsxValue(cells[column.key] ?? null, column));
    values.forEach((value, i) => (widths[i] = Math.max(widths[i]!, widthOf(value, table.columns[i]!))));
    return sheet.addRow(values);
  };
  for (const row of table.rows) addRow(row);
  if (totals) addRow(totals).font = { bold: true };
  table.columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    const numFmt = formatOf(column, table.currency);
    if (numFmt) sheetColumn.numFmt = numFmt;
    if (column.type !== 'text') sheetColumn.alignment = { horizontal: 'right' };
    sheetColumn.width = Math.min(60, Math.max(8, widths[i]! + 2));
  });
  // The header row keeps its own alignment: headings of number columns stand over their figures.
  header.eachCell((cell, i) => (cell.alignment = { horizontal: table.columns[i - 1]?.type === 'text' ? 'left' : 'right' }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
