import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { customerInputOf, VAT_TREATMENTS, type CustomerView, type InputOf } from '../../../src-shared/contract/index.js';
import { useDraftForm } from '../../drafts/drafts.js';
import { formatMinorInput, formatNumberInput, typedNumber, type NumberKind } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { usePermissions } from '../../state/hooks.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../../ui/controls.js';
import { NumberField } from '../../ui/NumberField.js';
import { VAT_ID_EXAMPLE } from '../../../src-shared/validation/vat-id.js';
import { RiskPanel } from '../reminders/RiskPanel.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';

type Values = {
  number: string; name: string; street: string; addition: string; postalCode: string; city: string; country: string;
  vatId: string; taxNumber: string; invoiceEmails: string; language: string; paymentTermsDays: string; kind: string;
  vatTreatment: string; exemptionReason: string; discountPercent: string; creditLimit: string; buyerReference: string;
  eInvoiceFormat: string; skontoPercent: string; skontoDays: string; active: boolean; publicBuyer: boolean; dunningStop: string;
};

const EMPTY: Values = {
  number: '', name: '', street: '', addition: '', postalCode: '', city: '', country: 'DE', vatId: '', taxNumber: '', invoiceEmails: '',
  language: 'de', paymentTermsDays: '14', kind: 'business', vatTreatment: 'domestic', exemptionReason: '', discountPercent: '0',
  creditLimit: '0', buyerReference: '', eInvoiceFormat: 'pdf', skontoPercent: '0', skontoDays: '0', active: true, publicBuyer: false, dunningStop: '',
};

function toValues(c: CustomerView, language: string): Values {
  return {
    number: c.number, name: c.name, street: c.billingAddress.street, addition: c.billingAddress.addition ?? '', postalCode: c.billingAddress.postalCode,
    city: c.billingAddress.city, country: c.billingAddress.country, vatId: c.vatId, taxNumber: c.taxNumber, invoiceEmails: c.invoiceEmails.join(', '),
    language: c.language, paymentTermsDays: String(c.paymentTermsDays), kind: c.kind, vatTreatment: c.vatTreatment, exemptionReason: c.exemptionReason,
    discountPercent: formatNumberInput(c.discountPercent, language, 'percent'), creditLimit: formatMinorInput(c.creditLimit, language), buyerReference: c.buyerReference, eInvoiceFormat: c.eInvoiceFormat,
    skontoPercent: formatNumberInput(c.skontoPercent, language, 'percent'), skontoDays: String(c.skontoDays), active: c.active, publicBuyer: c.publicBuyer, dunningStop: c.dunningStop,
  };
}

/** Where each form field's problem is reported by the contract. */
const PATHS: Partial<Record<keyof Values, string>> = {
  street: 'billingAddress.street', addition: 'billingAddress.addition', postalCode: 'billingAddress.postalCode', city: 'billingAddress.city', country: 'billingAddress.country',
};

function toInput(v: Values, existing: CustomerView | null, language: string): InputOf<'customers.save'> {
  const base = existing ? customerInputOf(existing) : {};
  return {
    ...base,
    number: v.number,
    name: v.name,
    billingAddress: { street: v.street, addition: v.addition, postalCode: v.postalCode, city: v.city, country: v.country },
    vatId: v.vatId,
    taxNumber: v.taxNumber,
    invoiceEmails: v.invoiceEmails.split(',').map((e) => e.trim()).filter(Boolean),
    language: v.language as 'de' | 'en',
    paymentTermsDays: v.paymentTermsDays,
    kind: v.kind as 'business' | 'consumer',
    vatTreatment: v.vatTreatment as CustomerView['vatTreatment'],
    exemptionReason: v.exemptionReason,
    discountPercent: typedNumber(v.discountPercent, language),
    creditLimit: typedNumber(v.creditLimit, language),
    buyerReference: v.buyerReference,
    eInvoiceFormat: v.eInvoiceFormat as CustomerView['eInvoiceFormat'],
    skontoPercent: typedNumber(v.skontoPercent, language),
    skontoDays: v.skontoDays,
    active: v.active,
    publicBuyer: v.publicBuyer,
    dunningStop: v.dunningStop,
  };
}

/** Create or edit a customer; unsaved input is kept as a draft until saved or cancelled. */
export function CustomerForm({ customer, onClose }: { customer: CustomerView | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { user, toast } = useApp();
  const may = usePermissions();
  const [saved, setSaved] = useState<Values | undefined>(customer ? toValues(customer, i18n.language) : undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [busy, setBusy] = useState(false);
  const form = useDraftForm<Values>(`${user?.id ?? 'anonymous'}:customers.${customer?.id ?? 'new'}`, saved);

  useEffect(() => {
    if (customer) return;
    void api()
      .invoke('settings.getCompany', {})
      .then((r) => setSaved({ ...EMPTY, paymentTermsDays: String(r.ok && r.value ? r.value.defaultPaymentTermsDays : 14) }));
  }, [customer]);

  const errorOf = (name: keyof Values) =>
    name === 'invoiceEmails' ? Object.entries(errors).find(([k]) => k.startsWith('invoiceEmails'))?.[1] : errors[PATHS[name] ?? name];
  const text = (name: Exclude<keyof Values, 'active' | 'publicBuyer'>, extra: { required?: boolean; hint?: string; type?: string } = {}) => (
    <TextField name={name} label={t(`customers.${name}`)} value={form.values[name] ?? ''} error={errorOf(name)} onChange={(v) => form.set(name, v)} {...extra} />
  );
  const number = (name: 'discountPercent' | 'creditLimit' | 'skontoPercent', kind: NumberKind, hint?: string) => (
    <NumberField name={name} kind={kind} label={t(`customers.${name}`)} value={form.values[name] ?? ''} error={errorOf(name)} onChange={(v) => form.set(name, v)} {...(hint ? { hint } : {})} />
  );
  const select = (name: Exclude<keyof Values, 'active' | 'publicBuyer'>, options: { value: string; label: string }[]) => (
    <SelectField name={name} label={t(`customers.${name}`)} value={form.values[name] ?? ''} error={errorOf(name)} onChange={(v) => form.set(name, v)} options={options} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api().invoke('customers.save', toInput(form.values, customer, i18n.language));
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', result.error.code === 'VALIDATION_FAILED' ? t('settings.fixErrors') : t(`errors.${result.error.code}`));
      return;
    }
    await form.reset(toValues(result.value, i18n.language));
    toast('success', t('customers.saved', { name: result.value.name }));
    onClose();
  };

  const cancel = async () => {
    await form.reset(saved ?? EMPTY);
    onClose();
  };

  if (!form.ready) return <p>{t('common.loading')}</p>;
  const title = customer ? t('customers.edit', { number: customer.number }) : t('customers.new');
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate aria-label={title}>
      <h1>{title}</h1>
      {form.restored && <p className="notice" role="status">{t('common.restoredDraft')}</p>}
      <FormSection title={t('customers.masterSection')}>
        {text('number', { hint: t('customers.numberHint') })}
        {text('name', { required: true })}
        {select('kind', (['business', 'consumer'] as const).map((k) => ({ value: k, label: t(`customerKind.${k}`) })))}
        {select('language', [{ value: 'de', label: t('common.german') }, { value: 'en', label: t('common.english') }])}
        {text('invoiceEmails', { hint: t('customers.invoiceEmailsHint') })}
        <CheckboxField name="active" label={t('customers.active')} checked={form.values.active} onChange={(v) => form.set('active', v)} />
      </FormSection>
      <FormSection title={t('customers.addressSection')}>
        {text('street', { required: true })}
        {text('addition')}
        {text('postalCode', { required: true })}
        {text('city', { required: true })}
        {text('country', { required: true })}
      </FormSection>
      <FormSection title={t('customers.taxSection')}>
        {select('vatTreatment', VAT_TREATMENTS.map((v) => ({ value: v, label: t(`vatTreatment.${v}`) })))}
        {text('vatId', { hint: VAT_ID_EXAMPLE })}
        {text('taxNumber')}
        {text('exemptionReason')}
      </FormSection>
      <FormSection title={t('customers.termsSection')}>
        {text('paymentTermsDays', { required: true })}
        {number('discountPercent', 'percent')}
        {number('creditLimit', 'money', t('customers.creditLimitHint'))}
        {number('skontoPercent', 'percent')}
        {text('skontoDays')}
        {text('dunningStop', { hint: t('customers.dunningStopHint') })}
      </FormSection>
      {customer && <RiskPanel customerId={customer.id} />}
      <FormSection title={t('customers.eInvoiceSection')}>
        <CheckboxField name="publicBuyer" label={t('customers.publicBuyer')} checked={form.values.publicBuyer} onChange={(v) => form.set('publicBuyer', v)} />
        {text('buyerReference', { required: form.values.publicBuyer, hint: form.values.publicBuyer ? '04011000-1234512345-06' : '' })}
        {select('eInvoiceFormat', (['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'zugferd'] as const).map((v) => ({ value: v, label: t(`eInvoiceFormat.${v}`) })))}
      </FormSection>
      <div className="form-actions">
        <Button onClick={() => void cancel()}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit" busy={busy} disabled={!may.sales} shortcut="save">
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
