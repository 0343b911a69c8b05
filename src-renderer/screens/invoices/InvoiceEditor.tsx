import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, InvoiceView } from '../../../src-shared/contract/index.js';
import { useCompanyCurrency } from '../../editor/catalog.js';
import { CustomerPicker } from '../../editor/CustomerPicker.js';
import { DocumentLinesEditor } from '../../editor/DocumentLinesEditor.js';
import { adjustmentInputs, adjustmentOf, editorLineOf, lineInputs, newLine, NO_ADJUSTMENT, type Adjustment, type EditorLine } from '../../editor/lines.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast } from '../../state/hooks.js';
import { Button, FormSection, TextAreaField, TextField } from '../../ui/controls.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';


/** A direct invoice (without an order), new or a draft / rejected one being corrected. */
export function InvoiceEditor({ invoiceId, onClose, onSaved }: { invoiceId: string | null; onClose(): void; onSaved(id: string): void }) {
  const { t, i18n } = useTranslation();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const companyCurrency = useCompanyCurrency();
  const [invoice, setInvoice] = useState<InvoiceView | null>(null);
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [supplyDate, setSupplyDate] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<EditorLine[]>(() => [newLine()]);
  const [adjustment, setAdjustment] = useState<Adjustment>(NO_ADJUSTMENT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!invoiceId) return;
    void (async () => {
      const result = await api().invoke('invoices.get', { id: invoiceId });
      if (!result.ok) return showError(result.error);
      const view = result.value;
      setInvoice(view);
      setSupplyDate(view.supplyDate);
      setNote(view.note);
      setLines(view.lines.map((line) => editorLineOf(line, i18n.language)));
      setAdjustment(adjustmentOf(view.allowancesCharges, i18n.language));
      const c = await api().invoke('customers.get', { id: view.customerId });
      if (c.ok) setCustomer(c.value);
    })();
  }, [invoiceId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('invoices.saveDraft', {
      ...(invoice ? { id: invoice.id } : {}),
      customerId: customer?.id ?? '',
      ...(supplyDate ? { supplyDate } : {}),
      note,
      lines: lineInputs(lines, i18n.language),
      allowancesCharges: adjustmentInputs(adjustment, i18n.language),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', result.error.code === 'VALIDATION_FAILED' ? t('settings.fixErrors') : t(`errors.${result.error.code}`));
      return;
    }
    toast('success', t('invoices.draftSaved'));
    onSaved(result.value.id);
  };

  const title = invoiceId ? t('invoices.editTitle') : t('invoices.newTitle');
  if (invoiceId && !invoice) return <p>{t('common.loading')}</p>;
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate aria-label={title}>
      <div className="record-head">
        <Button kind="ghost" onClick={onClose}>
          ‹ {t('list.back')}
        </Button>
        <h1>{title}</h1>
      </div>
      <FormSection title={t('invoices.headSection')}>
        <CustomerPicker customer={customer} onChange={setCustomer} error={errors.customerId} />
        <TextField name="supplyDate" type="date" label={t('invoices.supplyDate')} value={supplyDate} error={errors.supplyDate} onChange={setSupplyDate} />
        <TextAreaField name="note" label={t('invoices.note')} value={note} error={errors.note} onChange={setNote} rows={2} />
      </FormSection>
      <DocumentLinesEditor
        currency={invoice?.currency ?? companyCurrency}
        customer={customer}
        lines={lines}
        onLines={setLines}
        adjustment={adjustment}
        onAdjustment={setAdjustment}
        errors={errors}
      />
      <div className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit" busy={busy} shortcut="save">
          {t('invoices.saveDraft')}
        </Button>
      </div>
    </form>
  );
}
