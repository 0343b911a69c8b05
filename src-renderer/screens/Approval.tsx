import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalItem, CompanyProfile } from '../../src-shared/contract/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { api, useApp } from '../state/app.js';
import { useDataChanged, useErrorToast, useFormat, usePermissions } from '../state/hooks.js';
import { Button } from '../ui/controls.js';
import { EmptyState } from '../ui/feedback.js';
import { Table } from '../ui/Table.js';
import { documentLabel } from './invoices/labels.js';
import { RejectDialog } from './invoices/RejectDialog.js';
import { refusalText } from './invoices/series-date.js';
import { useRiskReason } from './reminders/RiskPanel.js';

/** Submitted documents with the customer's credit situation; approve or reject with a reason. */
export function Approval() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const { toast, open } = useApp();
  const showError = useErrorToast();
  const [items, setItems] = useState<ApprovalItem[] | null>(null);
  const [rejecting, setRejecting] = useState<ApprovalItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [company, setCompany] = useState<CompanyProfile | null>(null);
  const reasonText = useRiskReason();

  const load = useCallback(async () => {
    const [result, profile] = await Promise.all([api().invoke('approval.queue', {}), api().invoke('settings.getCompany', {})]);
    if (result.ok) setItems(result.value);
    else showError(result.error);
    if (profile.ok) setCompany(profile.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useDataChanged(['invoices', 'customers', 'settings'], () => void load());

  const approve = async (item: ApprovalItem) => {
    setBusy(item.id);
    // With risk reasons shown, pressing "approve despite the risk" is the supervisor's confirmation.
    const result = await api().invoke('invoices.approve', { id: item.id, acknowledgedRisks: item.approvalReasons.map((r) => r.key) });
    setBusy(null);
    if (!result.ok) {
      if (result.error.code === 'SERIES_DATE_BACKWARDS') toast('error', refusalText(t, f.date, result.error));
      else showError(result.error);
    } else toast('success', t('approval.approved', { document: documentLabel(t, item) }));
    await load();
  };

  const money = (minor: number | null, currency: string) => (minor === null ? t('approval.noLimit') : f.money(minor, currency));
  return (
    <section aria-labelledby="approval-title">
      <h1 id="approval-title">{t('approval.title')}</h1>
      <p className="field-hint">{t('approval.intro')}</p>
      {/* What the approver sees here is what is issued: a later change sends the documents back to approval. */}
      {company && (
        <p className="field-hint approval-bank">
          {company.iban
            ? t('approval.bankDetails', { details: [company.bankName, `IBAN ${formatIban(company.iban)}`, company.bic ? `BIC ${company.bic}` : ''].filter(Boolean).join(' · ') })
            : t('approval.noBankDetails')}
        </p>
      )}
      {items && items.length === 0 ? (
        <EmptyState title={t('approval.title')} text={t('approval.empty')} />
      ) : (
        // Many columns: cells sit closer so that the actions fit 1280 px; what is wider scrolls in its own box.
        <div className="table-scroll compact-table">
          <Table
            caption={t('approval.title')}
            rows={items ?? []}
            rowKey={(i) => i.id}
            columns={[
              {
                key: 'document',
                header: t('approval.document'),
                cell: (i) => (
                  <button type="button" className="link-button" onClick={() => open('invoices', i.id)}>
                    {documentLabel(t, i)}
                  </button>
                ),
              },
              { key: 'customer', header: t('approval.customer'), cell: (i) => i.customerName, breakAnywhere: true },
              { key: 'creator', header: t('approval.creator'), cell: (i) => i.createdByName },
              { key: 'amount', header: t('approval.amount'), cell: (i) => f.money(i.grossAmount, i.currency), numeric: true },
              { key: 'limit', header: t('approval.creditLimit'), cell: (i) => money(i.creditLimit, i.currency), numeric: true },
              { key: 'exposure', header: t('approval.exposure'), cell: (i) => f.money(i.exposure, i.currency), numeric: true },
              {
                key: 'left',
                header: t('approval.creditLeft'),
                numeric: true,
                cell: (i) => <span className={i.creditLeft !== null && i.creditLeft < 0 ? 'negative credit-exceeded' : undefined}>{money(i.creditLeft, i.currency)}</span>,
              },
              {
                key: 'risk',
                header: t('approval.risk'),
                cell: (i) => (
                  <span>
                    <strong className={`risk risk-${i.riskClass}`}>{t(`risk.class.${i.riskClass}`)}</strong>
                    {i.approvalReasons.length > 0 && (
                      <ul className="risk-reasons">
                        {i.approvalReasons.map((r) => (
                          <li key={r.key}>{reasonText(r, i.currency)}</li>
                        ))}
                      </ul>
                    )}
                  </span>
                ),
              },
              {
                key: 'dates',
                header: t('approval.dates'),
                // The dates printed on the document: approved as shown (without a date, it is the day of issue).
                cell: (i) => (
                  <span className="approval-dates">
                    {i.issueDate ? t('approval.issueDate', { date: f.date(i.issueDate) }) : t('approval.issueDateOnIssue')}{' '}
                    <br />
                    <small>{t('approval.dueDate', { date: f.date(i.dueDate) })}</small>
                  </span>
                ),
              },
              {
                key: 'actions',
                header: t('list.actions'),
                cell: (i) =>
                  i.mayApprove ? (
                    <span className="row-actions">
                      <Button kind="primary" busy={busy === i.id} onClick={() => void approve(i)}>
                        {i.approvalReasons.length ? t('approval.approveRisk') : t('invoices.approve')}
                      </Button>
                      <Button kind="danger" disabled={busy === i.id} onClick={() => setRejecting(i)}>
                        {t('invoices.reject')}
                      </Button>
                    </span>
                  ) : (
                    <small className="why-not">{may.approve ? t('approval.whyNotOwn') : t('approval.whyNotRole')}</small>
                  ),
              },
            ]}
          />
        </div>
      )}
      {rejecting && (
        <RejectDialog
          invoiceId={rejecting.id}
          label={documentLabel(t, rejecting)}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            void load();
          }}
        />
      )}
    </section>
  );
}
