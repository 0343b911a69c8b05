import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { LinesTable } from '../../editor/LinesTable.js';
import { api } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { StatusChip } from '../../ui/StatusChip.js';
import { Table } from '../../ui/Table.js';
import { textOfKey } from '../../translate.js';
import { TotalsPanel } from '../../ui/TotalsPanel.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { EInvoicePanel } from './EInvoicePanel.js';
import { PaymentStatePanel } from './PaymentStatePanel.js';
import { InvoiceDunningPanel } from '../reminders/InvoiceDunningPanel.js';
import { InvoiceActions } from './InvoiceActions.js';
import { documentLabel } from './labels.js';

type Props = { id: string; onClose(): void; onEdit(id: string): void; onOpen(id: string): void };

/** One invoice or credit note as it will be (or was) issued, with the steps it can take next. */
export function InvoiceDetail({ id, onClose, onEdit, onOpen }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [invoice, setInvoice] = useState<InvoiceView | null>(null);
  const [orderNumbers, setOrderNumbers] = useState<string[]>([]);

  const load = useCallback(async () => {
    const result = await api().invoke('invoices.get', { id });
    if (result.ok) setInvoice(result.value);
    else showError(result.error);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useDataChanged(['invoices'], () => void load());

  // The view names its orders by id only; their numbers are what people recognise.
  const orderKey = invoice?.documentType === 'invoice' ? invoice.orderIds.join(',') : '';
  useEffect(() => {
    if (!orderKey) return setOrderNumbers([]);
    let stale = false;
    void Promise.all(orderKey.split(',').slice(0, 20).map((orderId) => api().invoke('orders.get', { id: orderId }))).then((results) => {
      if (!stale) setOrderNumbers(results.flatMap((r) => (r.ok ? [r.value.number] : [])));
    });
    return () => {
      stale = true;
    };
  }, [orderKey]);

  if (!invoice) return <p>{t('common.loading')}</p>;
  const money = (minor: number) => f.money(minor, invoice.currency);
  const note = invoice.note;
  const title = documentLabel(t, invoice);

  return (
    <article className="invoice-detail" aria-label={title}>
      <div className="record-head">
        <Button kind="ghost" onClick={onClose}>
          ‹ {t('list.back')}
        </Button>
        <h1>{title}</h1>
        <StatusChip of="invoice" status={invoice.status} />
      </div>
      <div className="invoice-head">
        <dl className="facts">
          <dt>{t('invoices.customer')}</dt>
          <dd>
            {invoice.customerName}
            {invoice.buyer?.customerNumber ? ` (${invoice.buyer.customerNumber})` : ''}
          </dd>
          {invoice.correctsNumber && (
            <>
              <dt>{t('invoices.correctsLabel')}</dt>
              <dd>{t('invoices.corrects', { number: invoice.correctsNumber })}</dd>
            </>
          )}
          {orderNumbers.length > 0 && (
            <>
              <dt>{t('orders.title')}</dt>
              <dd>{orderNumbers.join(', ')}</dd>
            </>
          )}
        </dl>
        <dl className="facts">
          <dt>{t('invoices.issueDate')}</dt>
          <dd>{invoice.issueDate ? f.date(invoice.issueDate) : t('invoices.notYetIssued')}</dd>
          {invoice.supplyDate && (
            <>
              <dt>{t('invoices.supplyDate')}</dt>
              <dd>{f.date(invoice.supplyDate)}</dd>
            </>
          )}
          <dt>{t('invoices.dueDate')}</dt>
          <dd>{f.date(invoice.dueDate)}</dd>
          <dt>{t('invoices.paymentTermsLabel')}</dt>
          <dd>
            {t('invoices.paymentTerms', { days: invoice.paymentTermsDays })}
            {invoice.skonto ? ` · ${t('invoices.skonto', { percent: f.decimal(invoice.skonto.percent), days: invoice.skonto.days })}` : ''}
          </dd>
        </dl>
      </div>
      <InvoiceActions invoice={invoice} onChanged={() => void load()} onEdit={() => onEdit(invoice.id)} onOpen={onOpen} />
      {(invoice.status === 'issued' || invoice.status === 'sent') && <DocumentsPanel invoice={invoice} />}
      {(invoice.status === 'issued' || invoice.status === 'sent') && <EInvoicePanel invoice={invoice} />}
      {(invoice.status === 'issued' || invoice.status === 'sent') && invoice.documentType === 'invoice' && <PaymentStatePanel invoice={invoice} />}
      {(invoice.status === 'issued' || invoice.status === 'sent') && invoice.documentType === 'invoice' && <InvoiceDunningPanel invoice={invoice} />}

      <h2>{t('invoices.lines')}</h2>
      <LinesTable lines={invoice.lines} totals={invoice.totals} currency={invoice.currency} />

      <div className="invoice-sums">
        <section aria-label={t('invoices.vatBreakdown')}>
          <h2>{t('invoices.vatBreakdown')}</h2>
          <Table
            caption={t('invoices.vatBreakdown')}
            rows={invoice.totals.vatBreakdown}
            rowKey={(b) => `${b.category}-${b.rate}`}
            columns={[
              { key: 'category', header: t('invoices.category'), cell: (b) => `${t(`vatCategory.${b.category}`)} (${b.category})` },
              { key: 'rate', header: t('invoices.rate'), cell: (b) => `${f.decimal(b.rate)} %`, numeric: true },
              { key: 'taxable', header: t('invoices.taxable'), cell: (b) => money(b.taxableAmount), numeric: true },
              { key: 'tax', header: t('invoices.tax'), cell: (b) => money(b.taxAmount), numeric: true },
              ...(invoice.totals.vatBreakdown.some((b) => b.exemptionReason) ? [{ key: 'reason', header: t('invoices.exemptionReason'), cell: (b: (typeof invoice.totals.vatBreakdown)[number]) => b.exemptionReason ?? '' }] : []),
            ]}
          />
        </section>
        <section className="totals-box" aria-label={t('totals.title')}>
          <h2>{t('totals.title')}</h2>
          <TotalsPanel totals={invoice.totals} currency={invoice.currency} showDue />
        </section>
      </div>

      {invoice.legalNotes.length > 0 && (
        <section aria-label={t('invoices.legalNotes')}>
          <h2>{t('invoices.legalNotes')}</h2>
          <ul className="legal-notes">
            {invoice.legalNotes.map((key) => (
              <li key={key}>{textOfKey(t, key)}</li>
            ))}
          </ul>
        </section>
      )}
      {note && (
        <section aria-label={t('invoices.note')}>
          <h2>{t('invoices.note')}</h2>
          <p className="document-note">{note}</p>
        </section>
      )}
    </article>
  );
}
