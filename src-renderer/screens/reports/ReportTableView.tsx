import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportColumn, ReportRow, ReportTable } from '../../../src-shared/contract/report-table.js';
import { textOfKey } from '../../translate.js';
import { compareReportCells, formatReportCell, isNumericColumn, periodBucketLabel } from './report-format.js';

type Sort = { key: string; direction: 'ascending' | 'descending' } | null;

/** A cell drawn differently (a link to the documents behind a figure); `text` is the formatted value. */
export type CellRenderer = (row: ReportRow, text: string) => ReactNode;

/**
 * The one view of every report's table: headings and figures as the report module built them
 * (the exports print the same table), money in the report's currency in the UI language, figures
 * right-aligned, a totals row, sorting by any column on click. `captionHidden`: the caption is
 * for assistive technology only (a dialog already says it as its heading).
 */
export function ReportTableView({ table, caption, captionHidden, cells = {}, emptyText }: { table: ReportTable; caption?: string; captionHidden?: boolean; cells?: Record<string, CellRenderer>; emptyText?: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [sort, setSort] = useState<Sort>(null);
  const text = (value: string) => textOfKey(t, value);
  // The sales reports' period column (`bucket`: 2026-10, 2026-Q4) reads in words, sorted still by its ISO value.
  const format = (row: ReportRow, column: ReportColumn) => {
    const cell = row[column.key] ?? null;
    return column.key === 'bucket' && typeof cell === 'string' ? periodBucketLabel(cell, language) : formatReportCell(cell, column.type, table.currency, language, text);
  };
  const rows = useMemo(() => {
    if (!sort) return table.rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...table.rows].sort((a, b) => sign * compareReportCells(a[sort.key] ?? null, b[sort.key] ?? null, language));
  }, [table.rows, sort, language]);
  const toggle = (key: string) => setSort((s) => (s?.key === key && s.direction === 'ascending' ? { key, direction: 'descending' } : { key, direction: 'ascending' }));
  const title = caption ?? textOfKey(t, table.title);
  const align = (column: ReportColumn) => (isNumericColumn(column.type) ? 'numeric' : undefined);

  return (
    <div className="table-scroll report-table">
      <table className="table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.key} scope="col" className={align(column)} aria-sort={sort?.key === column.key ? sort.direction : undefined}>
                <button type="button" className="sort-button" onClick={() => toggle(column.key)} title={t('reportsScreen.sortBy', { column: textOfKey(t, column.label) })}>
                  {textOfKey(t, column.label)}
                  <span aria-hidden="true" className="sort-mark">
                    {sort?.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length} className="report-empty">
                {emptyText ?? t('reportsScreen.empty')}
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={index} className={row.kind === 'subtotal' ? 'report-subtotal' : undefined}>
              {table.columns.map((column) => {
                const value = format(row, column);
                const render = cells[column.key];
                return (
                  <td key={column.key} className={align(column)}>
                    {render ? render(row, value) : value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {table.totals && rows.length > 0 && <TotalsRow table={table} totals={table.totals} format={format} align={align} />}
      </table>
    </div>
  );
}

function TotalsRow({ table, totals, format, align }: { table: ReportTable; totals: ReportRow; format(row: ReportRow, column: ReportColumn): string; align(column: ReportColumn): string | undefined }) {
  const { t } = useTranslation();
  const [first, ...rest] = table.columns;
  if (!first) return null;
  const firstText = format(totals, first);
  return (
    <tfoot>
      <tr className="report-totals">
        <th scope="row" className={align(first)}>
          {firstText || t('reportsScreen.total')}
        </th>
        {rest.map((column) => (
          <td key={column.key} className={align(column)}>
            {format(totals, column)}
          </td>
        ))}
      </tr>
    </tfoot>
  );
}
