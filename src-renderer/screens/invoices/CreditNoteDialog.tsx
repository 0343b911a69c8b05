import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat } from '../../state/hooks.js';
import { Button, CheckboxField, TextAreaField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { focusElement, focusFirstInvalid } from '../../ui/focus.js';
import { NumberInput } from '../../ui/NumberField.js';
import { textOfKey } from '../../translate.js';
import { typedNumber } from '../../format.js';

/** Correct an issued invoice: the whole of it, or chosen quantities of its lines. */
export function CreditNoteDialog({ invoice, onClose, onCreated }: { invoice: InvoiceView; onClose(): void; onCreated(id: string): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'full' | 'partial'>('full');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [returnStock, setReturnStock] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // After a failed save: the first marked field, or the message about the lines (also those not shown).
  useEffect(() => {
    if (Object.keys(errors).length && !focusFirstInvalid(formRef.current)) focusElement(summaryRef.current);
  }, [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = invoice.lines.filter((l) => (quantities[l.id] ?? '').trim() !== '');
    setBusy(true);
    const result = await api().invoke('invoices.createCreditNote', {
      invoiceId: invoice.id,
      reason,
      returnStock,
      ...(scope === 'partial' ? { lines: chosen.map((l) => ({ lineId: l.id, quantity: typedNumber(quantities[l.id] ?? '', f.language) })) } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      // Line problems come by position in the list sent; show them at the invoice line.
      // The whole invoice sends no lines: its positions are the invoice's own.
      setErrors(lineErrors(fieldErrors(result.error), scope === 'partial' ? chosen : invoice.lines));
      toast('error', t(`errors.${result.error.code}`));
      return;
    }
    toast('success', t('invoices.creditCreated'));
    onCreated(result.value.id);
  };

  const title = t('invoices.creditNoteTitle', { number: invoice.number });
  return (
    <Dialog open title={title} onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={title} className="dialog-form credit-note-form">
        <TextAreaField name="reason" label={t('invoices.creditReason')} required value={reason} error={errors.reason} onChange={setReason} />
        <fieldset className="radio-group">
          <legend>{t('invoices.creditScope')}</legend>
          {(['full', 'partial'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
              {t(s === 'full' ? 'invoices.creditFull' : 'invoices.creditPartial')}
            </label>
          ))}
        </fieldset>
        {(errors.lines || (scope === 'full' && hiddenLineProblems(errors, invoice.lines).length > 0)) && (
          <div ref={summaryRef} className="field-error" role="alert">
            {errors.lines && <p>{textOfKey(t, errors.lines)}</p>}
            {scope === 'full' &&
              hiddenLineProblems(errors, invoice.lines).map(({ n, problem }) => (
                <p key={n}>{t('invoices.creditLineProblem', { n, problem: textOfKey(t, problem) })}</p>
              ))}
          </div>
        )}
        {scope === 'partial' && (
          <table className="table">
            <caption className="visually-hidden">{t('invoices.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lines.position')}</th>
                <th scope="col">{t('lines.description')}</th>
                <th scope="col" className="numeric">{t('lines.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((l, i) => {
                const error = errors[`line:${l.id}`];
                return (
                  <tr key={l.id}>
                    <td>{i + 1}</td>
                    <td>{l.description}</td>
                    <td className="numeric">
                      <NumberInput
                        className="cell-number"
                        kind="quantity"
                        label={t('invoices.creditQuantity', { n: i + 1 })}
                        value={quantities[l.id] ?? ''}
                        error={error}
                        onChange={(text) => setQuantities({ ...quantities, [l.id]: text })}
                      />{' '}
                      <small>{t('invoices.creditOf', { quantity: f.decimal(l.quantity) })}</small>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <CheckboxField name="returnStock" label={t('invoices.returnStock')} checked={returnStock} onChange={setReturnStock} />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button kind="primary" type="submit" busy={busy}>
            {t('invoices.creditCreate')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Line problems come by position in the list sent; keep them at the invoice line they are about. */
function lineErrors(raw: Record<string, string>, sent: readonly { id: string }[]): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [field, problem] of Object.entries(raw)) {
    const match = /^lines\.(\d+)\./.exec(field);
    const line = match ? sent[Number(match[1])] : undefined;
    mapped[line ? `line:${line.id}` : field] = problem;
  }
  return mapped;
}

/** The problems of lines whose fields are not shown (the whole invoice), with their position. */
function hiddenLineProblems(errors: Record<string, string>, lines: readonly { id: string }[]): { n: number; problem: string }[] {
  return lines.flatMap((line, i) => (errors[`line:${line.id}`] ? [{ n: i + 1, problem: errors[`line:${line.id}`]! }] : []));
}
