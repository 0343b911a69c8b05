import { useTranslation } from 'react-i18next';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, useCustomerCaption, DayFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

/** Überfällige Rechnungen as of a day, with dunning level and the last letter sent. */
export function OverdueTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const input = { asOf: filters.asOf || undefined, customerId: filters.customerId || undefined };
  const report = useReport('reports.overdue', input);
  const caption = useCustomerCaption(report.data?.table.title, filters.customerId);
  return (
    <>
      <Toolbar>
        <DayFilter name="asOf" label={t('reportsScreen.asOf')} value={filters.asOf} error={report.errors.asOf} onChange={(asOf) => onFilters({ ...filters, asOf })} />
        <CustomerFilter customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <div className="toolbar-actions">
          <ExportButtons report="overdue" params={input} disabled={!report.data} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {report.data && <ReportTableView table={report.data.table} caption={caption} emptyText={t('reportsScreen.overdue.none')} />}
    </>
  );
}
