import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { Button, TextAreaField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';

/** Send a submitted document back with a reason the creator reads. */
export function RejectDialog({ invoiceId, label, onClose, onDone }: { invoiceId: string; label: string; onClose(): void; onDone(view: InvoiceView): void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('invoices.reject', { id: invoiceId, reason });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrors(result.error).reason);
      if (result.error.code !== 'VALIDATION_FAILED') toast('error', t(`errors.${result.error.code}`));
      return;
    }
    toast('info', t('approval.rejected', { document: label }));
    onDone(result.value);
  };

  return (
    <Dialog open title={t('invoices.rejectTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label={t('invoices.rejectTitle')} className="dialog-form">
        <TextAreaField name="reason" label={t('invoices.rejectReason')} required value={reason} error={error} onChange={setReason} />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button kind="danger" type="submit" busy={busy}>
            {t('invoices.reject')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
