import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat } from '../../state/hooks.js';
import { Button, TextField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';

/** Books goods received (or a correction) for a stock-tracked product. */
export function ReceiveStockDialog({ product, onClose }: { product: ProductView; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('products.receiveStock', { productId: product.id, quantity, note });
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      if (result.error.code !== 'VALIDATION_FAILED') toast('error', t(`errors.${result.error.code}`));
      return;
    }
    toast('success', t('products.received', { sku: product.sku, available: f.decimal(result.value.available) }));
    onClose();
  };

  const title = t('products.receiveTitle', { sku: product.sku });
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label={title} className="dialog-form">
        <TextField name="quantity" label={t('products.receiveQuantity')} required hint={t('products.receiveQuantityHint')} value={quantity} error={errors.quantity} onChange={setQuantity} />
        <TextField name="note" label={t('products.receiveNote')} value={note} error={errors.note} onChange={setNote} />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button kind="primary" type="submit" busy={busy}>
            {t('products.receiveStock')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
