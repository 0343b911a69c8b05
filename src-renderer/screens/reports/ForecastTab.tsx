import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../state/app.js';
import { CheckboxField, SelectField, Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { DayFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

const WEEKS = [1, 2, 4, 8, 12, 26];

/** Liquiditätsvorschau: expected receipts by week from the due dates, optionally shifted by each customer's lateness. */
export function ForecastTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  // A link may ask for a number of weeks ("due this week" on the Übersicht: one).
  const [weeks, setWeeks] = useState(() => {
    const asked = Number(useApp.getState().screenParams('reports').weeks);
    return WEEKS.includes(asked) ? asked : 12;
  });
  const [shiftByLateness, setShift] = useState(false);
  // "Due this week" on the Übersicht leaves the overdue invoices out, so its figure is the first week's.
  const [withOverdue, setWithOverdue] = useState(() => useApp.getState().screenParams('reports').withOverdue !== 'false');
  const input = { from: filters.asOf || undefined, weeks, shiftByLateness, withOverdue };
  const report = useReport('reports.forecast', input);
  return (
    <>
      <Toolbar>
        <DayFilter name="from" label={t('reportsScreen.forecast.from')} value={filters.asOf} error={report.errors.from} onChange={(asOf) => onFilters({ ...filters, asOf })} />
        <SelectField name="weeks" label={t('reportsScreen.forecast.weeks')} value={String(weeks)} error={report.errors.weeks} onChange={(v) => setWeeks(Number(v))} options={WEEKS.map((w) => ({ value: String(w), label: t('reportsScreen.forecast.weekCount', { count: w }) }))} />
        <CheckboxField name="shiftByLateness" label={t('reportsScreen.forecast.shift')} checked={shiftByLateness} onChange={setShift} />
        <CheckboxField name="withOverdue" label={t('reportsScreen.forecast.withOverdue')} checked={withOverdue} onChange={setWithOverdue} />
        <div className="toolbar-actions">
          <ExportButtons report="forecast" params={input} disabled={!report.data} />
        </div>
      </Toolbar>
      <p className="hint">
        {t(shiftByLateness ? 'reportsScreen.forecast.shiftedNote' : 'reportsScreen.forecast.dueNote')}
        {!withOverdue && ` ${t('reportsScreen.forecast.withoutOverdueNote')}`}
      </p>
      <ReportStatus loading={report.loading} error={report.error} />
      {report.data && <ReportTableView table={report.data.table} />}
    </>
  );
}
