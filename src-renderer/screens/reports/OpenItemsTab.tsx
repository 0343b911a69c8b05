import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenItemsReport } from '../../../src-shared/contract/reports.js';
import { useFormat } from '../../state/hooks.js';
import { TextField, Toolbar } from '../../ui/controls.js';
import { textOfKey } from '../../translate.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, useCustomerCaption, DayFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

/**
 * "30, 60, 90" → [30, 60, 90]; empty → the report's own buckets (undefined); null when a part is
 * not a whole number of days. Whether they ascend is the report's to check (marked at the field).
 */
export function readBuckets(text: string): number[] | undefined | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.every((p) => /^\d{1,4}$/.test(p)) ? parts.map(Number) : null;
}

/** The upper day bounds of a report's buckets, as the field shows them. */
const boundsText = (report: OpenItemsReport) =>
  report.buckets
    .flatMap((b) => (b.key !== 'notDue' && b.maxDays !== null ? [b.maxDays] : []))
    .join(', ');

/** Offene Posten as of a day, by customer, aged in buckets, with the check against the receivables. */
export function OpenItemsTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const [bucketText, setBucketText] = useState('');
  const buckets = readBuckets(bucketText);
  const input = buckets === null ? null : { asOf: filters.asOf || undefined, customerId: filters.customerId || undefined, buckets };
  const report = useReport('reports.openItems', input);
  const caption = useCustomerCaption(report.data?.table.title, filters.customerId);
  const bucketError = buckets === null ? 'reportsScreen.bucketsInvalid' : report.errors.buckets;
  // The field shows the buckets in use once the first report names them.
  const shown = report.data ? boundsText(report.data) : '';
  const filled = useRef(false);
  useEffect(() => {
    if (!shown || filled.current) return;
    filled.current = true;
    setBucketText((text) => text || shown);
  }, [shown]);
  return (
    <>
      <Toolbar>
        <DayFilter name="asOf" label={t('reportsScreen.asOf')} value={filters.asOf} error={report.errors.asOf} onChange={(asOf) => onFilters({ ...filters, asOf })} />
        <CustomerFilter customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <TextField name="buckets" label={t('reportsScreen.buckets')} hint={t('reportsScreen.bucketsHint')} value={bucketText} error={bucketError} onChange={setBucketText} />
        <div className="toolbar-actions">
          <ExportButtons report="openItems" params={input} disabled={!report.data} />
        </div>
      </Toolbar>
      <ReportStatus loading={report.loading} error={report.error} />
      {report.data && (
        <>
          <CheckLine report={report.data} />
          <AgingSummary report={report.data} />
          <ReportTableView table={report.data.table} caption={caption} />
        </>
      )}
    </>
  );
}

/** The proof that the items add up to the receivables of that day, with ✓ or ✗ in words. */
function CheckLine({ report }: { report: OpenItemsReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { check } = report;
  const money = (cents: number) => f.money(cents, report.currency);
  const values = { date: f.date(report.asOf), items: money(check.itemsTotal), credit: money(check.credit), receivables: money(check.receivables), balance: money(check.balance), difference: money(check.receivables - check.balance) };
  return (
    <p className={`report-check ${check.agrees ? 'report-check-ok' : 'report-check-off'}`} data-testid="receivables-check">
      <strong>{check.agrees ? t('reportsScreen.check.agrees') : t('reportsScreen.check.differs')}</strong> {t(check.agrees ? 'reportsScreen.check.agreesText' : 'reportsScreen.check.differsText', values)}
    </p>
  );
}

function AgingSummary({ report }: { report: OpenItemsReport }) {
  const { t } = useTranslation();
  return (
    <ReportTableView
      caption={t('reportsScreen.aging')}
      table={{
        title: 'reportsScreen.aging',
        currency: report.currency,
        columns: report.buckets.map((b) => ({ key: b.key, label: textOfKey(t, b.label), type: 'money' as const })),
        rows: [Object.fromEntries(report.buckets.map((b) => [b.key, b.amount]))],
      }}
    />
  );
}
