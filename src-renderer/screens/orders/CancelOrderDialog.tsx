import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast } from '../../state/hooks.js';
import { Button, TextAreaField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';

/** Asks before an order is cancelled, and why: the reason is kept with the order. */
export function CancelOrderDialog({ order, onClose, onCancelled }: { order: OrderView; onClose(): void; onCancelled(view: OrderView): void }) {
  const { t } = useTranslation();
  const showError = useErrorToast();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const body = useRef<HTMLDivElement>(null);
  useFocusFirstInvalid(body, errors);

  const submit = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    const result = await api()
      .invoke('orders.cancel', { id: order.id, reason })
      .finally(() => {
        sending.current = false;
        setBusy(false);
      });
    if (!result.ok) {
      const problem = fieldErrors(result.error).reason;
      if (problem) setErrors({ reason: problem });
      else showError(result.error);
      return;
    }
    onCancelled(result.value);
  };

  return (
    <Dialog open title={t('orders.cancelTitle', { number: order.number })} onClose={onClose}>
      {/* No form of its own: the dialog opens inside the order's form, and forms do not nest. */}
      <div ref={body}>
        <p>{t('orders.cancelQuestion', { number: order.number })}</p>
        <TextAreaField name="cancelReason" label={t('orders.cancelReason')} required value={reason} error={errors.reason} onChange={setReason} rows={3} />
        <div className="form-actions">
          <Button onClick={onClose}>{t('orders.keepOrder')}</Button>
          <Button kind="danger" busy={busy} onClick={() => void submit()}>
            {t('orders.cancelOrder')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
