/**
 * What every export of a report table shares: the headings and the title in the reader's
 * language, and the totals row as one more row with its label in the first text column.
 */
import type { ReportCell, ReportColumn, ReportRow, ReportTable } from '../../../src-shared/contract/index.js';
import { translate, translateKnown, type Language } from '../../../src-shared/i18n/index.js';

/** The table's words (title, headings) in `language`; a heading that is no i18n key stays as it is. */
export function labelsOf(table: ReportTable, language: Language): { title: string; headings: string[] } {
  return { title: translateKnown(language, table.title), headings: table.columns.map((c) => translateKnown(language, c.label)) };
}

/**
 * The totals as a row to print under the others: "Summe" in the first text column that has no
 * total of its own (the first column when every column has one), unless a text column already
 * carries the table's own label; null where there is nothing.
 */
export function totalsRow(table: ReportTable, language: Language): ReportRow | null {
  if (!table.totals) return null;
  const row: ReportRow = {};
  for (const column of table.columns) row[column.key] = table.totals[column.key] ?? null;
  // A table whose totals bring their own label (the open items' "Gesamtsumme") keeps that one only.
  if (table.columns.some((c) => c.type === 'text' && typeof row[c.key] === 'string' && row[c.key] !== '')) return row;
  const labelColumn = table.columns.find((c) => c.type === 'text' && (row[c.key] === null || row[c.key] === '')) ?? table.columns[0];
  if (labelColumn && (row[labelColumn.key] === null || row[labelColumn.key] === '')) row[labelColumn.key] = translate(language, 'reportExport.total');
  return row;
}

/** A cell as a number when its column holds numbers; a text that is no number is left as text. */
export function numberOf(cell: ReportCell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return null;
}

export const isNumeric = (column: ReportColumn) => column.type !== 'text' && column.type !== 'date';

/** The file name of an export: the report's title in the reader's language and the day, e.g. `Offene-Posten_2026-11-27.csv`. */
export function exportFileName(title: string, day: string, extension: string): string {
  const stem = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${stem || 'Report'}_${day}.${extension}`;
}
