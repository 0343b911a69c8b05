import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, CustomerView, OrderView } from '../../../src-shared/contract/index.js';
import { useCompanyCurrency } from '../../editor/catalog.js';
import { CustomerPicker } from '../../editor/CustomerPicker.js';
import { DocumentLinesEditor } from '../../editor/DocumentLinesEditor.js';
import { adjustmentInputs, adjustmentOf, editorLineOf, lineInputs, newLine, NO_ADJUSTMENT, type Adjustment, type EditorLine } from '../../editor/lines.js';
import { LinesTable } from '../../editor/LinesTable.js';
import { todayIso } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, FormSection, TextAreaField, TextField } from '../../ui/controls.js';
import { StatusChip } from '../../ui/StatusChip.js';
import { CancelOrderDialog } from './CancelOrderDialog.js';
import { TotalsPanel } from '../../ui/TotalsPanel.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';

type Shortage = { sku: string; available: string; requested: string };

function shortagesOf(error: AppErrorValue): Shortage[] {
  const list = Array.isArray(error.details?.products) ? (error.details.products as Record<string, unknown>[]) : [];
  return list.map((p) => ({ sku: String(p.sku ?? ''), available: String(p.available ?? ''), requested: String(p.requested ?? '') }));
}

/** A new or draft order is edited with live totals; confirmed orders are shown with their actions. */
export function OrderEditor({ orderId, onClose }: { orderId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const { toast, open } = useApp();
  const showError = useErrorToast();
  const companyCurrency = useCompanyCurrency();
  const [order, setOrder] = useState<OrderView | null>(null);
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [orderDate, setOrderDate] = useState(todayIso());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<EditorLine[]>(() => [newLine()]);
  const [adjustment, setAdjustment] = useState<Adjustment>(NO_ADJUSTMENT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [shortages, setShortages] = useState<Shortage[]>([]);
  const [busy, setBusy] = useState(false);

  const show = useCallback((view: OrderView) => {
    setOrder(view);
    setOrderDate(view.orderDate);
    setReference(view.customerReference);
    setNote(view.note);
    setLines(view.lines.map((line) => editorLineOf(line, f.language)));
    setAdjustment(adjustmentOf(view.allowancesCharges, f.language));
  }, [f.language]);

  useEffect(() => {
    if (!orderId) return;
    void (async () => {
      const result = await api().invoke('orders.get', { id: orderId });
      if (!result.ok) return showError(result.error);
      show(result.value);
      const c = await api().invoke('customers.get', { id: result.value.customerId });
      if (c.ok) setCustomer(c.value);
    })();
  }, [orderId, show]);

  const editable = may.sales && (!order || order.status === 'draft');
  const currency = order?.currency ?? companyCurrency;

  const save = async (): Promise<OrderView | null> => {
    const result = await api().invoke('orders.save', {
      ...(order ? { id: order.id } : {}),
      customerId: customer?.id ?? '',
      orderDate,
      customerReference: reference,
      note,
      lines: lineInputs(lines, f.language),
      allowancesCharges: adjustmentInputs(adjustment, f.language),
    });
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', result.error.code === 'VALIDATION_FAILED' ? t('settings.fixErrors') : t(`errors.${result.error.code}`));
      return null;
    }
    setErrors({});
    show(result.value);
    return result.value;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await save();
      if (saved) toast('success', t('orders.saved', { number: saved.number }));
    });
  };

  const confirm = () =>
    run(async () => {
      setShortages([]);
      const saved = editable ? await save() : order;
      if (!saved) return;
      const result = await api().invoke('orders.confirm', { id: saved.id });
      if (!result.ok) {
        if (result.error.code === 'INSUFFICIENT_STOCK') setShortages(shortagesOf(result.error));
        return showError(result.error);
      }
      show(result.value);
      toast('success', t('orders.confirmed', { number: result.value.number }));
    });

  const [cancelling, setCancelling] = useState(false);
  const cancelled = (view: OrderView) => {
    setCancelling(false);
    show(view);
    toast('info', t('orders.cancelled', { number: view.number }));
  };

  const createInvoice = () =>
    run(async () => {
      if (!order) return;
      const result = await api().invoke('invoices.createFromOrders', { orderIds: [order.id] });
      if (!result.ok) return showError(result.error);
      toast('success', t('orders.invoiceCreated', { number: order.number }));
      open('invoices', result.value.id);
    });

  const title = order ? t('orders.editTitle', { number: order.number }) : t('orders.newTitle');
  return (
    <form ref={formRef} className="record-form" onSubmit={onSave} noValidate aria-label={title}>
      <div className="record-head">
        <Button kind="ghost" onClick={onClose}>
          ‹ {t('list.back')}
        </Button>
        <h1>{title}</h1>
        {order && <StatusChip of="order" status={order.status} />}
      </div>
      {order?.cancelReason && <p className="notice">{t('orders.cancelledBecause', { reason: order.cancelReason })}</p>}
      {cancelling && order && <CancelOrderDialog order={order} onClose={() => setCancelling(false)} onCancelled={cancelled} />}
      {shortages.length > 0 && (
        <div className="alert" role="alert">
          <strong>{t('orders.shortageTitle')}</strong>
          <ul>
            {shortages.map((s) => (
              <li key={s.sku}>{t('orders.shortage', { sku: s.sku, available: f.decimal(s.available), requested: f.decimal(s.requested) })}</li>
            ))}
          </ul>
        </div>
      )}
      {editable ? (
        <>
          <FormSection title={t('orders.headSection')}>
            <CustomerPicker customer={customer} onChange={setCustomer} error={errors.customerId} />
            <TextField name="orderDate" type="date" label={t('orders.date')} required value={orderDate} error={errors.orderDate} onChange={setOrderDate} />
            <TextField name="customerReference" label={t('orders.customerReference')} value={reference} error={errors.customerReference} onChange={setReference} />
            <TextAreaField name="note" label={t('orders.note')} value={note} error={errors.note} onChange={setNote} rows={2} />
          </FormSection>
          <DocumentLinesEditor currency={currency} customer={customer} lines={lines} onLines={setLines} adjustment={adjustment} onAdjustment={setAdjustment} errors={errors} />
        </>
      ) : (
        order && (
          <>
            <p className="notice">{t('orders.readOnly')}</p>
            <dl className="facts">
              <dt>{t('orders.customer')}</dt>
              <dd>{order.customerName}</dd>
              <dt>{t('orders.date')}</dt>
              <dd>{f.date(order.orderDate)}</dd>
              {order.customerReference && (
                <>
                  <dt>{t('orders.customerReference')}</dt>
                  <dd>{order.customerReference}</dd>
                </>
              )}
            </dl>
            <LinesTable lines={order.lines} totals={order.totals} currency={order.currency} />
            <section className="totals-box" aria-label={t('totals.title')}>
              <TotalsPanel totals={order.totals} currency={order.currency} />
            </section>
          </>
        )
      )}
      <div className="form-actions">
        {editable && (
          <Button type="submit" busy={busy} shortcut="save">
            {t('orders.save')}
          </Button>
        )}
        {editable && (
          <Button kind="primary" busy={busy} onClick={() => void confirm()}>
            {t('orders.confirm')}
          </Button>
        )}
        {may.sales && order && (order.status === 'draft' || order.status === 'confirmed') && (
          <Button kind="danger" busy={busy} onClick={() => setCancelling(true)}>
            {t('orders.cancelOrder')}
          </Button>
        )}
        {may.books && order?.status === 'confirmed' && (
          <Button kind="primary" busy={busy} onClick={() => void createInvoice()}>
            {t('orders.createInvoice')}
          </Button>
        )}
      </div>
    </form>
  );
}
