import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat } from '../../state/hooks.js';
import { Button, TextField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { NumberField } from '../../ui/NumberField.js';
import { typedNumber } from '../../format.js';

/** Books goods received (or a correction) for a stock-tracked product. */
export function ReceiveStockDialog({ product, onClose }: { product: ProductView; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** A correction below zero waits for the user's yes: what is on hand and what would be left. */
  const [question, setQuestion] = useState<{ onHand: string; after: string } | null>(null);

  const book = async (confirmNegative: boolean) => {
    setBusy(true);
    const result = await api().invoke('products.receiveStock', { productId: product.id, quantity: typedNumber(quantity, f.language), note, ...(confirmNegative ? { confirmNegative } : {}) });
    setBusy(false);
    setQuestion(null);
    if (!result.ok) {
      const details = result.error.details;
      if (result.error.code === 'INSUFFICIENT_STOCK' && details?.needsConfirmation) {
        setErrors({});
        setQuestion({ onHand: String(details.onHand), after: String(details.after) });
        return;
      }
      setErrors(fieldErrors(result.error));
      if (result.error.code !== 'VALIDATION_FAILED') toast('error', t(`errors.${result.error.code}`));
      return;
    }
    toast('success', t('products.received', { sku: product.sku, available: f.decimal(result.value.available) }));
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await book(false);
  };

  const title = t('products.receiveTitle', { sku: product.sku });
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label={title} className="dialog-form">
        <NumberField name="quantity" kind="quantity" negative label={t('products.receiveQuantity')} required hint={t('products.receiveQuantityHint')} value={quantity} error={errors.quantity} onChange={(value) => {
            setQuantity(value);
            setQuestion(null);
          }} />
        <TextField name="note" label={t('products.receiveNote')} value={note} error={errors.note} onChange={setNote} />
        {question ? (
          <div role="alertdialog" aria-labelledby="negative-stock-question" className="form-actions confirm-question">
            <p id="negative-stock-question">{t('products.negativeQuestion', { onHand: f.decimal(question.onHand), after: f.decimal(question.after) })}</p>
            <Button onClick={() => setQuestion(null)}>{t('common.cancel')}</Button>
            <Button kind="danger" busy={busy} onClick={() => void book(true)}>
              {t('products.negativeConfirm')}
            </Button>
          </div>
        ) : (
          <div className="form-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button kind="primary" type="submit" busy={busy}>
              {t('products.receiveStock')}
            </Button>
          </div>
        )}
      </form>
    </Dialog>
  );
}
