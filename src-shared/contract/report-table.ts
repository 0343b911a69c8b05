/**
 * The table every report result carries, built by the report module itself, so that the screen,
 * the CSV/XLSX exports and the printed PDF show the same figures.
 * Money cells are integer cents in `currency`; dates are ISO `YYYY-MM-DD`; percent cells are
 * percentages as plain numbers (12.5 means 12.5 %); days are whole numbers.
 */

/** How a column's cells are read, formatted and aligned. */
export type ReportColumnType = 'text' | 'money' | 'date' | 'number' | 'percent' | 'days';

export const REPORT_COLUMN_TYPES: readonly ReportColumnType[] = ['text', 'money', 'date', 'number', 'percent', 'days'];

export type ReportColumn = {
  key: string;
  /** i18n key of the column heading. */
  label: string;
  type: ReportColumnType;
};

/** One cell: text, an ISO date, a number (money in integer cents) or empty. */
export type ReportCell = string | number | null;

export type ReportRow = Record<string, ReportCell>;

export type ReportTable = {
  /** i18n key of the report's title. */
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The totals row, keyed like the rows; columns without a total are missing or null. */
  totals?: ReportRow;
  /** ISO 4217 code of the money cells. */
  currency: string;
};
