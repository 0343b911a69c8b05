import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PAYMENT_METHODS,
  type AppErrorValue,
  type OpenItemsView,
  type Page,
  type PaymentView,
} from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useDataChanged, useErrorToast, useFormat } from '../../state/hooks.js';
import { Button, FormSection, SelectField, TextField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { NumberField } from '../../ui/NumberField.js';
import { todayIso, typedNumber } from '../../format.js';
import { Pager } from '../../ui/Pager.js';
import { Table } from '../../ui/Table.js';
import { Tabs } from '../../ui/Tabs.js';
import { download } from '../invoices/DocumentsPanel.js';
import { RequestList } from './RequestList.js';
import { StatementImportPanel } from './StatementImportPanel.js';

type Tab = 'payments' | 'import' | 'review' | 'cashier' | 'openItems';

/** Payments: the list with the entry form, statement import, review queue, cashier list, open items. */
export function PaymentsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('payments');
  const tabs: Tab[] = ['payments', 'import', 'review', 'cashier', 'openItems'];
  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">{t('nav.payments')}</h1>
      <Tabs tabs={tabs.map((name) => ({ id: name, label: t(`paymentsScreen.tab.${name}`) }))} selected={tab} onSelect={setTab}>
        {tab === 'payments' && <PaymentList />}
        {tab === 'import' && <StatementImportPanel />}
        {tab === 'review' && <RequestList mode="review" />}
        {tab === 'cashier' && <RequestList mode="cashier" />}
        {tab === 'openItems' && <OpenItemsPanel />}
      </Tabs>
    </section>
  );
}

function PaymentList() {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<PaymentView> | null>(null);
  const [entering, setEntering] = useState(false);
  const load = useCallback(async () => {
    const r = await api().invoke('payments.list', { page, pageSize: 50 });
    if (r.ok) setData(r.value);
  }, [page]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts'], () => void load());
  // A reversed payment and its reversal name each other: the money went back, nothing waits for allocation.
  const unallocatedText = (p: PaymentView) =>
    p.reversedBy ? t('paymentsScreen.reversedOn', { date: f.date(p.reversedBy.date) }) : p.reverses ? t('paymentsScreen.reversesPayment', { date: f.date(p.reverses.date) }) : p.unallocated ? f.money(p.unallocated, p.currency) : '';
  const receipt = async (id: string) => {
    const r = await api().invoke('payments.receipt', { id });
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };
  return (
    <>
      <Toolbar>
        <div className="toolbar-actions">
          <Button kind="primary" onClick={() => setEntering(true)}>
            {t('paymentsScreen.new')}
          </Button>
        </div>
      </Toolbar>
      {data && data.total === 0 ? (
        <EmptyState title={t('paymentsScreen.tab.payments')} text={t('paymentsScreen.empty')} />
      ) : (
        <Table
          caption={t('paymentsScreen.tab.payments')}
          rows={data?.items ?? []}
          rowKey={(p) => p.id}
          columns={[
            { key: 'date', header: t('paymentsScreen.date'), cell: (p) => f.date(p.date) },
            { key: 'party', header: t('paymentsScreen.counterparty'), cell: (p) => p.customerName || p.counterpartyName },
            { key: 'purpose', header: t('paymentsScreen.purpose'), cell: (p) => t(`paymentPurpose.${p.purpose}`) },
            { key: 'reference', header: t('paymentsScreen.reference'), cell: (p) => p.reference },
            { key: 'invoices', header: t('paymentsScreen.invoices'), cell: (p) => p.allocations.filter((a) => !a.reversed).map((a) => a.invoiceNumber).join(', ') },
            { key: 'amount', header: t('paymentsScreen.amount'), cell: (p) => `${p.direction === 'outgoing' ? '−' : ''}${f.money(p.amount, p.currency)}`, numeric: true },
            { key: 'open', header: t('paymentsScreen.unallocated'), cell: (p) => unallocatedText(p), numeric: true },
            {
              key: 'actions',
              header: t('list.actions'),
              cell: (p) =>
                p.direction === 'incoming' ? (
                  <Button kind="ghost" onClick={() => void receipt(p.id)}>
                    {t('paymentsScreen.receipt')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      <Dialog open={entering} title={t('paymentsScreen.new')} onClose={() => setEntering(false)}>
        {entering && <PaymentForm onDone={() => setEntering(false)} />}
      </Dialog>
    </>
  );
}

function PaymentForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [open, setOpen] = useState<OpenItemsView | null>(null);
  const [values, setValues] = useState({ date: todayIso(), amount: '', method: 'bankTransfer', reference: '', counterpartyName: '', invoiceId: '', skonto: '' });
  const [error, setError] = useState<AppErrorValue | null>(null);
  useEffect(() => {
    void api()
      .invoke('payments.openItems', {})
      .then((r) => r.ok && setOpen(r.value));
  }, []);
  const set = (key: keyof typeof values, value: string) => setValues({ ...values, [key]: value });
  const errors = fieldErrors(error);
  const save = async () => {
    const r = await api().invoke('payments.record', {
      date: values.date,
      amount: typedNumber(values.amount, f.language),
      method: values.method as never,
      reference: values.reference,
      counterpartyName: values.counterpartyName,
      allocations: values.invoiceId ? [{ invoiceId: values.invoiceId, amount: typedNumber(values.amount, f.language), skonto: typedNumber(values.skonto, f.language) || '0' }] : [],
    });
    if (r.ok) {
      toast('success', t('paymentsScreen.recorded'));
      onDone();
    } else setError(r.error);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormSection title={t('paymentsScreen.new')}>
        <TextField name="date" type="date" label={t('paymentsScreen.date')} value={values.date} error={errors.date} onChange={(v) => set('date', v)} />
        <NumberField name="amount" kind="money" label={t('paymentsScreen.amount')} value={values.amount} error={errors.amount ?? errors.allocations} onChange={(v) => set('amount', v)} />
        <SelectField name="method" label={t('paymentsScreen.method')} value={values.method} onChange={(v) => set('method', v)} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))} />
        <TextField name="counterpartyName" label={t('paymentsScreen.counterparty')} value={values.counterpartyName} onChange={(v) => set('counterpartyName', v)} />
        <TextField name="reference" label={t('paymentsScreen.reference')} value={values.reference} onChange={(v) => set('reference', v)} />
        <SelectField
          name="invoiceId"
          label={t('paymentsScreen.invoice')}
          value={values.invoiceId}
          error={errors['allocations.0.invoiceId'] ?? errors['allocations.0.amount']}
          onChange={(v) => set('invoiceId', v)}
          options={[{ value: '', label: t('paymentsScreen.noInvoice') }, ...(open?.items ?? []).map((i) => ({ value: i.invoiceId, label: `${i.number} · ${i.customerName} · ${f.money(i.open, i.currency)}` }))]}
        />
        <NumberField name="skonto" kind="money" label={t('paymentsScreen.skonto')} value={values.skonto} error={errors['allocations.0.skonto']} onChange={(v) => set('skonto', v)} />
      </FormSection>
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit">
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

function OpenItemsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const [data, setData] = useState<OpenItemsView | null>(null);
  const load = useCallback(async () => {
    const r = await api().invoke('payments.openItems', {});
    if (r.ok) setData(r.value);
  }, []);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts', 'invoices'], () => void load());
  if (!data) return null;
  const buckets = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'over90'] as const;
  return (
    <>
      <table className="aging">
        <caption>{t('paymentsScreen.aging')}</caption>
        <thead>
          <tr>
            {buckets.map((b) => (
              <th key={b} scope="col">
                {t(`paymentsScreen.bucket.${b}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {buckets.map((b) => (
              <td key={b} className="numeric">
                {f.money(data.aging[b])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {data.items.length === 0 ? (
        <EmptyState title={t('paymentsScreen.tab.openItems')} text={t('paymentsScreen.openEmpty')} />
      ) : (
        <Table
          caption={t('paymentsScreen.tab.openItems')}
          rows={data.items}
          rowKey={(i) => i.invoiceId}
          columns={[
            { key: 'number', header: t('paymentsScreen.invoice'), cell: (i) => i.number },
            { key: 'customer', header: t('paymentsScreen.counterparty'), cell: (i) => i.customerName },
            { key: 'due', header: t('paymentsScreen.dueDate'), cell: (i) => f.date(i.dueDate) },
            { key: 'state', header: t('paymentsScreen.state'), cell: (i) => `${t(`paymentState.${i.state}`)}${i.overdue ? ` · ${t('paymentsScreen.daysOverdue', { days: i.daysOverdue })}` : ''}` },
            { key: 'due-amount', header: t('paymentsScreen.amountDue'), cell: (i) => f.money(i.amountDue, i.currency), numeric: true },
            { key: 'open', header: t('paymentsScreen.open'), cell: (i) => f.money(i.open, i.currency), numeric: true },
          ]}
        />
      )}
      <p className="hint">{t('paymentsScreen.balance', { balance: f.money(data.balance), credit: f.money(data.credit) })}</p>
      <p>
        <button type="button" className="link-button" onClick={() => useApp.getState().go('reports', { tab: 'openItems' })}>
          {t('reportsScreen.openItemsReport')}
        </button>
      </p>
    </>
  );
}
