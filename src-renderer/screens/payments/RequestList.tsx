import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, OpenItemsView, PaymentRequestView } from '../../../src-shared/contract/index.js';
import { formatIban } from '../../../src-shared/validation/iban.js';
import { todayIso } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, SelectField, TextField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { Table } from '../../ui/Table.js';
import { PaymentRequestForm } from './PaymentRequestForm.js';

/**
 * The payments waiting for review (approve or reject; a bank payment to assign to invoices) or,
 * for the cashier, the approved ones to pay. Both show what a decision needs: payee, IBAN, amount,
 * reason, who asked for it and when. New requests are made here too.
 */
export function RequestList({ mode }: { mode: 'review' | 'cashier' }) {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const showError = useErrorToast();
  const [items, setItems] = useState<PaymentRequestView[]>([]);
  const [open, setOpen] = useState<OpenItemsView | null>(null);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [requesting, setRequesting] = useState(false);
  /** The payment the cashier is about to book as paid: asked first. */
  const [paying, setPaying] = useState<PaymentRequestView | null>(null);
  const toast = useApp((s) => s.toast);
  const reasonField = (id: string) => <TextField name={`reason-${id}`} label={t('paymentsScreen.reason')} value={reasons[id] ?? ''} onChange={(v) => setReasons({ ...reasons, [id]: v })} />;
  const load = useCallback(async () => {
    const [r, o] = await Promise.all([api().invoke('paymentRequests.list', { status: mode === 'review' ? 'requested' : 'approved' }), mode === 'review' ? api().invoke('payments.openItems', {}) : Promise.resolve(null)]);
    if (r.ok) setItems(r.value);
    if (o?.ok) setOpen(o.value);
  }, [mode]);
  useEffect(() => void load(), [load]);
  useDataChanged(['paymentRequests', 'facts'], () => void load());
  const run = async (call: Promise<{ ok: boolean; error?: AppErrorValue }>, done?: string) => {
    const r = await call;
    if (!r.ok && r.error) showError(r.error);
    else if (r.ok && done) toast('success', done);
    void load();
  };
  const named = (r: PaymentRequestView) => ({ amount: f.money(r.amount, r.currency), payee: r.counterpartyName, iban: r.counterpartyIban ? formatIban(r.counterpartyIban) : '—' });
  const pay = async (r: PaymentRequestView) => {
    setPaying(null);
    await run(api().invoke('paymentRequests.execute', { id: r.id, executedOn: today }), t('paymentsScreen.paidToast', named(r)));
  };
  const today = todayIso();
  const purposeOf = (r: PaymentRequestView) => [t(`paymentPurpose.${r.purpose}`), r.creditNoteNumber].filter(Boolean).join(' · ');
  return (
    <>
      <Toolbar>
        <div className="toolbar-actions">
          <Button kind="primary" shortcut="new" onClick={() => setRequesting(true)}>
            {t('paymentRequest.new')}
          </Button>
        </div>
      </Toolbar>
      {!items.length ? (
        <EmptyState title={t(`paymentsScreen.tab.${mode}`)} text={t(`paymentsScreen.${mode}Empty`)} />
      ) : (
        <div className="table-scroll compact-table">
          <Table
            caption={t(`paymentsScreen.tab.${mode}`)}
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              { key: 'purpose', header: t('paymentsScreen.purpose'), cell: purposeOf },
              { key: 'party', header: t('paymentRequest.payee'), cell: (r) => r.counterpartyName },
              { key: 'iban', header: t('paymentRequest.iban'), cell: (r) => <span className="iban">{[r.counterpartyIban ? formatIban(r.counterpartyIban) : '', r.counterpartyBic].filter(Boolean).join(' · ')}</span> },
              { key: 'amount', header: t('paymentsScreen.amount'), cell: (r) => f.money(r.amount, r.currency), numeric: true },
              { key: 'reference', header: t('paymentRequest.reason'), cell: (r) => r.reference, breakAnywhere: true },
              { key: 'requested', header: t('paymentRequest.requested'), cell: (r) => t(r.direction === 'incoming' ? 'paymentRequest.receivedByOn' : 'paymentRequest.byOn', { name: r.createdByName, date: f.date(r.createdAt) }) },
              ...(mode === 'cashier' ? [{ key: 'reviewer', header: t('paymentRequest.approvedBy'), cell: (r: PaymentRequestView) => r.reviewerName }] : []),
              {
                key: 'actions',
                header: t('list.actions'),
                cell: (r) =>
                  mode === 'review' ? (
                    <span className="row-actions">
                      {r.direction === 'incoming' && (
                        <SelectField
                          name={`invoice-${r.id}`}
                          label={t('paymentsScreen.invoice')}
                          value={picked[r.id] ?? ''}
                          onChange={(v) => setPicked({ ...picked, [r.id]: v })}
                          options={[{ value: '', label: '—' }, ...(open?.items ?? []).map((i) => ({ value: i.invoiceId, label: `${i.number} · ${i.customerName} · ${f.money(i.open, i.currency)}` }))]}
                        />
                      )}
                      <Button disabled={!may.approve} onClick={() => void run(api().invoke('paymentRequests.approve', { id: r.id, invoiceIds: picked[r.id] ? [picked[r.id]!] : [] }), t('paymentsScreen.approvedToast', named(r)))}>
                        {t('paymentsScreen.approve')}
                      </Button>
                      {reasonField(r.id)}
                      <Button disabled={!may.approve} onClick={() => void run(api().invoke('paymentRequests.reject', { id: r.id, reason: reasons[r.id] ?? '' }))}>
                        {t('paymentsScreen.reject')}
                      </Button>
                    </span>
                  ) : (
                    <span className="row-actions">
                      <Button onClick={() => setPaying(r)}>{t('paymentsScreen.executed')}</Button>
                      {reasonField(r.id)}
                      <Button onClick={() => void run(api().invoke('paymentRequests.execute', { id: r.id, executedOn: today, failed: true, reason: reasons[r.id] ?? '' }))}>
                        {t('paymentsScreen.failed')}
                      </Button>
                    </span>
                  ),
              },
            ]}
          />
        </div>
      )}
      <Dialog open={paying !== null} title={t('paymentsScreen.payTitle')} onClose={() => setPaying(null)}>
        {paying && (
          <div>
            <p>{t('paymentsScreen.payQuestion', named(paying))}</p>
            <div className="form-actions">
              <Button onClick={() => setPaying(null)}>{t('common.cancel')}</Button>
              <Button kind="primary" onClick={() => void pay(paying)}>
                {t('paymentsScreen.payConfirm')}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
      <Dialog open={requesting} title={t('paymentRequest.title')} onClose={() => setRequesting(false)}>
        {requesting && <PaymentRequestForm onDone={() => setRequesting(false)} />}
      </Dialog>
    </>
  );
}
