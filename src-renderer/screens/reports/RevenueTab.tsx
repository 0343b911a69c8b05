import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVENUE_GROUPINGS, REVENUE_PERIODS, type RevenueGrouping, type RevenuePeriod } from '../../../src-shared/contract/reports-sales.js';
import { textOfKey } from '../../translate.js';
import { SelectField, Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, useCustomerCaption, PeriodFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

const BASES = ['soll', 'ist'] as const;

/** Umsatz by month, quarter or year, by customer or product, Soll or Ist, with the year before and the change. */
export function RevenueTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<RevenuePeriod>('month');
  const [by, setBy] = useState<RevenueGrouping>('none');
  const [basis, setBasis] = useState<(typeof BASES)[number]>('soll');
  const input = { from: filters.period.from, to: filters.period.to, period, by, basis, customerId: filters.customerId || undefined };
  const report = useReport('reports.revenue', input);
  const caption = useCustomerCaption(report.data?.table.title, filters.customerId);
  return (
    <>
      <Toolbar>
        <PeriodFilter value={filters.period} errors={report.errors} onChange={(p) => onFilters({ ...filters, period: p })} />
        <CustomerFilter customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <SelectField name="grouping" label={t('reportsScreen.revenue.grouping')} value={period} onChange={(v) => setPeriod(v as typeof period)} options={REVENUE_PERIODS.map((p) => ({ value: p, label: t(`reportsScreen.revenue.period.${p}`) }))} />
        <SelectField name="by" label={t('reportsScreen.revenue.by')} value={by} onChange={(v) => setBy(v as typeof by)} options={REVENUE_GROUPINGS.map((b) => ({ value: b, label: t(`reportsScreen.revenue.byOption.${b}`) }))} />
        <SelectField name="basis" label={t('reportsScreen.revenue.basis')} value={basis} onChange={(v) => setBasis(v as typeof basis)} options={BASES.map((b) => ({ value: b, label: t(`reportsScreen.revenue.basisOption.${b}`) }))} />
        <div className="toolbar-actions">
          <ExportButtons report="revenue" params={input} disabled={!report.data} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {report.data && (
        <>
          <p className="hint">
            {t('reportsScreen.revenue.note')} {textOfKey(t, report.data.ruleNote)}
          </p>
          {report.data.otherCurrencies.length > 0 && (
            <p className="notice notice-warning">{t('reportsScreen.otherCurrencies', { list: report.data.otherCurrencies.map((c) => `${c.count} × ${c.currency}`).join(', ') })}</p>
          )}
          <ReportTableView table={report.data.table} caption={caption} />
          <p className="hint">{t('reportsScreen.revenue.withoutCash')}</p>
        </>
      )}
    </>
  );
}
