import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, DunningStopView, InvoiceView, ReminderRecordView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useDataChanged, useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, FormSection, TextField } from '../../ui/controls.js';
import { download } from '../invoices/DocumentsPanel.js';
import { ReminderTable } from './RemindersScreen.js';

/** On an issued invoice: its reminders so far, and the dunning stop (dispute, payment plan). */
export function InvoiceDunningPanel({ invoice }: { invoice: InvoiceView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const showError = useErrorToast();
  const [history, setHistory] = useState<ReminderRecordView[]>([]);
  const [stop, setStop] = useState<DunningStopView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const load = useCallback(async () => {
    const [h, s] = await Promise.all([api().invoke('reminders.history', { invoiceId: invoice.id }), api().invoke('reminders.stops', {})]);
    if (h.ok) setHistory(h.value);
    if (s.ok) setStop(s.value.find((x) => x.invoiceId === invoice.id) ?? null);
  }, [invoice.id]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts', 'outbox'], () => void load());

  const setStopped = async (active: boolean) => {
    const r = await api().invoke('reminders.setInvoiceStop', { invoiceId: invoice.id, active, reason: active ? reason : '' });
    if (!r.ok) {
      setError(r.error);
      return showError(r.error);
    }
    setError(null);
    setReason('');
    void load();
  };
  const print = async (id: string) => {
    const r = await api().invoke('reminders.print', { id });
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };

  return (
    <FormSection title={t('reminders.invoicePanel')}>
      {history.length ? <ReminderTable rows={history} onPrint={(id) => void print(id)} caption={t('reminders.invoicePanel')} dates={f} /> : <p>{t('reminders.history.none')}</p>}
      {stop ? (
        <p role="status" className="banner banner-warning">
          {t('reminders.stop.active', { reason: stop.reason, date: f.date(stop.since.slice(0, 10)) })}{' '}
          {may.sales && <Button onClick={() => void setStopped(false)}>{t('reminders.stop.lift')}</Button>}
        </p>
      ) : (
        may.sales && (
          <div className="inline-form">
            <TextField name="reason" label={t('reminders.stop.reason')} value={reason} error={fieldErrors(error).reason} onChange={setReason} />
            <Button onClick={() => void setStopped(true)}>{t('reminders.stop.set')}</Button>
          </div>
        )
      )}
    </FormSection>
  );
}
