import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, api } from '../../state/app.js';
import { useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { download } from '../invoices/DocumentsPanel.js';
import { ExportButtons } from './ExportButtons.js';
import { CustomerFilter, PeriodFilter } from './filters.js';
import { ReportStatus } from './ReportStatus.js';
import { ReportTableView } from './ReportTableView.js';
import type { TabProps } from './ReportsScreen.js';
import { useReport } from './useReport.js';

/** Kontoauszug of one customer over a period: on screen, as a letter (PDF) and by mail through the outbox. */
export function StatementTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  // Mailing goes through the outbox as sales correspondence: roles that may not send it do not see the button.
  const maySend = usePermissions().sales;
  const [busy, setBusy] = useState<'pdf' | 'mail' | null>(null);
  // Sending asks first, naming the customer's invoice addresses and the period.
  const [confirm, setConfirm] = useState<{ recipients: string[] } | null>(null);
  const input = filters.customerId ? { customerId: filters.customerId, from: filters.period.from, to: filters.period.to } : null;
  const report = useReport('reports.statement', input);
  const data = report.data;
  const pdf = async () => {
    if (!input) return;
    setBusy('pdf');
    const r = await api().invoke('reports.statementPdf', input);
    setBusy(null);
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };
  const askToMail = async () => {
    if (!input) return;
    setBusy('mail');
    const r = await api().invoke('customers.get', { id: input.customerId });
    setBusy(null);
    if (r.ok) setConfirm({ recipients: r.value.invoiceEmails.filter(Boolean) });
    else showError(r.error);
  };
  const mail = async () => {
    if (!input) return;
    setConfirm(null);
    setBusy('mail');
    const r = await api().invoke('reports.mailStatement', input);
    setBusy(null);
    if (r.ok) toast('success', t('reportsScreen.statement.mailed'));
    else showError(r.error);
  };
  return (
    <>
      <Toolbar>
        <CustomerFilter required customerId={filters.customerId} error={report.errors.customerId} onChange={(customerId) => onFilters({ ...filters, customerId })} />
        <PeriodFilter value={filters.period} errors={report.errors} onChange={(period) => onFilters({ ...filters, period })} />
        <div className="toolbar-actions">
          <ExportButtons report="statement" params={input} disabled={!data} formats={['csv', 'xlsx']} />
          <Button busy={busy === 'pdf'} disabled={!data} onClick={() => void pdf()}>
            {t('reportsScreen.statement.pdf')}
          </Button>
          {maySend && (
            <Button kind="primary" busy={busy === 'mail'} disabled={!data} onClick={() => void askToMail()}>
              {t('reportsScreen.statement.mail')}
            </Button>
          )}
        </div>
      </Toolbar>
      {!input ? (
        <EmptyState title={t('reportsScreen.tab.statement')} text={t('reportsScreen.statement.chooseCustomer')} />
      ) : (
        <ReportStatus loading={report.loading} error={report.error} />
      )}
      {data && (
        <>
          <p className="report-summary">
            {t('reportsScreen.statement.summary', {
              customer: `${data.customerNumber} – ${data.customerName}`,
              from: f.date(data.from),
              to: f.date(data.to),
              opening: f.money(data.opening, data.currency),
              closing: f.money(data.closing, data.currency),
            })}
          </p>
          <ReportTableView table={data.table} />
        </>
      )}
      {confirm && data && (
        <Dialog open title={t('reportsScreen.statement.confirmTitle')} onClose={() => setConfirm(null)}>
          <p>
            {confirm.recipients.length > 0
              ? t('reportsScreen.statement.confirmText', { customer: `${data.customerNumber} – ${data.customerName}`, recipients: confirm.recipients.join(', '), from: f.date(data.from), to: f.date(data.to) })
              : t('reportsScreen.statement.noRecipient', { customer: `${data.customerNumber} – ${data.customerName}` })}
          </p>
          <div className="form-actions">
            <Button onClick={() => setConfirm(null)}>{t('reportsScreen.statement.cancel')}</Button>
            {confirm.recipients.length > 0 && (
              <Button kind="primary" onClick={() => void mail()}>
                {t('reportsScreen.statement.send')}
              </Button>
            )}
          </div>
        </Dialog>
      )}
    </>
  );
}
