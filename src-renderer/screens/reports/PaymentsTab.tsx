import { useTranslation } from 'react-i18next';
import type { ReportTable } from '../../../src-shared/contract/report-table.js';
import type { PaymentsReport } from '../../../src-shared/contract/reports.js';
import { useFormat } from '../../state/hooks.js';
import { textOfKey } from '../../translate.js';
import { Toolbar } from '../../ui/controls.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, PeriodFilter, useCustomerCaption } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { dsoNeedsHint } from './report-format.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

/** Zahlungen of a period: by method and customer, the invoices they settled, days-to-pay and DSO with its formula. */
export function PaymentsTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const input = { from: filters.period.from, to: filters.period.to, customerId: filters.customerId || undefined };
  const report = useReport('reports.payments', input);
  const data = report.data;
  const caption = useCustomerCaption(data?.table.title, filters.customerId);
  return (
    <>
      <Toolbar>
        <PeriodFilter value={filters.period} errors={report.errors} onChange={(period) => onFilters({ ...filters, period })} />
        <CustomerFilter customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <div className="toolbar-actions">
          <ExportButtons report="payments" params={input} disabled={!data} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {data && (
        <>
          <Dso report={data} />
          <ReportTableView table={data.table} caption={caption} />
          <div className="report-side-by-side">
            <ReportTableView table={byMethodTable(data)} />
            <ReportTableView table={byCustomerTable(data)} />
          </div>
        </>
      )}
    </>
  );
}

/** DSO overall with the formula it follows, and how days-to-pay is averaged. */
function Dso({ report }: { report: PaymentsReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const days = report.dso === null ? t('reportsScreen.payments.noDso') : t('reportsScreen.payments.dsoDays', { days: new Intl.NumberFormat(f.language.startsWith('de') ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(report.dso) });
  return (
    <div className="report-figures">
      <p>
        <strong>{t('reportsScreen.payments.dso')}</strong> {days}
      </p>
      <p className="hint">
        {textOfKey(t, report.dsoFormula)}{' '}
        {t('reportsScreen.payments.dsoValues', { receivables: f.money(report.receivablesAtEnd, report.currency), revenue: f.money(report.revenue, report.currency), days: report.days })}
      </p>
      {/* Receivables far above the period's revenue (a short or quiet period) make a DSO of many times the period's days. */}
      {dsoNeedsHint(report.dso, report.days) && <p className="notice notice-warning">{t('reportsScreen.payments.dsoSmallRevenue')}</p>}
      <p className="hint">{textOfKey(t, report.daysToPayNote)}</p>
    </div>
  );
}

/** Text cells that are i18n keys (the method's name) are put into words by the table view. */
function byMethodTable(report: PaymentsReport): ReportTable {
  return {
    title: 'reportsScreen.payments.byMethod',
    currency: report.currency,
    columns: [
      { key: 'label', label: 'reportsScreen.payments.method', type: 'text' },
      { key: 'count', label: 'reportsScreen.payments.count', type: 'number' },
      { key: 'amount', label: 'reportsScreen.payments.amount', type: 'money' },
    ],
    rows: report.byMethod.map((m) => ({ label: m.label || `paymentMethod.${m.key}`, count: m.count, amount: m.amount })),
    totals: { count: report.byMethod.reduce((sum, m) => sum + m.count, 0), amount: report.total },
  };
}

function byCustomerTable(report: PaymentsReport): ReportTable {
  return {
    title: 'reportsScreen.payments.byCustomer',
    currency: report.currency,
    columns: [
      { key: 'customerName', label: 'reportsScreen.payments.customer', type: 'text' },
      { key: 'count', label: 'reportsScreen.payments.count', type: 'number' },
      { key: 'amount', label: 'reportsScreen.payments.amount', type: 'money' },
      { key: 'daysToPay', label: 'reportsScreen.payments.daysToPay', type: 'days' },
      { key: 'daysLate', label: 'reportsScreen.payments.daysLate', type: 'days' },
      { key: 'dso', label: 'reportsScreen.payments.customerDso', type: 'days' },
    ],
    rows: report.byCustomer.map((c) => ({ customerName: c.customerName, count: c.count, amount: c.amount, daysToPay: c.daysToPay, daysLate: c.daysLate, dso: c.dso })),
  };
}
